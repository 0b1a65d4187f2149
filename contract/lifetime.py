"""Child processes that end with the process that started them (Linux)."""

from __future__ import annotations

import ctypes
import signal
import sys

PR_SET_PDEATHSIG = 1
# Looked up once, here: a forked child must not load libraries before exec.
_PRCTL = ctypes.CDLL(None, use_errno=True).prctl if sys.platform.startswith("linux") else None


def end_with_parent() -> None:
    """For subprocess's preexec_fn: SIGTERM this child when its parent dies, however it
    dies, so a killed test run leaves no world, and a killed world no stubs, holding ports
    and CPU. Elsewhere than Linux it does nothing."""
    if _PRCTL is not None:
        _PRCTL(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
