"""Browser fixtures: the worker's Playwright and pool, and each scenario's browsers and UI."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Playwright, sync_playwright

from harness.browsers import BrowserOptions, BrowserPool, ScenarioBrowsers
from harness.browsers.memory import MemoryWatch
from harness.config import HarnessConfig
from harness.environment import Environment
from harness.pytest import early_start
from harness.pytest.diagnosis import call_report
from harness.pytest.recording import current_step, recording_of
from harness.pytest.setup_errors import setup_errors
from harness.ui import UI

# Whether no scenario follows this one in this process (set before its fixtures end).
_LAST = pytest.StashKey[bool]()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    item.stash[_LAST] = nextitem is None


@pytest.fixture(scope="session")
def playwright_driver(pytestconfig: pytest.Config) -> Iterator[Playwright]:
    """The process's one Playwright: a second sync Playwright cannot start beside it.
    Issue 19: started at session start while the world boots, when early_start could."""
    playwright = early_start.claim_playwright(pytestconfig) or sync_playwright().start()
    yield playwright
    playwright.stop()


@pytest.fixture(scope="session")
def browser_pool(
    environment: Environment,
    harness_config: HarnessConfig,
    playwright_driver: Playwright,
    tmp_path_factory: pytest.TempPathFactory,
    pytestconfig: pytest.Config,
) -> Iterator[BrowserPool]:
    recording = recording_of(pytestconfig)
    with setup_errors():
        video_dir = tmp_path_factory.mktemp("videos") if recording.video != "off" else None
        options = BrowserOptions.for_run(harness_config, recording, video_dir)
        pool = BrowserPool(
            playwright_driver,
            environment,
            options,
            tmp_path_factory.mktemp("profiles"),
            max_open=harness_config.max_browsers,
            # Issue 19: the first browser, launched while pytest collected.
            pending=early_start.claim_launch(pytestconfig),
        )
    yield pool
    pool.close()


@pytest.fixture(scope="session")
def memory_watch(harness_config: HarnessConfig) -> MemoryWatch:
    """This worker's memory against HARNESS_MEMORY_LIMIT_MB, checked after each scenario."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return MemoryWatch(harness_config.memory_limit_mb, worker)


@pytest.fixture
def browsers(
    browser_pool: BrowserPool,
    harness_config: HarnessConfig,
    memory_watch: MemoryWatch,
    request: pytest.FixtureRequest,
) -> Iterator[ScenarioBrowsers]:
    # pytest-rerunfailures counts attempts from 1; each attempt keeps its own evidence.
    attempt = max(getattr(request.node, "execution_count", 1) - 1, 0)
    scenario_browsers = ScenarioBrowsers(
        browser_pool,
        harness_config.reports_dir / "artifacts",
        request.node.nodeid,
        recording=recording_of(request.config),
        attempt=attempt,
        step=current_step(request.node),
    )
    yield scenario_browsers
    report = call_report(request.node)
    failed = report is None or report.failed
    with setup_errors():
        saved = scenario_browsers.finish(failed=failed, last=request.node.stash.get(_LAST, False))
    listed = {str(v) for k, v in request.node.user_properties if k == "artifact"}
    for evidence in saved:
        if str(evidence.path) not in listed:
            request.node.user_properties.append(("artifact", str(evidence.path)))
    warning = memory_watch.check(key.slug for key in browser_pool.open_keys)
    if warning:
        request.node.user_properties.append(("memory_warning", warning))


@pytest.fixture
def ui(browsers: ScenarioBrowsers, environment: Environment) -> UI:
    return UI(browsers, environment)
