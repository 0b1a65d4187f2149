"""One scenario's browsers: taken from the pool, restarted on demand, evidence, then wiped."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Error, Page

from harness.browsers import cleanup
from harness.browsers.changes import watch
from harness.browsers.pool import BrowserKey, BrowserPool, PooledBrowser, WarmPage
from harness.browsers.tracing import Recording
from harness.cookie_diagnosis import BlockedCookie, CookieRecorder
from harness.cookie_policies import CookiePolicy
from harness.devices import DeviceProfile


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-")[:120] or "scenario"


@dataclass(frozen=True)
class SavedFile:
    """A file of evidence: which browser it shows and what kind it is."""

    key: BrowserKey
    kind: str  # "screenshot", "trace" or "video"
    path: Path


@dataclass
class ScenarioBrowsers:
    """The browsers one scenario uses; cleans them afterwards and keeps evidence of failures."""

    pool: BrowserPool
    artifacts_dir: Path
    scenario_id: str
    _used: dict[BrowserKey, tuple[PooledBrowser, Page]] = field(default_factory=dict)
    _cleared: list[tuple[BrowserKey, BlockedCookie]] = field(default_factory=list)
    # Profiles whose tab crashed (renderer or whole browser) during this scenario.
    crashed: set[BrowserKey] = field(default_factory=set)
    # What to record and keep (traces, videos, screenshots).
    recording: Recording = field(default_factory=Recording)
    # 0 for a scenario's first run, 1 for its first rerun: evidence of each stays apart.
    attempt: int = 0
    # Recorders of tabs a restart closed; their evidence still belongs to this scenario.
    _closed_recorders: list[tuple[BrowserKey, CookieRecorder]] = field(default_factory=list)
    # The Gherkin step running now, so a browser opened in it groups its trace under it.
    step: str | None = None
    # Evidence saved when the failure was seen; finish() does not take it again.
    saved: list[SavedFile] = field(default_factory=list)
    _failure_evidence_taken: bool = False
    # Called with each tab the scenario takes up, before it loads anything (harness.a11y
    # watches its pages from the first one on).
    on_open: list[Callable[[BrowserKey, Page], None]] = field(default_factory=list)
    # The crash listeners this scenario put on warm tabs, which outlive it: taken off at
    # finish(), or every scenario of a run would stay in memory through its tab.
    _crash_listeners: list[tuple[Page, Callable[[Page], None]]] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        """This attempt's evidence folder: a rerun never overwrites the first run's files."""
        return self.artifacts_dir / _slug(self.scenario_id) / f"attempt-{self.attempt + 1}"

    def page(self, key: BrowserKey, device: DeviceProfile, policy: CookiePolicy) -> Page:
        if key in self._used:
            return self._used[key][1]
        return self._open_page(self.pool.get(key, device, policy))

    def _open_page(self, pooled: PooledBrowser) -> Page:
        """The profile's warm tab (cleaned by the previous scenario), or a first one."""
        trace = self.recording.traces(self.attempt)
        pooled.tracing.begin_scenario(self.scenario_id, trace=trace, step=self.step)
        warm = pooled.warm
        if warm is None or warm.page.is_closed():
            warm = pooled.warm = self._new_warm_page(pooled)
        else:
            warm.recorder.reset()
        key = pooled.key

        def crashed(_page: Page) -> None:
            self.crashed.add(key)

        warm.page.on("crash", crashed)
        self._crash_listeners.append((warm.page, crashed))
        self._used[key] = (pooled, warm.page)
        for observer in self.on_open:
            observer(key, warm.page)
        return warm.page

    @staticmethod
    def _new_warm_page(pooled: PooledBrowser) -> WarmPage:
        page = pooled.new_page()
        watch(page)
        recorder = CookieRecorder()
        recorder.attach(pooled.context, page)
        return WarmPage(page, recorder)

    def begin_step(self, text: str) -> None:
        """A Gherkin step starts: the traces group what follows under it."""
        self.step = text
        for pooled, _ in self._used.values():
            pooled.tracing.begin_step(text)

    def end_step(self) -> None:
        self.step = None
        for pooled, _ in self._used.values():
            try:
                pooled.tracing.end_step()
            except Error:
                continue  # a browser that died in the step has no trace to group

    def restart(self, key: BrowserKey) -> Page:
        """Restart the browser mid-scenario; the open tab comes back, as phones restore it."""
        pooled, page = self._used[key]
        url = page.url
        before = {(c["name"], c["domain"]) for c in pooled.context.cookies()}
        pooled.tracing.pause()
        if pooled.warm is not None:
            self._closed_recorders.append((key, pooled.warm.recorder))
        restarted = self.pool.restart(key)
        after = {(c["name"], c["domain"]) for c in restarted.context.cookies()}
        for name, domain in sorted(before - after):
            cookie = BlockedCookie(name, domain.lstrip("."), ("ClearedWhenBrowserClosed",), url)
            self._cleared.append((key, cookie))
        page = self._open_page(restarted)
        page.goto(url)
        return page

    def _recorders(self) -> list[tuple[BrowserKey, CookieRecorder]]:
        live = [(key, p.warm.recorder) for key, (p, _) in self._used.items() if p.warm]
        return [*self._closed_recorders, *live]

    def pages(self) -> dict[BrowserKey, Page]:
        """Every page this scenario has opened so far, by the profile it runs in, in the
        order they were first used."""
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
        return [cookie for _, recorder in self._recorders() for cookie in recorder.blocked]

    @property
    def cleared_at_restart(self) -> list[BlockedCookie]:
        return [cookie for _, cookie in self._cleared]

    def refused_in(self, key: BrowserKey) -> list[BlockedCookie]:
        """Cookies Chromium refused in one of this scenario's browsers."""
        return [c for k, recorder in self._recorders() if k == key for c in recorder.blocked]

    def cleared_in(self, key: BrowserKey) -> list[BlockedCookie]:
        """Cookies a restart of this browser took away."""
        return [cookie for k, cookie in self._cleared if k == key]

    def keep_failure_evidence(self) -> list[SavedFile]:
        """When the failure is seen, before anything else happens to the pages: a
        screenshot of every browser and the trace, as the modes ask. Once per attempt."""
        if self._failure_evidence_taken:
            return []
        self._failure_evidence_taken = True
        found: list[SavedFile] = []
        for key, (pooled, page) in self._used.items():
            found += self._screenshot(key, pooled, page, failed=True)
            found += self._trace(key, pooled, failed=True)
        self.saved += found
        return found

    def _screenshot(
        self, key: BrowserKey, pooled: PooledBrowser, page: Page, *, failed: bool
    ) -> list[SavedFile]:
        if not self.recording.keeps_screenshot(failed=failed) or page.is_closed():
            return []
        shot = self.folder / f"{key.slug}.png"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            pooled.screenshot(page, path=str(shot), full_page=True, timeout=5000)
        except Error:
            return []
        return [SavedFile(key, "screenshot", shot)]

    def _trace(self, key: BrowserKey, pooled: PooledBrowser, *, failed: bool) -> list[SavedFile]:
        keep = self.recording.keeps_trace(failed=failed)
        keep_as = self.folder / f"{key.slug}-trace.zip" if keep else None
        try:
            saved = pooled.tracing.end_scenario(keep_as)
        except Error:
            return []
        return [SavedFile(key, "trace", saved)] if saved is not None else []

    def _video(self, key: BrowserKey, pooled: PooledBrowser, *, failed: bool) -> list[SavedFile]:
        """Close the recorded tab so its video is complete; the next scenario gets a new
        warm tab, and with it a video of its own."""
        page = pooled.warm.page if pooled.warm else None
        if page is None or page.video is None:
            return []
        page.close()
        pooled.warm = self._new_warm_page(pooled)
        self._used[key] = (pooled, pooled.warm.page)
        if not self.recording.keeps_video(failed=failed):
            page.video.delete()
            return []
        target = self.folder / f"{key.slug}.webm"
        self.folder.mkdir(parents=True, exist_ok=True)
        page.video.save_as(str(target))
        return [SavedFile(key, "video", target)]

    def finish(self, *, failed: bool, last: bool = False) -> list[SavedFile]:
        """Keep what the modes ask for, then wipe every profile this scenario used.

        `last`: no scenario follows in this process, so the pool closes these profiles
        next; a passed scenario's profiles are then not wiped first (~0.07 s each). A
        failed one's are, since it may be run again (--reruns) in the same profiles.
        """
        saved = list(self.saved)
        if failed and not self._failure_evidence_taken:
            saved += self.keep_failure_evidence()
        origins = {origin for _, r in self._recorders() for origin in r.origins}
        for key in list(self._used):
            pooled, page = self._used[key]
            try:
                if not self._failure_evidence_taken:
                    saved += self._screenshot(key, pooled, page, failed=failed)
                    saved += self._trace(key, pooled, failed=failed)
                if self.recording.video != "off":
                    saved += self._video(key, pooled, failed=failed)
                if failed or not last:
                    cleanup.clean(pooled, self._used[key][1], origins)
            except Error:
                # The browser died under this scenario: drop it so the next one relaunches.
                self.pool.forget(key)
        for page, listener in self._crash_listeners:
            page.remove_listener("crash", listener)
        self._crash_listeners.clear()
        for key in self._used:
            self.pool.release(key)
        self._used.clear()
        self.saved = []
        return saved
