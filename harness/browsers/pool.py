"""The worker's browsers: one persistent Chromium profile per (device, cookie policy, slot).

A persistent profile is the only way to make Chromium itself refuse cookies, and
launching one costs far more than cleaning it, so profiles are kept open between
scenarios and wiped (harness.browsers.cleanup). At most `max_open` stay open: the least
recently used one that no running scenario holds is closed to make room, so a worker's
memory follows the work in flight, not the size of the matrix.

With a Selenium Grid (`grid_url`), each profile is a Grid session on a node instead of a
local launch (harness.browsers.grid); everything else here is the same.
"""

from __future__ import annotations

import contextlib
import shutil
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Error, Page, Playwright

from harness.browsers.changes import CHANGE_MARK_SCRIPT
from harness.browsers.grid import GridBrowser, GridLauncher
from harness.browsers.pending import PendingLaunch
from harness.browsers.tracing import Recording, Tracing
from harness.config import HarnessConfig, TracingMode
from harness.cookie_diagnosis import CookieRecorder
from harness.cookie_policies import CookiePolicy
from harness.devices import DeviceProfile
from harness.environment import Environment
from harness.errors import HarnessSetupError
from harness.tools.chromium import find_chromium
from harness.unrecorded import unrecorded

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
# sees: nothing today. --in-process-gpu (the GPU process's software compositing run in the
# browser process) made 20 sign-ins ~12 % slower in 5 of 5 alternating rounds, not faster
# (README, "Performance"). Not --enable-features: Playwright passes its own, and a second
# one would replace that list.
TUNING_ARGS: tuple[str, ...] = ()


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
    tracing: TracingMode = "retain-on-failure"
    # DOM snapshots in traces (Recording.trace_snapshots).
    trace_snapshots: bool = True
    ui_timeout_s: float = 10.0
    # A Selenium Grid's URL: profiles are then Grid sessions on its nodes.
    grid_url: str | None = None
    # Where Playwright writes videos of every tab (--video); None records none.
    video_dir: Path | None = None

    @classmethod
    def for_run(
        cls, config: HarnessConfig, recording: Recording, video_dir: Path | None
    ) -> BrowserOptions:
        """The options of a run's pool, from its settings and recording modes."""
        return cls(
            executable_path=find_chromium(config.chromium_path).path,
            headed=config.headed,
            slow_mo_ms=config.slow_mo_ms,
            tracing=recording.tracing,
            trace_snapshots=recording.trace_snapshots(step_screenshots=config.step_screenshots),
            ui_timeout_s=config.ui_timeout_s,
            grid_url=config.grid_url,
            video_dir=video_dir,
        )

    @property
    def record_video_dir(self) -> str | None:
        return str(self.video_dir) if self.video_dir else None


def launch_arguments(
    options: BrowserOptions, environment: Environment, device: DeviceProfile
) -> dict[str, Any]:
    """What launch_persistent_context is given for a local profile, besides its folder."""
    return {
        "executable_path": options.executable_path,
        "headless": not options.headed,
        "slow_mo": options.slow_mo_ms,
        "args": [*BASE_ARGS, *TUNING_ARGS, *environment.chromium_args],
        "record_video_dir": options.record_video_dir,
        **device.context_options(),
    }


@dataclass
class WarmPage:
    """The one tab a pooled profile keeps between scenarios, with its cookie recorder."""

    page: Page
    recorder: CookieRecorder


@dataclass
class PooledBrowser:
    """A launched context, what it emulates, its trace, and the tab it keeps warm."""

    key: BrowserKey
    context: BrowserContext
    device: DeviceProfile
    policy: CookiePolicy
    user_data_dir: Path
    tracing: Tracing
    # The Grid session this profile runs in, when the pool uses a Grid.
    grid: GridBrowser | None = None
    warm: WarmPage | None = field(default=None)
    # Whether the tab Chromium opened with the profile has been handed out.
    first_tab_taken: bool = False

    @property
    def node(self) -> str | None:
        """The Grid node that runs this browser (None for a local one)."""
        return self.grid.node if self.grid is not None else None

    def new_page(self) -> Page:
        """A new tab, with the device emulated where Playwright cannot (a Grid session's
        default context). The first one of a local profile is the blank tab Chromium opened
        it with, already emulating the device: opening another costs ~0.1 s."""
        if self.grid is not None:
            return self.grid.new_page()
        if not self.first_tab_taken:
            self.first_tab_taken = True
            blank = [p for p in self.context.pages if p.url == "about:blank" and not p.is_closed()]
            if blank:
                return blank[0]
        return self.context.new_page()

    def screenshot(self, page: Page, **options: Any) -> None:
        """`page.screenshot(**options)`, leaving a Grid page's device emulation in place.
        The harness's own picture: not a step of the scenario's trace."""
        with unrecorded():
            page.screenshot(**options)
        if self.grid is not None:
            self.grid.emulation.restore(page)


class BrowserPool:
    """Launches profiles on first use and keeps up to `max_open` of them (0: all) open."""

    def __init__(
        self,
        playwright: Playwright,
        environment: Environment,
        options: BrowserOptions,
        profiles_dir: Path,
        max_open: int = 0,
        *,
        pending: tuple[BrowserKey, PendingLaunch] | None = None,
    ) -> None:
        self.playwright = playwright
        self.environment = environment
        self.options = options
        self.profiles_dir = profiles_dir
        self.max_open = max_open
        # Least recently used first: get() moves a profile to the end.
        self._open: OrderedDict[BrowserKey, PooledBrowser] = OrderedDict()
        # Profiles a running scenario has a page in; never closed to make room.
        self._held: set[BrowserKey] = set()
        self.launches = 0
        self.evictions = 0
        # A launch sent ahead, before anyone asked (harness/pytest/early_start.py): the
        # first get() of its key takes it if it was launched as this pool would launch it.
        self._pending = pending
        self._grid: GridLauncher | None = None
        if options.grid_url:
            self._grid = GridLauncher(
                playwright,
                options.grid_url,
                [*BASE_ARGS, *TUNING_ARGS, *environment.chromium_args],
                environment.signin.public_url,
                headed=options.headed,
                slow_mo_ms=options.slow_mo_ms,
            )

    @property
    def open_keys(self) -> list[BrowserKey]:
        """The open profiles, least recently used first."""
        return list(self._open)

    def get(self, key: BrowserKey, device: DeviceProfile, policy: CookiePolicy) -> PooledBrowser:
        """The open profile for `key`, launched (after making room) if it is not open; the
        caller holds it until release()."""
        self._held.add(key)
        pooled = self._open.get(key)
        if pooled is not None:
            self._open.move_to_end(key)
            if self._grid is not None and pooled.grid is not None:
                self._grid.keep_alive(pooled.grid)
            return pooled
        self._make_room()
        if self._grid is not None:
            pooled = self._grid_pooled(key, self._grid.launch(key.slug, device, policy), policy)
        elif (ahead := self._launched_ahead(key, device, policy)) is not None:
            pooled = ahead
        else:
            user_data_dir = self.profiles_dir / key.slug
            shutil.rmtree(user_data_dir, ignore_errors=True)
            policy.write_profile(user_data_dir, self.environment.signin.public_url)
            pooled = self._launch(key, device, policy, user_data_dir)
        self._open[key] = pooled
        return pooled

    def _launched_ahead(
        self, key: BrowserKey, device: DeviceProfile, policy: CookiePolicy
    ) -> PooledBrowser | None:
        """The launch sent ahead for `key`, if it was sent with the arguments this pool uses
        (its profile was written for the same cookie policy); None otherwise."""
        if self._pending is None or self._pending[0] != key:
            return None
        _, pending = self._pending
        self._pending = None
        if pending.arguments != launch_arguments(self.options, self.environment, device):
            pending.discard()
            return None
        try:
            context = pending.result()
        except Error:
            return None  # launched again the usual way, which says what is wrong
        self.launches += 1
        return self._pooled(key, context, device, policy, pending.user_data_dir)

    def _grid_pooled(
        self, key: BrowserKey, grid_browser: GridBrowser, policy: CookiePolicy
    ) -> PooledBrowser:
        self.launches += 1
        device = grid_browser.emulation.device
        return self._pooled(key, grid_browser.context, device, policy, Path(), grid=grid_browser)

    def release(self, key: BrowserKey) -> None:
        """The scenario that held `key` is done with it. Profiles the bound had to let
        through while they were held close now, least recently used first."""
        self._held.discard(key)
        if self.max_open:
            self._shrink_to(self.max_open)

    def _make_room(self) -> None:
        """Before a launch: close idle profiles until one more fits the bound."""
        if self.max_open:
            self._shrink_to(self.max_open - 1)

    def _shrink_to(self, size: int) -> None:
        """Close least recently used profiles that nobody holds until at most `size` are
        open. When every open profile is held (a scenario with more browsers than the
        bound), the bound gives way: a running scenario never loses its browser."""
        idle = [key for key in self._open if key not in self._held]
        while len(self._open) > size and idle:
            self._close(idle.pop(0))
            self.evictions += 1

    def _close(self, key: BrowserKey) -> None:
        pooled = self._open.pop(key)
        if self._grid is not None and pooled.grid is not None:
            self._grid.quit(pooled.grid)
            return
        with contextlib.suppress(Error):
            pooled.context.close()
        # The next launch of this key starts from a fresh profile anyway (get()).
        shutil.rmtree(pooled.user_data_dir, ignore_errors=True)

    def restart(self, key: BrowserKey) -> PooledBrowser:
        """Close the browser and open the same profile again, as a phone does when the
        system ends the browser while the user is in another app. The profile is kept:
        what survives is what the cookie policy lets survive."""
        old = self._open.pop(key)
        if self._grid is not None and old.grid is not None:
            # The same profile folder on the same node: a real restart, on the Grid.
            pooled = self._grid_pooled(key, self._grid.relaunch(old.grid), old.policy)
            self._open[key] = pooled
            return pooled
        old.context.close()
        pooled = self._launch(key, old.device, old.policy, old.user_data_dir)
        self._open[key] = pooled
        return pooled

    def _launch(
        self, key: BrowserKey, device: DeviceProfile, policy: CookiePolicy, user_data_dir: Path
    ) -> PooledBrowser:
        try:
            context = self.playwright.chromium.launch_persistent_context(
                str(user_data_dir), **launch_arguments(self.options, self.environment, device)
            )
        except Error as exc:
            if self.options.video_dir and "ffmpeg" in exc.message:
                raise HarnessSetupError(
                    "Videos (--video, HARNESS_VIDEO) need Playwright's ffmpeg, which is not "
                    "installed: run `.venv/bin/python -m playwright install ffmpeg` (or "
                    "`./qa setup`, which links Debian's ffmpeg where the download is not "
                    "reachable), or record no video (--video off)."
                ) from exc
            raise HarnessSetupError(
                f"Chromium at {self.options.executable_path} did not start for {key.slug}: "
                f"{exc.message.splitlines()[0]}\nCheck CHROMIUM_PATH, or run ./qa setup."
            ) from exc
        self.launches += 1
        return self._pooled(key, context, device, policy, user_data_dir)

    def _pooled(
        self,
        key: BrowserKey,
        context: BrowserContext,
        device: DeviceProfile,
        policy: CookiePolicy,
        user_data_dir: Path,
        *,
        grid: GridBrowser | None = None,
    ) -> PooledBrowser:
        """What every new context gets, local or on a Grid: the deadline, the change mark
        for step screenshots, and a trace from the start when the mode asks for one."""
        context.set_default_timeout(self.options.ui_timeout_s * 1000)
        context.add_init_script(CHANGE_MARK_SCRIPT)
        tracing = Tracing(context, snapshots=self.options.trace_snapshots)
        tracing.start_for_mode(self.options.tracing)
        return PooledBrowser(key, context, device, policy, user_data_dir, tracing, grid)

    def forget(self, key: BrowserKey) -> None:
        """Drop a profile whose browser died, so the next scenario launches it afresh."""
        if key in self._open:
            self._close(key)
        self._held.discard(key)

    def close(self) -> None:
        if self._pending is not None:
            self._pending[1].discard()
            self._pending = None
        for pooled in self._open.values():
            if self._grid is not None and pooled.grid is not None:
                self._grid.quit(pooled.grid)
                continue
            # A crashed browser is already gone; nothing is left to close.
            with contextlib.suppress(Error):
                pooled.context.close()
        self._open.clear()
        if self._grid is not None:
            self._grid.close()
