"""Stopping a child process politely, then firmly: the one place that knows how."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from typing import Any


def stop_process(
    process: subprocess.Popen[Any], *, sig: int = signal.SIGTERM, group: bool = False
) -> None:
    """Send ``sig``, wait up to 15 s for a clean exit, then kill.

    With ``group``, the signal goes to the process's whole group (start it with
    ``start_new_session=True``): a wrapper that spawns its own children, such as
    `python -m playwright`, would otherwise leave them running.
    """
    if process.poll() is None:
        _signal(process, sig, group)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            _signal(process, signal.SIGKILL, group)
            process.wait(timeout=10)
    if group:
        # The leader may be gone while its children linger; end them too.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


def _signal(process: subprocess.Popen[Any], sig: int, group: bool) -> None:
    with contextlib.suppress(ProcessLookupError):
        if group:
            os.killpg(process.pid, sig)
        else:
            process.send_signal(sig)
