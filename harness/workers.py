"""How many pytest-xdist workers this machine can really run side by side."""

from __future__ import annotations

import os


def default_workers() -> int:
    """Half the usable cores, at least one.

    A scenario keeps about two cores busy (Chromium's renderer and browser processes,
    plus the stubs and pytest), so more workers than half the usable cores only queue
    for CPU: on 2 cores, two workers measured slower than one.
    """
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, (usable or 1) // 2)


def chosen_workers() -> int:
    """HARNESS_WORKERS when set, otherwise the machine's default."""
    chosen = os.environ.get("HARNESS_WORKERS", "").strip()
    if not chosen:
        return default_workers()
    if not chosen.isdigit() or int(chosen) < 1:
        raise ValueError(f"HARNESS_WORKERS={chosen!r} is not a whole number of workers (1 or more)")
    return int(chosen)
