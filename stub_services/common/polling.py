"""Waiting for a condition with a deadline (the stubs' one polling loop; no fixed sleeps)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def poll_until(probe: Callable[[], T | None], *, deadline: float, interval_s: float = 0.05) -> T:
    """Call ``probe`` until it returns a value; raise TimeoutError once ``deadline`` passes.

    ``deadline`` is a ``time.monotonic()`` instant. The pause between probes is bounded
    by the deadline, so the wait is never longer than asked for.
    """
    while (result := probe()) is None:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        time.sleep(min(interval_s, remaining))
    return result
