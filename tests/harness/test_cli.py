"""The command line's own choices: worker count, and listing what can be chosen."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import cast

import pytest

from harness.cli import feature_path_args, list_choices, worker_args
from harness.config import PROJECT_ROOT
from harness.cookie_policies import POLICIES
from harness.devices import DEVICES
from harness.matrix import PRESETS
from harness.pytest.options import pytest_xdist_auto_num_workers
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


def test_a_feature_path_for_qa_bdd_becomes_a_selection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PROJECT_ROOT)
    folder = str(PROJECT_ROOT / "features" / "sign-in")
    assert feature_path_args(["features/sign-in", "-x"]) == ["--feature-path", folder, "-x"]
    typo = str(PROJECT_ROOT / "features" / "nope.feature")
    assert feature_path_args(["features/nope.feature"]) == ["--feature-path", typo]
    # Option values and other pytest targets pass through untouched.
    assert feature_path_args(["-k", "features", "-m", "C18"]) == ["-k", "features", "-m", "C18"]
    assert feature_path_args(["tests/bdd/test_features.py"]) == ["tests/bdd/test_features.py"]


def run_collect(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pytest", "tests/bdd", "--collect-only", "-q",
               "-p", "no:cacheprovider", *args]  # fmt: skip
    return subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)


def collected(output: str) -> list[str]:
    """The collected scenarios, each reduced to "signin_link" or "other"."""
    ids = [line for line in output.splitlines() if line.startswith("tests/bdd/")]
    return ["signin_link" if "signin_link" in line else "other" for line in ids]


def test_feature_path_selects_the_scenarios_of_that_file_or_folder() -> None:
    one_file = run_collect("--feature-path", "features/sign-in/open-redirects.feature")
    # The file has one Scenario Outline with three examples.
    assert collected(one_file.stdout) == ["signin_link"] * 3, one_file.stdout
    folder = run_collect("--feature-path", "features/sign-in")
    whole = run_collect()
    assert 3 < len(collected(folder.stdout)) < len(collected(whole.stdout)), folder.stdout


def test_a_missing_feature_path_is_named() -> None:
    result = run_collect("--feature-path", "features/nope")
    assert result.returncode == 4, result.stdout + result.stderr
    assert "--feature-path features/nope: no such feature file or folder" in result.stderr
