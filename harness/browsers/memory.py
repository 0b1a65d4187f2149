"""How much memory a worker and what it started (browsers, stub world, Mailpit) use, and when
to say it is too much."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return found
    for task in tasks:
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def process_tree(pid: int) -> list[int]:
    """`pid` and every process below it (Playwright's driver, Chromium and its children)."""
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo += _children(current)
    return tree


def proportional_bytes(pids: Iterable[int]) -> int:
    """Summed PSS: each page shared by several processes (Chromium's share most of theirs)
    counts in equal parts, so the sum is what the processes cost the machine together.
    Resident size would count a shared page once per process, several times too high."""
    total = 0
    for pid in pids:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue  # the process ended between the listing and the read
        for line in rollup.splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1]) * 1024
                break
    return total


@dataclass
class MemoryWatch:
    """Says when this worker's processes pass `limit_mb`; again only when use grew by a
    tenth since it last said so, so a report is not one warning per scenario.

    Reading PSS walks every process's page tables: 80-150 ms for a worker with a few
    browsers, as long as a tenth of a scenario. So it looks at most once per `interval_s`,
    the first time when the worker has run that long: memory grows by whole profiles,
    which the next look a few scenarios later still sees, and a run of a scenario or two
    (issue 19's inner loop) does not pay for a look after its last scenario.
    """

    limit_mb: int
    worker: str
    interval_s: float = 20.0
    _last_warned: int = 0
    _next_look: float | None = None

    def check(self, open_profiles: Iterable[str]) -> str | None:
        now = time.monotonic()
        if self._next_look is None:
            self._next_look = now + self.interval_s
        if not self.limit_mb or now < self._next_look:
            return None
        self._next_look = now + self.interval_s
        used = proportional_bytes(process_tree(os.getpid()))
        if used <= self.limit_mb * MB or used <= self._last_warned * 1.1:
            return None
        self._last_warned = used
        profiles = list(open_profiles)
        return (
            f"worker {self.worker} uses {used // MB:,} MB, above its limit of "
            f"{self.limit_mb:,} MB (HARNESS_MEMORY_LIMIT_MB), with {len(profiles)} browser "
            f"profile(s) open: {', '.join(profiles) or 'none'}. Lower --max-browsers "
            "(HARNESS_MAX_BROWSERS) or raise the limit."
        )
