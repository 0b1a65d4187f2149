"""What is recorded of every scenario (traces, videos, screenshots), by pytest-playwright's
modes, from --tracing/--video/--screenshot or HARNESS_TRACING/HARNESS_VIDEO/HARNESS_SCREENSHOT.

The default keeps a trace of every failure (`retain-on-failure`): a failure always leaves a
trace that the report links, without a rerun (README, "Performance", measures its cost).
"""

from __future__ import annotations

import os
from typing import cast

import pytest
from pytest_bdd.parser import Step

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
        )
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from exc
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
