"""The command line's own choices: worker count, and listing what can be chosen."""

from __future__ import annotations

import os
from typing import cast

import pytest

from harness.cli import list_choices, worker_args
from harness.cookie_policies import POLICIES
from harness.devices import DEVICES
from harness.matrix import PRESETS
from harness.plugin import pytest_xdist_auto_num_workers
from harness.workers import default_workers

pytest_plugins = ["pytester"]


def test_an_explicit_worker_count_is_respected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HARNESS_WORKERS", "3")
    assert worker_args(["-k", "x"]) == ["-n", "3"]
    assert worker_args(["-n", "2"]) == []
    assert worker_args(["-n2"]) == []
    assert worker_args(["--numprocesses=2"]) == []


def test_one_worker_means_no_xdist(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HARNESS_WORKERS", "1")
    assert worker_args([]) == []


@pytest.mark.parametrize(("cores", "workers"), [(1, 1), (2, 1), (3, 1), (4, 2), (16, 8)])
def test_default_workers_leave_two_cores_per_browser(
    monkeypatch: pytest.MonkeyPatch, cores: int, workers: int
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(cores)))
    assert default_workers() == workers


def test_n_auto_asks_the_harness_not_the_core_count(monkeypatch: pytest.MonkeyPatch) -> None:
    """pytest-xdist's `-n auto` would start one worker per core; the harness answers."""
    monkeypatch.delenv("HARNESS_WORKERS", raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1})
    assert pytest_xdist_auto_num_workers(cast(pytest.Config, None)) == 1
    monkeypatch.setenv("HARNESS_WORKERS", "3")
    assert pytest_xdist_auto_num_workers(cast(pytest.Config, None)) == 3
    monkeypatch.setenv("HARNESS_WORKERS", "two")
    with pytest.raises(pytest.UsageError, match="HARNESS_WORKERS='two'"):
        pytest_xdist_auto_num_workers(cast(pytest.Config, None))


def test_n_auto_starts_the_harness_count_of_workers(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through pytest-xdist itself: `-n auto` with HARNESS_WORKERS=1 starts one worker."""
    monkeypatch.setenv("HARNESS_WORKERS", "1")
    monkeypatch.setenv("HARNESS_REPORTS_DIR", str(pytester.path / "reports"))
    pytester.makepyfile("def test_one():\n    assert True\n")
    pytester.makeconftest("pytest_plugins = ['harness.plugin']\n")
    result = pytester.runpytest_subprocess("-n", "auto", "-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(["*1 worker*"])
    result.assert_outcomes(passed=1)


def test_list_names_every_device_policy_and_preset(capsys: pytest.CaptureFixture[str]) -> None:
    assert list_choices() == 0
    shown = capsys.readouterr().out
    for name in [*DEVICES, *POLICIES, *PRESETS, "block-site:HOST"]:
        assert name in shown
    assert "not WebKit" in shown
