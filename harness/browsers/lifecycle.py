"""One scenario's browsers: taken from the pool, restarted on demand, evidence, then wiped."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Error, Page

from harness.browsers import cleanup
from harness.browsers.pool import BrowserKey, BrowserPool, PooledBrowser, WarmPage
from harness.cookie_diagnosis import BlockedCookie, CookieRecorder
from harness.cookie_policies import CookiePolicy
from harness.devices import DeviceProfile


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-")[:120] or "scenario"


@dataclass
class ScenarioBrowsers:
    """The browsers one scenario uses; cleans them afterwards and keeps evidence of failures."""

    pool: BrowserPool
    artifacts_dir: Path
    scenario_id: str
    _used: dict[BrowserKey, tuple[PooledBrowser, Page]] = field(default_factory=dict)
    _cleared: list[BlockedCookie] = field(default_factory=list)
    # Profiles whose tab crashed (renderer or whole browser) during this scenario.
    crashed: set[BrowserKey] = field(default_factory=set)
    # Record a trace of this scenario even where the pool does not (a first retry).
    trace: bool = False
    # Recorders of tabs a restart closed; their evidence still belongs to this scenario.
    _closed_recorders: list[CookieRecorder] = field(default_factory=list)

    def page(self, key: BrowserKey, device: DeviceProfile, policy: CookiePolicy) -> Page:
        if key in self._used:
            return self._used[key][1]
        return self._open_page(self.pool.get(key, device, policy))

    def _open_page(self, pooled: PooledBrowser) -> Page:
        """The profile's warm tab (cleaned by the previous scenario), or a first one."""
        pooled.tracing.begin_scenario(self.scenario_id, retry_trace=self.trace)
        warm = pooled.warm
        if warm is None or warm.page.is_closed():
            page = pooled.new_page()
            recorder = CookieRecorder()
            recorder.attach(pooled.context, page)
            warm = pooled.warm = WarmPage(page, recorder)
        else:
            warm.recorder.reset()
        key = pooled.key
        warm.page.on("crash", lambda _page: self.crashed.add(key))
        self._used[key] = (pooled, warm.page)
        return warm.page

    def restart(self, key: BrowserKey) -> Page:
        """Restart the browser mid-scenario; the open tab comes back, as phones restore it."""
        pooled, page = self._used[key]
        url = page.url
        before = {(c["name"], c["domain"]) for c in pooled.context.cookies()}
        pooled.tracing.pause()
        if pooled.warm is not None:
            self._closed_recorders.append(pooled.warm.recorder)
        restarted = self.pool.restart(key)
        after = {(c["name"], c["domain"]) for c in restarted.context.cookies()}
        for name, domain in sorted(before - after):
            self._cleared.append(
                BlockedCookie(name, domain.lstrip("."), ("ClearedWhenBrowserClosed",), url)
            )
        page = self._open_page(restarted)
        page.goto(url)
        return page

    def _recorders(self) -> list[CookieRecorder]:
        live = [pooled.warm.recorder for pooled, _ in self._used.values() if pooled.warm]
        return [*self._closed_recorders, *live]

    def pages(self) -> dict[BrowserKey, Page]:
        """Every page this scenario has opened so far, by the profile it runs in."""
        return {key: page for key, (_, page) in self._used.items()}

    def screenshot(self, key: BrowserKey, **options: Any) -> None:
        """A screenshot of the profile's page (`page.screenshot` options)."""
        pooled, page = self._used[key]
        pooled.screenshot(page, **options)

    def node(self, key: BrowserKey) -> str | None:
        """The Grid node that runs the profile's browser (None for a local browser)."""
        return self._used[key][0].node

    @property
    def blocked_cookies(self) -> list[BlockedCookie]:
        return [cookie for recorder in self._recorders() for cookie in recorder.blocked]

    @property
    def cleared_at_restart(self) -> list[BlockedCookie]:
        return list(self._cleared)

    def finish(self, *, failed: bool, keep_trace: bool) -> list[Path]:
        """Save evidence when the scenario failed, then wipe every profile it used."""
        saved: list[Path] = []
        folder = self.artifacts_dir / _slug(self.scenario_id)
        for key, (pooled, page) in self._used.items():
            try:
                if failed and not page.is_closed():
                    folder.mkdir(parents=True, exist_ok=True)
                    shot = folder / f"{key.slug}.png"
                    pooled.screenshot(page, path=str(shot), full_page=True)
                    saved.append(shot)
                keep_as = folder / f"{key.slug}-trace.zip" if failed and keep_trace else None
                trace = pooled.tracing.end_scenario(keep_as)
                if trace is not None:
                    saved.append(trace)
                origins = {origin for r in self._recorders() for origin in r.origins}
                cleanup.clean(pooled, page, origins)
            except Error:
                # The browser died under this scenario: drop it so the next one relaunches.
                self.pool.forget(key)
        for key in self._used:
            self.pool.release(key)
        self._used.clear()
        return saved
