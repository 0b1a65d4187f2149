"""Timestamps and whole-machine CPU, shared by the harness run and the bare script."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU seconds all cores have spent busy since boot (user, system, irq...; not idle)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / CLOCK_TICKS


class ScenarioClock:
    """Notes when each scenario ended and how busy the machine had been by then."""

    def __init__(self) -> None:
        self.ends: list[float] = []
        self.busy: list[float] = []

    def scenario_done(self) -> None:
        self.ends.append(time.time())
        self.busy.append(machine_busy_seconds())

    def write(self, path: Path) -> None:
        path.write_text(json.dumps({"ends": self.ends, "busy": self.busy}))


_CLOCK = ScenarioClock()


@pytest.hookimpl(trylast=True)
def pytest_runtest_logfinish(nodeid: str, location: object) -> None:
    _CLOCK.scenario_done()


def pytest_sessionfinish(session: pytest.Session) -> None:
    out = os.environ.get("BENCH_TIMING_OUT")
    if out:
        _CLOCK.write(Path(out))
