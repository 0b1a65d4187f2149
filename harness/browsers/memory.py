"""How much memory a worker and the browsers it started use, and when to say it is too much."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

_PAGE = os.sysconf("SC_PAGE_SIZE")
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


def resident_bytes(pids: Iterable[int]) -> int:
    """Summed resident memory. Pages shared between Chromium's processes count once per
    process, so this errs high: a limit it passes is passed for sure."""
    total = 0
    for pid in pids:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE
        except (OSError, IndexError, ValueError):
            continue  # the process ended between the listing and the read
    return total


@dataclass
class MemoryWatch:
    """Says when this worker's processes pass `limit_mb`; again only when use grew by a
    tenth since it last said so, so a report is not one warning per scenario."""

    limit_mb: int
    worker: str
    _last_warned: int = 0

    def check(self, open_profiles: Iterable[str]) -> str | None:
        if not self.limit_mb:
            return None
        used = resident_bytes(process_tree(os.getpid()))
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
