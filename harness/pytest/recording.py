"""What is recorded of every scenario (traces, videos, screenshots), by pytest-playwright's
modes, from --tracing/--video/--screenshot or HARNESS_TRACING/HARNESS_VIDEO/HARNESS_SCREENSHOT,
and whether traces hold DOM snapshots (--trace-snapshots, HARNESS_TRACE_SNAPSHOTS).

The default keeps a trace of every failure (`retain-on-failure`): a failure always leaves a
trace that the report links, without a rerun (README, "Performance", measures its cost).
"""

from __future__ import annotations

import os
from typing import cast

import pytest
from pytest_bdd.parser import Step

from harness import setting_values
from harness.browsers import ScenarioBrowsers
from harness.browsers.tracing import (
    SCREENSHOT_MODES,
    VIDEO_MODES,
    Recording,
    ScreenshotMode,
    VideoMode,
    checked,
)
from harness.config import TRACING_MODES, TracingMode
from harness.pytest.diagnosis import active_fixture

DEFAULT = Recording(tracing="retain-on-failure", video="off", screenshot="only-on-failure")
_RECORDING = pytest.StashKey[Recording]()
_STEP = pytest.StashKey[str]()


def _mode(
    config: pytest.Config, option: str, env: str, accepted: tuple[str, ...], default: str
) -> str:
    given = config.getoption(option, default=None)
    if given is not None:
        return str(given)  # argparse has checked it against the same choices
    return checked(env, os.environ.get(env) or default, accepted)


def _snapshots(config: pytest.Config) -> bool | None:
    """--trace-snapshots or HARNESS_TRACE_SNAPSHOTS; None when neither is given."""
    given = config.getoption("trace_snapshots", default=None)
    if given is not None:
        return str(given) == "on"
    text = os.environ.get("HARNESS_TRACE_SNAPSHOTS", "").strip()
    return setting_values.on_off("HARNESS_TRACE_SNAPSHOTS", text) if text else None


def pytest_configure(config: pytest.Config) -> None:
    try:
        recording = Recording(
            tracing=cast(
                TracingMode,
                _mode(config, "tracing", "HARNESS_TRACING", TRACING_MODES, DEFAULT.tracing),
            ),
            video=cast(
                VideoMode, _mode(config, "video", "HARNESS_VIDEO", VIDEO_MODES, DEFAULT.video)
            ),
            screenshot=cast(
                ScreenshotMode,
                _mode(
                    config, "screenshot", "HARNESS_SCREENSHOT", SCREENSHOT_MODES, DEFAULT.screenshot
                ),
            ),
            snapshots=_snapshots(config),
        )
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from exc
    # Read as options.py reads it: its settings are stored only after this hook (pytest calls
    # configure hooks last-registered first), and a trylast hook here would run after
    # summary.py has moved the previous run's evidence aside for a run that never starts.
    grid = config.getoption("grid", default=None) or os.environ.get("HARNESS_GRID_URL", "").strip()
    if recording.video != "off" and grid:
        # A Grid browser is the session's own context, attached over CDP; Playwright films
        # only contexts it creates, so the run would end with no video and no word why.
        raise pytest.UsageError(
            f"--video {recording.video} (HARNESS_VIDEO) cannot record on a Selenium Grid "
            f"(--grid {grid}, HARNESS_GRID_URL): Playwright films only browsers it launched "
            "itself. Run without --grid to get videos, or with --video off on the Grid; "
            "traces and screenshots work on both."
        )
    config.stash[_RECORDING] = recording


def recording_of(config: pytest.Config) -> Recording:
    """The run's recording modes, as pytest_configure checked them."""
    return config.stash.get(_RECORDING, DEFAULT)


def pytest_bdd_before_step(request: pytest.FixtureRequest, step: Step) -> None:
    """Group the trace's actions by Gherkin step, so the trace viewer reads like the feature."""
    title = f"{step.keyword.strip()} {step.name}"
    request.node.stash[_STEP] = title
    browsers = active_fixture(request.node, "browsers")
    if isinstance(browsers, ScenarioBrowsers):
        browsers.begin_step(title)


def current_step(item: pytest.Item) -> str | None:
    """The Gherkin step running now (a browser first opened in it groups under it)."""
    return item.stash.get(_STEP, None)


def pytest_bdd_after_step(request: pytest.FixtureRequest) -> None:
    if _STEP in request.node.stash:
        del request.node.stash[_STEP]
    browsers = active_fixture(request.node, "browsers")
    if isinstance(browsers, ScenarioBrowsers):
        browsers.end_step()
