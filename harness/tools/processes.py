"""Stopping a child process politely, then firmly: the one place that knows how."""

from __future__ import annotations

import signal
import subprocess
from typing import Any


def stop_process(process: subprocess.Popen[Any], *, sig: int = signal.SIGTERM) -> None:
    """Send ``sig``, wait up to 15 s for a clean exit, then kill."""
    if process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
