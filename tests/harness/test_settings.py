"""A bad value of any HARNESS_* setting stops the run, naming the setting, the value and
what it accepts, in the setting's own unit; a misspelt setting is named before the run."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from harness.config import PROJECT_ROOT, SETTINGS, HarnessConfig, misspelt_settings

# (setting, bad value, words the message must hold besides the setting and the value)
BAD_VALUES = [
    ("HARNESS_HEADED", "maybe", ["on", "off", "true", "false"]),
    ("HARNESS_STEP_SCREENSHOTS", "sometimes", ["on", "off"]),
    ("HARNESS_EMAIL_TIMEOUT", "-5", ["seconds", "more than 0"]),
    ("HARNESS_UI_TIMEOUT", "0", ["seconds", "more than 0"]),
    ("HARNESS_WORLD_START_TIMEOUT", "soon", ["seconds"]),
    ("HARNESS_SLOWMO_MS", "fast", ["milliseconds", "0 or more"]),
    ("HARNESS_MAX_BROWSERS", "-1", ["whole number of browsers"]),
    ("HARNESS_MEMORY_LIMIT_MB", "lots", ["whole number of megabytes"]),
    ("HARNESS_WORKERS", "two", ["whole number of workers", "1 or more"]),
    ("HARNESS_DEVICE", "nokia-3310", ["desktop-chrome", "samsung-s24-internet-29"]),
    ("HARNESS_COOKIE_POLICY", "crumbs", ["allow", "block-all"]),
    ("HARNESS_MATRIX", "weekly", ["default", "nightly"]),
    ("HARNESS_SHARD", "3/2", ["I/N"]),
    ("HARNESS_GRID_URL", "grid:4444", ["http://"]),
    ("HARNESS_ENV", "nowhere", ["stub", "served", ".toml"]),
]


@pytest.mark.parametrize(
    ("name", "value", "accepted"), BAD_VALUES, ids=[name for name, _, _ in BAD_VALUES]
)
def test_a_bad_value_names_the_setting_the_value_and_what_is_accepted(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, accepted: list[str]
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=name) as stopped:
        HarnessConfig.from_env()
    message = str(stopped.value)
    assert f"{name}={value!r}" in message, message
    for words in accepted:
        assert words in message, f"{message!r} does not say {words!r}"


def test_a_reports_folder_that_is_a_file_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    existing = tmp_path / "reports"
    existing.write_text("not a folder")
    monkeypatch.setenv("HARNESS_REPORTS_DIR", str(existing))
    with pytest.raises(ValueError, match=r"HARNESS_REPORTS_DIR=.* is a file; give a folder"):
        HarnessConfig.from_env()


@pytest.mark.parametrize("value", ["1", "true", "Yes", "ON"])
def test_every_spelling_of_on_turns_a_switch_on(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("HARNESS_HEADED", value)
    monkeypatch.setenv("HARNESS_STEP_SCREENSHOTS", "off")
    config = HarnessConfig.from_env()
    assert config.headed is True
    assert config.step_screenshots is False


def test_good_values_are_read_in_their_units(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HARNESS_EMAIL_TIMEOUT", "2.5")
    monkeypatch.setenv("HARNESS_SLOWMO_MS", "0")
    monkeypatch.setenv("HARNESS_WORLD_START_TIMEOUT", "90")
    config = HarnessConfig.from_env()
    assert (config.email_timeout_s, config.slow_mo_ms) == (2.5, 0.0)
    assert config.world_start_timeout_s == 90.0


def test_qa_stops_before_it_starts_anything() -> None:
    env = {**os.environ, "HARNESS_HEADED": "maybe"}
    done = subprocess.run(
        [sys.executable, "-m", "harness.cli", "doctor"],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2, done.stdout + done.stderr
    assert "HARNESS_HEADED='maybe' is neither on nor off" in done.stderr
    assert "Chromium" not in done.stdout, "it went on after the bad value"


def test_the_recording_modes_have_one_source() -> None:
    """--tracing/HARNESS_TRACING is read by harness/pytest/recording.py with the video and
    screenshot modes. A second copy on HarnessConfig, with another default
    (on-first-retry), was read by nothing and told a reader the wrong mode."""
    settings = {f.name for f in dataclasses.fields(HarnessConfig)}
    assert not settings & {"tracing", "video", "screenshot"}


def test_a_misspelt_setting_is_named_with_the_setting_it_looks_like() -> None:
    env = {"HARNESS_TRACNG": "on", "HARNESS_BUILD_ID": "7", "HARNESS_TRACING": "on", "PATH": "/"}
    # HARNESS_BUILD_ID is another tool's (Harness CI's): not close to any setting, not named.
    assert misspelt_settings(env) == [
        "HARNESS_TRACNG is not a setting and is ignored; did you mean HARNESS_TRACING?"
    ]


def test_every_setting_the_harness_reads_or_the_readme_names_is_known() -> None:
    """A setting missing from SETTINGS would be called a misspelling of its neighbour. The
    README's names are those of its tables ("Configuration")."""
    readme = (PROJECT_ROOT / "README.md").read_text().splitlines()
    table = "\n".join(line for line in readme if line.startswith("| `"))
    named = set(re.findall(r"HARNESS_[A-Z0-9_]*[A-Z0-9]", table))
    assert len(named) > 15, "the README's table of settings was not found"
    for source in (PROJECT_ROOT / "harness").rglob("*.py"):
        named |= set(re.findall(r'"(HARNESS_[A-Z0-9_]+)"', source.read_text()))
    assert named - SETTINGS == set()


def test_a_bdd_run_says_so_of_a_misspelt_setting_before_it_starts() -> None:
    env = {**os.environ, "HARNESS_STEP_SCREENSHOT": "off"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/bdd", "--collect-only", "-q",
         "--feature-path", "features/sign-in/create-s-login.feature", "-p", "no:cacheprovider"],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    first = done.stdout.splitlines()[0]
    assert first == (
        "harness: HARNESS_STEP_SCREENSHOT is not a setting and is ignored; "
        "did you mean HARNESS_STEP_SCREENSHOTS?"
    ), done.stdout
