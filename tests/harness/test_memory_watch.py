"""A worker that passes its memory limit says so once, naming its open profiles, and the
summary carries what it said."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from harness.browsers.memory import MemoryWatch, process_tree, proportional_bytes
from harness.report import RunSummary


def test_this_process_costs_something_and_is_its_own_tree() -> None:
    assert process_tree(os.getpid())[0] == os.getpid()
    assert proportional_bytes([os.getpid()]) > 1024 * 1024


def test_a_worker_over_its_limit_says_so_once_and_names_its_profiles() -> None:
    watch = MemoryWatch(limit_mb=1, worker="gw1", interval_s=0)
    said = watch.check(["pixel-7-chrome--allow--0", "desktop-chrome--block-all--0"])
    assert said is not None
    assert "worker gw1" in said
    assert "limit of 1 MB" in said
    assert "2 browser profile(s) open: pixel-7-chrome--allow--0, desktop-chrome--block-all--0" in (
        said
    )
    assert "--max-browsers" in said, "the warning must say what to do"
    assert watch.check(["pixel-7-chrome--allow--0"]) is None, "the same use is said only once"


def test_the_watch_looks_at_most_once_per_interval() -> None:
    watch = MemoryWatch(limit_mb=1, worker="main", interval_s=3600)
    # The first look comes when the worker has run for an interval, not after scenario 1.
    assert watch.check(["a"]) is None
    watch._next_look = 0.0  # an interval has passed
    assert watch.check(["a"]) is not None
    watch._last_warned = 0  # as if use had dropped and grown again: still no second look
    assert watch.check(["a"]) is None


def test_no_limit_means_no_warning() -> None:
    assert MemoryWatch(limit_mb=0, worker="main").check(["a"]) is None
    assert MemoryWatch(limit_mb=1024 * 1024, worker="main").check(["a"]) is None


def test_the_summary_carries_each_warning_once(tmp_path: Path) -> None:
    summary = RunSummary(tmp_path)
    warning = "worker gw0 uses 2,600 MB, above its limit of 2,048 MB"
    for when in ("call", "teardown"):
        summary.add(
            pytest.TestReport(
                "f::s", ("f", 1, "s"), {}, "passed", None, when,
                user_properties=[("scenario", "s"), ("memory_warning", warning)],
            )
        )  # fmt: skip
    summary.write()
    assert summary.memory_warnings == [warning]
    assert f"MEMORY: {warning}" in summary.terminal_lines()
    assert "## Memory" in (tmp_path / "summary.md").read_text()
    assert json.loads((tmp_path / "summary.json").read_text())["memory_warnings"] == [warning]
