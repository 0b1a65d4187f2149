"""The browser pool on a real Grid: the device emulated in a session's default context as
Playwright emulates it locally, and nothing of one scenario reaching the next."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Playwright

from harness.browsers import BrowserKey, BrowserOptions, BrowserPool, ScenarioBrowsers
from harness.config import HarnessConfig
from harness.cookie_policies import POLICIES, cookie_policy
from harness.devices import device
from harness.grid.local import GridState
from harness.tools.chromium import find_chromium
from tests.harness.offline_world import offline_environment
from tests.harness.test_isolation import (
    CASES,
    assert_nothing_reaches_the_next,
    probe_origin,
)

__all__ = ["probe_origin"]  # the fixture, shared with the local isolation test

# What a page can see of its device, on a page without a viewport tag (a phone lays it
# out 980 px wide) and with one.
SEEN = """() => ({
  width: innerWidth, height: innerHeight, ratio: devicePixelRatio,
  screen: [screen.width, screen.height], agent: navigator.userAgent,
  touch: navigator.maxTouchPoints, coarse: matchMedia('(pointer: coarse)').matches,
})"""
PAGES = {
    "no viewport tag": "data:text/html,<p>plain</p>",
    "device-width": "data:text/html,<meta name=viewport content='width=device-width'><p>m</p>",
}


def pool_for(playwright: Playwright, tmp_path: Path, grid: str | None) -> BrowserPool:
    chromium = find_chromium(HarnessConfig.from_env().chromium_path)
    options = BrowserOptions(chromium.path, tracing="off", grid_url=grid)
    return BrowserPool(
        playwright, offline_environment(), options, tmp_path / ((grid and "grid") or "local")
    )


def what_pages_see(pool: BrowserPool, tmp_path: Path, name: str) -> dict[str, Any]:
    key = BrowserKey(name, "allow")
    scenario = ScenarioBrowsers(pool, tmp_path / "artifacts", "emulation")
    page = scenario.page(key, device(name), cookie_policy("allow"))
    seen: dict[str, Any] = {}
    try:
        for label, url in PAGES.items():
            page.goto(url)
            seen[label] = page.evaluate(SEEN)
            # A step screenshot must not change what the page sees afterwards.
            scenario.screenshot(key, path=str(tmp_path / "shot.jpg"), type="jpeg", scale="css")
            seen[f"{label}, after a screenshot"] = page.evaluate(SEEN)
        seen["node"] = scenario.node(key)
        scenario.finish(failed=False)
    finally:
        pool.close()
    return seen


def test_a_grid_browser_is_the_device_a_local_one_is(
    playwright_driver: Playwright, local_grid: GridState, tmp_path: Path
) -> None:
    """A phone: mobile layout, pixel ratio 3, touch, its user agent."""
    name = "samsung-s24-internet-29"
    on_grid = what_pages_see(pool_for(playwright_driver, tmp_path, local_grid.url), tmp_path, name)
    local = what_pages_see(pool_for(playwright_driver, tmp_path, None), tmp_path, name)
    assert on_grid.pop("node") in {"node-a", "node-b"}
    assert local.pop("node") is None
    assert on_grid == local


@pytest.mark.parametrize(
    ("policy_name", "uses_session_storage"),
    CASES,
    ids=[f"{name}{'' if uses else '-tab-reused'}" for name, uses in CASES],
)
def test_nothing_of_one_scenario_reaches_the_next_on_the_grid(
    playwright_driver: Playwright,
    local_grid: GridState,
    probe_origin: str,
    tmp_path: Path,
    policy_name: str,
    uses_session_storage: bool,
) -> None:
    assert policy_name in POLICIES
    pool = pool_for(playwright_driver, tmp_path, local_grid.url)
    assert_nothing_reaches_the_next(pool, probe_origin, tmp_path, policy_name, uses_session_storage)
