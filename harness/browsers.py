"""Browsers for scenarios: one persistent Chromium profile per (device, cookie policy, slot).

A persistent profile is the only way to make Chromium itself refuse cookies, and
launching one costs far more than cleaning it, so profiles are launched once per worker
and wiped between scenarios (cookies, storage of every site, cache, permissions).
"""

from __future__ import annotations

import contextlib
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Error, Page, Playwright

from harness.cookie_diagnosis import BlockedCookie, CookieRecorder
from harness.cookie_policies import CookiePolicy
from harness.devices import DeviceProfile
from harness.environment import Environment
from harness.errors import HarnessSetupError

# Quiet, offline-friendly Chromium: without these it keeps calling home and is refused.
BASE_ARGS = (
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)
# What the harness adds for speed, none of which changes what a page or a cookie policy
# sees. With --disable-gpu the GPU process only composites in software; run in the
# browser process it saves a process and a hop for every frame and screenshot
# (README, "Performance"). Not --enable-features: Playwright passes its own, and a
# second one would replace that list.
TUNING_ARGS = ("--in-process-gpu",)


@dataclass(frozen=True)
class BrowserKey:
    """Which profile: a device, a cookie policy, and a slot for a second persona."""

    device: str
    policy: str
    slot: int = 0

    @property
    def slug(self) -> str:
        return f"{self.device}--{self.policy}--{self.slot}"


@dataclass
class BrowserOptions:
    """Launch switches in the spirit of pytest-playwright's."""

    executable_path: str
    headed: bool = False
    slow_mo_ms: float = 0.0
    tracing: str = "retain-on-failure"
    ui_timeout_s: float = 10.0
    remote_ws: str | None = None


# A remote browser gives plain (off-the-record) contexts, which take no profile
# preferences: third-party cookies are blocked there and first-party ones kept. Policies
# that need a profile must be set on the grid node itself (Chromium managed policies).
# Marks a document as changed on load and on every DOM mutation, input or scroll, so the
# report can skip a step screenshot of a page that looks exactly as in the previous one.
CHANGE_MARK_SCRIPT = """(() => {
  const mark = () => { window.__harnessChanged = true; };
  mark();
  new MutationObserver(mark).observe(document, {
    subtree: true, childList: true, attributes: true, characterData: true,
  });
  addEventListener("input", mark, true);
  addEventListener("scroll", mark, true);
  addEventListener("resize", mark, true);
})();"""
# Reads the mark and whether the document has finished loading; the mark is reset only
# for a loaded document, so a page still loading counts as changed at the next look.
# A document the script never ran in counts as changed.
TAKE_CHANGE_MARK = """() => {
  const changed = window.__harnessChanged !== false;
  const loaded = document.readyState === "complete";
  if (loaded) window.__harnessChanged = false;
  return [changed, loaded];
}"""


@dataclass(frozen=True)
class PageState:
    """What a step screenshot needs to know about a page, from one round trip."""

    changed: bool
    loaded: bool


def page_state(page: Page) -> PageState:
    """Whether the page may look different since it was last seen loaded (True when
    unsure), and whether it has finished loading."""
    try:
        changed, loaded = page.evaluate(TAKE_CHANGE_MARK)
    except Error:
        return PageState(changed=True, loaded=True)
    return PageState(bool(changed), bool(loaded))


# Tracing modes that record every scenario; "on-first-retry" records only reruns, as
# Playwright's own recommended CI setting does, because a trace costs ~0.4 s a scenario.
ALWAYS_TRACING = frozenset({"on", "retain-on-failure"})

REMOTE_POLICIES = {
    "allow": "first-party cookies kept; third-party cookies blocked as in any plain context",
    "block-third-party": "as locally",
}


@dataclass
class WarmPage:
    """The one tab a pooled profile keeps between scenarios, with its cookie recorder."""

    page: Page
    recorder: CookieRecorder


@dataclass
class PooledBrowser:
    """A launched persistent context, what it emulates, and whether it records a trace."""

    key: BrowserKey
    context: BrowserContext
    device: DeviceProfile
    policy: CookiePolicy
    user_data_dir: Path
    tracing: bool = False
    # Tracing started for one scenario only (a rerun under "on-first-retry").
    tracing_once: bool = False
    remote: bool = False
    warm: WarmPage | None = None


class BrowserPool:
    """Launches profiles on first use and keeps them for the rest of the worker's run."""

    def __init__(
        self,
        playwright: Playwright,
        environment: Environment,
        options: BrowserOptions,
        profiles_dir: Path,
    ) -> None:
        self.playwright = playwright
        self.environment = environment
        self.options = options
        self.profiles_dir = profiles_dir
        self._open: dict[BrowserKey, PooledBrowser] = {}
        self.launches = 0
        self._remote: Browser | None = None
        if options.remote_ws:
            try:
                self._remote = playwright.chromium.connect(options.remote_ws)
            except Error as exc:
                raise HarnessSetupError(
                    f"No browser server answers at {options.remote_ws}: "
                    f"{exc.message.splitlines()[0]}\nStart one with "
                    "`python -m playwright launch-server --browser chromium --config cfg.json` "
                    "or unset HARNESS_BROWSER_WS to use a local Chromium."
                ) from exc

    @property
    def remote(self) -> bool:
        return self._remote is not None

    def get(self, key: BrowserKey, device: DeviceProfile, policy: CookiePolicy) -> PooledBrowser:
        pooled = self._open.get(key)
        if pooled is not None:
            return pooled
        if self._remote is not None:
            pooled = self._new_remote_context(self._remote, key, device, policy)
            self._open[key] = pooled
            return pooled
        user_data_dir = self.profiles_dir / key.slug
        shutil.rmtree(user_data_dir, ignore_errors=True)
        policy.write_profile(user_data_dir, self.environment.signin.public_url)
        pooled = self._launch(key, device, policy, user_data_dir)
        self._open[key] = pooled
        return pooled

    def _new_remote_context(
        self, remote: Browser, key: BrowserKey, device: DeviceProfile, policy: CookiePolicy
    ) -> PooledBrowser:
        if policy.name not in REMOTE_POLICIES:
            raise HarnessSetupError(
                f"Cookie policy {policy.name!r} needs a local Chromium profile; a remote "
                f"browser supports {', '.join(sorted(REMOTE_POLICIES))}. Run this scenario "
                "locally, or give the grid node the policy as Chromium managed policies "
                "(see the README, 'Remote browsers')."
            )
        context = remote.new_context(**device.context_options())
        context.set_default_timeout(self.options.ui_timeout_s * 1000)
        context.add_init_script(CHANGE_MARK_SCRIPT)
        pooled = PooledBrowser(key, context, device, policy, Path(), remote=True)
        if self.options.tracing in ALWAYS_TRACING:
            context.tracing.start(screenshots=True, snapshots=True)
            pooled.tracing = True
        return pooled

    def restart(self, key: BrowserKey) -> PooledBrowser:
        """Close the browser and open the same profile again, as a phone does when the
        system ends the browser while the user is in another app. The profile is kept:
        what survives is what the cookie policy lets survive."""
        old = self._open.pop(key)
        if old.remote:
            raise HarnessSetupError(
                "Restarting the browser needs a local Chromium profile; it cannot be done "
                "with a remote browser."
            )
        old.context.close()
        pooled = self._launch(key, old.device, old.policy, old.user_data_dir)
        self._open[key] = pooled
        return pooled

    def _launch(
        self, key: BrowserKey, device: DeviceProfile, policy: CookiePolicy, user_data_dir: Path
    ) -> PooledBrowser:
        try:
            context = self.playwright.chromium.launch_persistent_context(
                str(user_data_dir),
                executable_path=self.options.executable_path,
                headless=not self.options.headed,
                slow_mo=self.options.slow_mo_ms,
                args=[*BASE_ARGS, *TUNING_ARGS, *self.environment.chromium_args],
                **device.context_options(),
            )
        except Error as exc:
            raise HarnessSetupError(
                f"Chromium at {self.options.executable_path} did not start for {key.slug}: "
                f"{exc.message.splitlines()[0]}\nCheck CHROMIUM_PATH, or run ./qa setup."
            ) from exc
        self.launches += 1
        context.set_default_timeout(self.options.ui_timeout_s * 1000)
        context.add_init_script(CHANGE_MARK_SCRIPT)
        pooled = PooledBrowser(key, context, device, policy, user_data_dir)
        if self.options.tracing in ALWAYS_TRACING:
            context.tracing.start(screenshots=True, snapshots=True)
            pooled.tracing = True
        return pooled

    def forget(self, key: BrowserKey) -> None:
        """Drop a profile whose browser died, so the next scenario launches it afresh."""
        pooled = self._open.pop(key, None)
        if pooled is not None:
            with contextlib.suppress(Error):
                pooled.context.close()

    def close(self) -> None:
        for pooled in self._open.values():
            # A crashed browser is already gone; nothing is left to close.
            with contextlib.suppress(Error):
                pooled.context.close()
        self._open.clear()
        if self._remote is not None:
            with contextlib.suppress(Error):
                self._remote.close()


# Every kind of storage a page can write, as Storage.clearDataForOrigin names them. Not
# "all": that adds cookies, cleared for every site at once below, and the GPU shader
# cache, which no page can read, and costs three times as long.
STORAGE_TYPES = ",".join(
    (
        "local_storage",
        "indexeddb",
        "cache_storage",
        "service_workers",
        "file_systems",
        "websql",
        "storage_buckets",
        "shared_storage",
        "interest_groups",
    )
)


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
        if self.trace and not pooled.tracing:
            pooled.context.tracing.start(screenshots=True, snapshots=True)
            pooled.tracing = pooled.tracing_once = True
        if pooled.tracing:
            pooled.context.tracing.start_chunk(title=self.scenario_id)
        warm = pooled.warm
        if warm is None or warm.page.is_closed():
            page = pooled.context.new_page()
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
        if pooled.tracing:
            pooled.context.tracing.stop_chunk()
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
                    page.screenshot(path=str(shot), full_page=True)
                    saved.append(shot)
                if pooled.tracing:
                    if failed and keep_trace:
                        folder.mkdir(parents=True, exist_ok=True)
                        trace = folder / f"{key.slug}-trace.zip"
                        pooled.context.tracing.stop_chunk(path=str(trace))
                        saved.append(trace)
                    else:
                        pooled.context.tracing.stop_chunk()
                    if pooled.tracing_once:
                        pooled.context.tracing.stop()
                        pooled.tracing = pooled.tracing_once = False
                self._clean(pooled, page)
            except Error:
                # The browser died under this scenario: drop it so the next one relaunches.
                self.pool.forget(key)
        self._used.clear()
        return saved

    def _clean(self, pooled: PooledBrowser, page: Page) -> None:
        context = pooled.context
        if pooled.remote:
            # A plain context costs tens of milliseconds: a new one is the cleanest state.
            context.close()
            self.pool.forget(pooled.key)
            return
        session = context.new_cdp_session(page)
        # The tab stays for the next scenario: leave its pages, history and handlers behind.
        page.unroute_all(behavior="ignoreErrors")
        page.goto("about:blank")
        # Storage is written only by pages, and every origin a page loaded went past the
        # recorder; cookies are cleared wholesale below.
        origins: set[str] = set()
        for recorder in self._recorders():
            origins |= recorder.origins
        for origin in sorted(origins):
            session.send(
                "Storage.clearDataForOrigin", {"origin": origin, "storageTypes": STORAGE_TYPES}
            )
        session.send("Page.resetNavigationHistory")
        session.send("Network.clearBrowserCache")
        session.detach()
        context.clear_cookies()
        context.clear_permissions()
        # sessionStorage lives in the tab and "all" above does not reach it: a tab whose
        # scenario wrote any is closed, and the next scenario gets a new one.
        dirty = pooled.warm is not None and pooled.warm.recorder.used_session_storage
        if dirty:
            pooled.warm = None
        for open_page in list(context.pages):
            if dirty or open_page != page:
                open_page.close()
