"""The command line's own choices: worker count, and listing what can be chosen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import cast

import pytest

from harness import cli, cli_help
from harness.cli import (
    display_wrapper,
    feature_path_args,
    list_choices,
    main,
    pytest_args,
    strict_accessibility,
    worker_args,
)
from harness.config import PROJECT_ROOT
from harness.cookie_policies import POLICIES
from harness.devices import DEVICES
from harness.errors import HarnessSetupError
from harness.matrix import PRESETS
from harness.pytest.options import HELP_GROUPS, pytest_xdist_auto_num_workers
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


def test_a_feature_outside_features_is_refused_with_a_message(tmp_path: Path) -> None:
    stray = tmp_path / "stray.feature"
    stray.write_text("Feature: F\n  Scenario: S\n    Then Sara is told the code is wrong\n")
    result = run_collect("--feature-path", str(stray))
    assert result.returncode == 4, result.stdout + result.stderr
    assert "is outside" in result.stderr
    assert "Move or copy it there" in result.stderr


def test_paths_are_relative_to_where_qa_was_started(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = PROJECT_ROOT / "features" / "sign-in"
    monkeypatch.setenv("QA_CALLER_DIR", str(folder))
    chosen = pytest_args(["create-s-login.feature", "-k", "x/y"])
    assert chosen == [str(folder / "create-s-login.feature"), "-k", "x/y"]


def qa_help(command: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "harness.cli", command, "--help"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


@pytest.mark.parametrize("command", ["bdd", "test"])
def test_help_shows_the_harness_options_grouped(command: str) -> None:
    shown = qa_help(command)
    sections = ["selection: which scenarios run:", "devices and cookie policies:", "browser:",
                "reports:", "environment variables"]  # fmt: skip
    places = [shown.index(section) for section in sections]
    assert places == sorted(places), shown
    for option in ("--tags", "--name", "--device", "--matrix", "--headed", "--tracing", "-k"):
        assert f"\n  {option} " in shown, option
    assert "everything else goes to pytest" in shown


def test_every_harness_option_pytest_knows_is_in_qa_help() -> None:
    """Read from pytest's own help: an option added in a plugin module shows in ./qa's."""
    pytest_help = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/bdd", "--help"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    ours = qa_help("bdd")
    harness_titles = [title for _, title in HELP_GROUPS.values()]
    in_section, missing = False, []
    for line in pytest_help.splitlines():
        if line and not line.startswith(" "):
            in_section = line.rstrip(":") in harness_titles
        elif in_section and line.startswith("  --"):
            option = line.split()[0].split("=")[0]
            if option not in ours:
                missing.append(option)
    assert not missing, f"./qa bdd --help misses {missing}"


def test_a_new_option_group_is_one_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "section_probe_plugin.py").write_text(
        "def pytest_addoption(parser):\n"
        "    group = parser.getgroup('harness-probe', 'Probe section')\n"
        "    group.addoption('--probe-option', metavar='URL', help='a probe')\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    known = cli_help.plugin_modules()
    monkeypatch.setattr(cli_help, "plugin_modules", lambda: [*known, "section_probe_plugin"])
    shown = cli_help.command_help("bdd", "the BDD suite", "tests/bdd")
    assert "Probe section:\n  --probe-option URL" in shown


def test_unknown_options_of_other_commands_are_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["list", "--bogus"])
    assert stopped.value.code == 2
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err


def test_setup_ends_with_the_two_commands_to_run_next(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "setup", lambda config, lint: None)
    monkeypatch.setattr(cli, "install_xvfb", lambda: None)
    assert main(["setup"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-2:]
    assert last[0].startswith("  ./qa bdd"), last
    assert last[1].startswith("  ./qa test"), last


def test_headed_without_a_display_uses_xvfb_or_stops_in_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(cli, "install_xvfb", lambda: None)
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    assert display_wrapper(["--headed"]) == ["xvfb-run", "-a"]
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(HarnessSetupError) as stopped:
        display_wrapper(["--headed"])
    assert "\n" not in str(stopped.value)
    assert "./qa setup installs xvfb-run" in str(stopped.value)
    monkeypatch.setenv("DISPLAY", ":1")
    assert display_wrapper(["--headed"]) == []


def test_qa_test_checks_accessibility_strictly_unless_told(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("HARNESS_A11Y", raising=False)
    assert strict_accessibility(["-x"]) == ["-x", "--a11y=fail"]
    assert strict_accessibility(["--a11y", "off"]) == ["--a11y", "off"]
    monkeypatch.setenv("HARNESS_A11Y", "report")
    assert strict_accessibility([]) == []
