"""Waiting for a condition with a deadline instead of sleeping a fixed time."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class WaitTimeout(AssertionError):
    """The condition did not hold before the deadline; the message tells what was last seen."""


def wait_until(
    probe: Callable[[], T | None],
    *,
    timeout_s: float,
    describe: Callable[[], str],
    what: str,
    interval_s: float = 0.05,
    max_interval_s: float = 0.25,
) -> T:
    """Call ``probe`` until it returns something other than None, or fail with ``describe()``.

    The interval backs off gently so a slow condition does not cost many requests,
    while a fast one is seen within tens of milliseconds.
    """
    deadline = time.monotonic() + timeout_s
    delay = interval_s
    while True:
        result = probe()
        if result is not None:
            return result
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise WaitTimeout(f"Timed out after {timeout_s:g} s waiting for {what}. {describe()}")
        # Polling pause between probes, bounded by the deadline (not a fixed sleep).
        time.sleep(min(delay, remaining))
        delay = min(delay * 1.5, max_interval_s)


async def loop_turns(count: int) -> None:
    """Let the running event loop turn `count` times, with no delay: what was scheduled
    (a request to Playwright's driver being written) goes ahead meanwhile."""
    for _ in range(count):
        await asyncio.sleep(0)


async def turns_until(condition: Callable[[], bool], *, timeout_s: float) -> bool:
    """Let the running event loop turn, with no delay, until `condition()` holds or the
    deadline passes; whether it held."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() >= deadline:
            return False
        await asyncio.sleep(0)
    return True
