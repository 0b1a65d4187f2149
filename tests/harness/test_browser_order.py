"""Scenarios that start on the same browser profile run side by side, so a bound on open
profiles (--max-browsers) costs few relaunches."""

from __future__ import annotations

import itertools

import pytest

from harness.config import PROJECT_ROOT

pytest_plugins = ["pytester"]

PRINTER = """
from harness.pytest.selection import starting_browser

def pytest_collection_finish(session):
    for item in session.items:
        print("ORDER", "|".join(starting_browser(item)))
"""


def test_the_nightly_matrix_runs_device_by_device(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(order_printer=PRINTER)
    result = pytester.runpytest_subprocess(
        str(PROJECT_ROOT / "tests" / "bdd"),
        "--collect-only", "-q", "-p", "order_printer", "-p", "no:cacheprovider",
        "--rootdir", str(PROJECT_ROOT), "-c", str(PROJECT_ROOT / "pyproject.toml"),
        "--matrix", "nightly",
    )  # fmt: skip
    starts = [line.split(" ", 1)[1] for line in result.outlines if line.startswith("ORDER ")]
    devices = [start.split("|")[0] for start in starts if start.split("|")[0]]
    runs = [device for device, _ in itertools.groupby(devices)]
    assert len(set(devices)) >= 5, f"too few devices to tell anything: {sorted(set(devices))}"
    assert len(runs) == len(set(runs)), f"a device's scenarios are split up: {runs}"
