"""Browsers for the harness's own tests, with no stub world behind them: the pool knows the
sites by name only (for per-site cookie policies and the sites to wipe), and the inbox is
a port nothing listens on. Pages are served by each test's own routes or server."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Playwright

from harness.browsers import BrowserOptions, BrowserPool, ScenarioBrowsers
from harness.config import HarnessConfig, TracingMode
from harness.environment import Environment, Site
from harness.tools.chromium import find_chromium
from harness.tools.mailpit import MailpitEndpoints


def offline_environment() -> Environment:
    return Environment(
        signin=Site("signin", "https://login.s-ryhma.test", None),
        etukortti=Site("etukortti", "https://s-etukortti.test", None),
        mailpit=MailpitEndpoints("http://127.0.0.1:9", "127.0.0.1", 9),
    )


def offline_pool(
    playwright: Playwright, profiles: Path, *, tracing: TracingMode = "off", max_open: int = 0
) -> BrowserPool:
    """A browser pool of the offline world, with the run's Chromium; the caller closes it."""
    chromium = find_chromium(HarnessConfig.from_env().chromium_path)
    options = BrowserOptions(chromium.path, tracing=tracing)
    return BrowserPool(playwright, offline_environment(), options, profiles, max_open)


@contextmanager
def one_scenario(playwright: Playwright, tmp_path: Path, name: str) -> Iterator[ScenarioBrowsers]:
    """The browsers of one scenario from a pool of its own, without tracing; the pool closes
    after it, and the scenario finishes as passed unless the test failed."""
    pool = offline_pool(playwright, tmp_path)
    browsers = ScenarioBrowsers(pool, tmp_path / "artifacts", name)
    try:
        yield browsers
        browsers.finish(failed=False)
    finally:
        pool.close()
