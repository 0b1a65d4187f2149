"""One Ctrl-C stops a run once, although it arrives twice.

A terminal's Ctrl-C goes to its whole foreground process group: pytest gets SIGINT, and
so does ./qa, which passes it on to pytest (harness/cli.py, so that `kill -INT` of ./qa
alone also stops the run). pytest turns the first SIGINT into an orderly stop: fixtures
stop the world, Mailpit and the browsers, and the reports say INTERRUPTED. The second,
a few milliseconds later, used to land inside that stop and end it with a
KeyboardInterrupt traceback, exit status 254 and browser processes left behind. This
plugin, loaded first (`-p` in pyproject.toml's addopts), treats a SIGINT that comes within
SAME_INTERRUPT_S of the previous one as the same interrupt. A Ctrl-C pressed again later
still interrupts the stop, as a user pressing it twice means it to. It replaces only
Python's default SIGINT handler, and puts that back at the end.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from types import FrameType

import pytest

SAME_INTERRUPT_S = 1.0


class InterruptOnce:
    """A SIGINT handler: KeyboardInterrupt, except for a repeat within `window_s`."""

    def __init__(
        self, window_s: float = SAME_INTERRUPT_S, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.window_s = window_s
        self.clock = clock
        self.last: float | None = None

    def __call__(self, _signum: int, _frame: FrameType | None) -> None:
        now = self.clock()
        repeat = self.last is not None and now - self.last < self.window_s
        self.last = now
        if not repeat:
            raise KeyboardInterrupt


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: pytest.Config) -> None:
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, InterruptOnce())
        early_config.add_cleanup(_restore)


def _restore() -> None:
    signal.signal(signal.SIGINT, signal.default_int_handler)
