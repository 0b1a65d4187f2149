"""Command-line options, markers and the run's settings, checked once at configure time."""

from __future__ import annotations

import dataclasses
import os
from typing import Any

import pytest
from playwright.sync_api import expect

from harness.browsers.tracing import SCREENSHOT_MODES, VIDEO_MODES
from harness.config import TRACING_MODES, HarnessConfig, misspelt_settings
from harness.cookie_policies import POLICIES, cookie_policy
from harness.devices import DEVICES, device
from harness.matrix import PRESETS, Shard, preset
from harness.workers import chosen_workers

CLAIM_IDS = [f"C{n:02d}" for n in range(1, 22)]
EXTRA_TAGS = {
    "stub_only": "needs the stub world's control API (clock, events); not run against staging",
    "matrix": "runs once per device of the chosen matrix preset (--matrix)",
    "harness_device": "from a @device:NAME tag: the scenario's default device",
    "harness_cookies": "from a @cookies:NAME tag: the scenario's default cookie policy",
}
# Options that override a HarnessConfig field of another name when given.
OPTION_FIELDS = (
    ("device", "default_device"),
    ("cookie_policy", "default_cookie_policy"),
    ("headed", "headed"),
    ("slowmo", "slow_mo_ms"),
    ("chromium_path", "chromium_path"),
    ("matrix", "matrix"),
    ("shard", "shard"),
    ("grid", "grid_url"),
    ("max_browsers", "max_browsers"),
)
_SETTINGS = pytest.StashKey[HarnessConfig]()


# Sections of the harness's options, in the order `./qa bdd --help` and pytest's --help show
# them: (pytest group name, title). A plugin module adds an option to one with
# `parser.getgroup(*HELP_GROUPS["browser"]).addoption(...)`, or a section of its own with
# `parser.getgroup("harness-NAME", "TITLE")`; both appear in `./qa bdd --help` unchanged.
HELP_GROUPS = {
    "selection": ("harness-selection", "selection: which scenarios run"),
    "devices": ("harness-devices", "devices and cookie policies"),
    "browser": ("harness-browser", "browser"),
    "reports": ("harness-reports", "reports"),
    "environment": ("harness-environment", "environment"),
}


def pytest_addoption(parser: pytest.Parser) -> None:
    selection, devices, browser, reports, _ = (parser.getgroup(*g) for g in HELP_GROUPS.values())
    devices.addoption(
        "--device", help=f"default device profile ({', '.join(sorted(DEVICES))}; HARNESS_DEVICE)"
    )
    devices.addoption(
        "--cookie-policy",
        help=f"default cookie policy ({', '.join(sorted(POLICIES))}; HARNESS_COOKIE_POLICY)",
    )
    browser.addoption(
        "--headed", action="store_true", default=None, help="show the browsers (HARNESS_HEADED)"
    )
    browser.addoption("--slowmo", type=float, default=None, help="slow each action by MS")
    browser.addoption("--chromium-path", default=None, help="the Chromium binary to drive")
    devices.addoption(
        "--matrix", default=None, help=f"devices for @matrix scenarios ({', '.join(PRESETS)})"
    )
    selection.addoption("--shard", default=None, help="run shard I of N (e.g. 2/4), stable split")
    browser.addoption(
        "--max-browsers",
        type=int,
        default=None,
        metavar="N",
        help="browser profiles a worker keeps open at once, least recently used closed "
        "first (HARNESS_MAX_BROWSERS; default 4; 0 for no bound)",
    )
    selection.addoption(
        "--feature-path",
        action="append",
        default=[],
        metavar="PATH",
        help="run only the scenarios of this feature file or folder (may be repeated; "
        "./qa bdd takes the path alone)",
    )
    reports.addoption(
        "--step-screenshots",
        choices=("on", "off"),
        default=None,
        help="a screenshot in the report after every step (default on)",
    )
    browser.addoption(
        "--grid",
        default=None,
        metavar="URL",
        help="run every browser on this Selenium Grid 4 (HARNESS_GRID_URL), e.g. the one "
        "`./qa grid start` prints",
    )
    add_recording_options(parser)


def add_recording_options(parser: pytest.Parser) -> None:
    """What is recorded of a scenario, with pytest-playwright's option names and modes."""
    group = parser.getgroup(*HELP_GROUPS["reports"])
    group.addoption(
        "--tracing",
        choices=TRACING_MODES,
        default=None,
        help="Playwright traces (HARNESS_TRACING): of every scenario (on), none (off), of "
        "failures only (retain-on-failure, the default), or of first retries (on-first-retry)",
    )
    group.addoption(
        "--trace-snapshots",
        choices=("on", "off"),
        default=None,
        help="DOM snapshots and the network in traces, the page before and after every "
        "action (HARNESS_TRACE_SNAPSHOTS); default on, except off under retain-on-failure "
        "while the report has step screenshots",
    )
    group.addoption(
        "--video",
        choices=VIDEO_MODES,
        default=None,
        help="videos of every browser (HARNESS_VIDEO): none (off, the default), every "
        "scenario (on), or failures only (retain-on-failure)",
    )
    group.addoption(
        "--screenshot",
        choices=SCREENSHOT_MODES,
        default=None,
        help="a full-page screenshot of every browser at the end (HARNESS_SCREENSHOT): "
        "never (off), always (on), or of failures (only-on-failure, the default)",
    )


def pytest_configure(config: pytest.Config) -> None:
    for claim in CLAIM_IDS:
        config.addinivalue_line("markers", f"{claim}: covers claim {claim} of claims.md")
    for tag, meaning in EXTRA_TAGS.items():
        config.addinivalue_line("markers", f"{tag}: {meaning}")
    try:
        settings = _settings_from(config)
        device(settings.default_device)
        cookie_policy(settings.default_cookie_policy)
        preset(settings.matrix)
        if settings.shard:
            Shard.parse(settings.shard)
        if settings.max_browsers < 0:
            raise ValueError(f"--max-browsers {settings.max_browsers}: give 0 (no bound) or more")
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from exc
    config.stash[_SETTINGS] = settings
    # One deadline for every UI wait, page actions and expect() alike; expect()'s is
    # process-wide in Playwright, so it is set once here rather than per browser pool.
    expect.set_options(timeout=settings.ui_timeout_s * 1000)


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    """Say so of a misspelt setting before anything else, once (not in each xdist worker)."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None or hasattr(session.config, "workerinput"):
        return
    for line in misspelt_settings(os.environ):
        reporter.write_line(f"harness: {line}", yellow=True)


def harness_settings(config: pytest.Config) -> HarnessConfig:
    """The run's settings, as pytest_configure checked them."""
    return config.stash[_SETTINGS]


@pytest.fixture(scope="session")
def harness_config(pytestconfig: pytest.Config) -> HarnessConfig:
    return harness_settings(pytestconfig)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` means as many workers as the machine can run side by side, not one per
    core: on 2 cores a second worker made the suite slower (README, "Performance")."""
    try:
        return chosen_workers()
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from exc


def _settings_from(config: pytest.Config) -> HarnessConfig:
    base = HarnessConfig.from_env(config.getoption("env", default=None))
    # Values come from argparse, already checked against each option's choices and type.
    overrides: dict[str, Any] = {}
    step_shots = config.getoption("step_screenshots", default=None)
    if step_shots is not None:
        overrides["step_screenshots"] = step_shots == "on"
    for option, field_name in OPTION_FIELDS:
        value = config.getoption(option, default=None)
        if value is not None:
            overrides[field_name] = value
    return dataclasses.replace(base, **overrides)
