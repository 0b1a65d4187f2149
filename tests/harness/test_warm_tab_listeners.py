"""A warm tab outlives its scenarios: what a scenario hangs on it must go with the scenario,
or every scenario of a long run stays in memory through the tab's listeners."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from playwright.sync_api import Playwright

from harness.browsers import BrowserKey, ScenarioBrowsers
from harness.cookie_policies import cookie_policy
from harness.devices import device

from .offline_world import offline_pool


def test_a_finished_scenario_leaves_nothing_on_the_warm_tab(
    playwright_driver: Playwright, tmp_path: Path
) -> None:
    pool = offline_pool(playwright_driver, tmp_path)
    key = BrowserKey("desktop-chrome", "allow")
    finished: list[weakref.ref[ScenarioBrowsers]] = []
    listening: list[int] = []
    try:
        for n in range(3):
            browsers = ScenarioBrowsers(pool, tmp_path / "artifacts", f"scenario {n}")
            page = browsers.page(key, device(key.device), cookie_policy("allow"))
            listening.append(len(page._impl_obj.listeners("crash")))
            browsers.finish(failed=False)
            finished.append(weakref.ref(browsers))
            del browsers
        assert pool.launches == 1, "the scenarios must share one warm tab"
        assert len(set(listening)) == 1, (
            f"crash listeners on the tab, scenario by scenario: {listening}"
        )
        gc.collect()
        # Not the last one: Playwright keeps the call stack of its latest call until the
        # next, and with it that scenario's frames.
        alive = [n + 1 for n, ref in enumerate(finished[:-1]) if ref() is not None]
        assert not alive, f"finished scenario(s) {alive} still held in memory"
    finally:
        pool.close()
