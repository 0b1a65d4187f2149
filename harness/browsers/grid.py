"""Pooled browsers on a Selenium Grid: one Grid session per (device, cookie policy, slot).

Each session is a Chromium profile on a node, in a folder the harness names
(`--user-data-dir`), with the cookie policy in the session's preferences. The harness uses
the session's default context, as it uses a local persistent profile: cookies live in the
profile, so closing the browser (ending the session) and opening the same folder again on
the same node is a real browser restart, and `session-only` loses exactly what it loses
locally. Between scenarios the context gets the same clean-up as a local profile.

Playwright applies a device profile only to contexts it creates, so on the default context
the device is emulated here: the user agent as a launch switch (every frame, worker and
request of the session), the screen and touch over a CDP session kept open per page.
"""

from __future__ import annotations

import contextlib
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from playwright.sync_api import Browser, BrowserContext, CDPSession, Error, Page, Playwright

from harness.cookie_policies import CookiePolicy
from harness.devices import DeviceProfile
from harness.errors import HarnessSetupError
from harness.grid.client import (
    NODE_CAPABILITY,
    GridClient,
    GridNode,
    GridSession,
    chrome_capabilities,
)

# What Chromium needs when chromedriver starts it on a node (root in a container, no
# display); the harness's own switches follow.
NODE_ARGS = ("--no-sandbox",)
HEADLESS = "--headless=new"
# Node-side profile folders, one subfolder per pool; in /tmp, so a node's reboot (or a
# container's end) takes what a run could not remove.
# chromedriver's own default preferences allow geolocation everywhere; Chromium itself
# asks (3), as a local profile does, so a permission is never granted before a scenario.
DRIVER_DEFAULTS_UNDONE = {"profile.default_content_setting_values.geolocation": 3}
NODE_PROFILES = PurePosixPath("/tmp/s-login-grid")  # noqa: S108 - a path on the node


@dataclass
class DeviceEmulation:
    """A device's screen and touch on pages of a session's default context, over CDP.

    Each page keeps its own CDP session: a detached session's overrides end with it. A
    Playwright screenshot of such a page resets the screen until the next navigation
    (Chromium restores the emulation of the session that took it, which has none), so
    every screenshot is followed by `restore()`.
    """

    device: DeviceProfile
    _sessions: dict[Page, CDPSession] = field(default_factory=dict)

    def apply(self, context: BrowserContext, page: Page) -> None:
        session = context.new_cdp_session(page)
        self._sessions[page] = session
        page.once("close", self._forget)
        self._metrics(session)
        if self.device.has_touch:
            touch = {"enabled": True, "maxTouchPoints": 1}
            session.send("Emulation.setTouchEmulationEnabled", touch)

    def _forget(self, page: Page) -> None:
        self._sessions.pop(page, None)

    def restore(self, page: Page) -> None:
        session = self._sessions.get(page)
        if session is not None and not page.is_closed():
            # Re-sending unchanged values is ignored; clearing first makes them count.
            session.send("Emulation.clearDeviceMetricsOverride")
            self._metrics(session)

    def _metrics(self, session: CDPSession) -> None:
        width, height = self.device.viewport
        metrics: dict[str, Any] = {
            "width": width,
            "height": height,
            "deviceScaleFactor": self.device.device_scale_factor,
            "mobile": self.device.is_mobile,
            "screenWidth": width,
            "screenHeight": height,
        }
        if self.device.is_mobile:
            landscape = width > height
            metrics["screenOrientation"] = {
                "angle": 90 if landscape else 0,
                "type": "landscapePrimary" if landscape else "portraitPrimary",
            }
        session.send("Emulation.setDeviceMetricsOverride", metrics)


@dataclass
class GridBrowser:
    """A Grid session with Playwright attached: its browser, profile folder and device."""

    session: GridSession
    browser: Browser
    profile_dir: PurePosixPath
    emulation: DeviceEmulation

    @property
    def context(self) -> BrowserContext:
        """The session's default context: the profile on the node."""
        return self.browser.contexts[0]

    @property
    def node(self) -> str:
        return self.session.node_name

    def new_page(self) -> Page:
        page = self.context.new_page()
        self.emulation.apply(self.context, page)
        return page


class GridLauncher:
    """Opens, restarts and ends the pool's Grid sessions."""

    def __init__(
        self,
        playwright: Playwright,
        grid_url: str,
        base_args: list[str],
        signin_url: str,
        *,
        headed: bool = False,
        slow_mo_ms: float = 0.0,
    ) -> None:
        self.playwright = playwright
        self.client = GridClient(grid_url)
        self.nodes: list[GridNode] = self.client.check()
        self.base_args = base_args
        self.signin_url = signin_url
        self.headed = headed
        self.slow_mo_ms = slow_mo_ms
        # Unique per pool: two workers, or two runs, never share a profile folder.
        self.profiles = NODE_PROFILES / uuid.uuid4().hex[:12]
        self._launches = 0

    @property
    def url(self) -> str:
        return self.client.url

    def launch(self, slug: str, device: DeviceProfile, policy: CookiePolicy) -> GridBrowser:
        """A new session for a profile, in a new folder: a fresh browser, as locally."""
        self._launches += 1
        profile = self.profiles / f"{slug}-{self._launches}"
        args = [
            *([] if self.headed else [HEADLESS]),
            *NODE_ARGS,
            *self.base_args,
            f"--user-agent={device.user_agent}",
            f"--user-data-dir={profile}",
        ]
        prefs = {**DRIVER_DEFAULTS_UNDONE, **policy.preferences(self.signin_url)}
        capabilities = chrome_capabilities(args, prefs)
        session = self.client.open(capabilities, slug)
        return self._attach(session, profile, DeviceEmulation(device))

    def relaunch(self, old: GridBrowser) -> GridBrowser:
        """Close the browser and open its profile folder again on the same node."""
        pin = self._pin(old)
        self.quit(old)
        capabilities = dict(old.session.capabilities)
        if pin is not None:
            capabilities[NODE_CAPABILITY] = pin
        session = self.client.open(capabilities, f"the restart of {old.profile_dir.name}")
        return self._attach(session, old.profile_dir, DeviceEmulation(old.emulation.device))

    def _pin(self, old: GridBrowser) -> str | None:
        """The node label that brings a restarted browser back to its profile folder."""
        node = old.session.node
        if node is not None and node.label:
            return node.label
        if len(self.client.nodes()) <= 1:
            return None
        raise HarnessSetupError(
            f"Restarting a browser on the Grid at {self.url} needs the node that holds its "
            f"profile, but {old.node} has no {NODE_CAPABILITY!r} in its stereotype, so no "
            "request can be pinned to it. Give every node's stereotype its own "
            f'"{NODE_CAPABILITY}" value (README, "Scaling out"; `./qa grid start` does), or '
            "use a Grid with one node."
        )

    def _attach(
        self, session: GridSession, profile: PurePosixPath, emulation: DeviceEmulation
    ) -> GridBrowser:
        try:
            browser = self.playwright.chromium.connect_over_cdp(
                session.cdp_url, slow_mo=self.slow_mo_ms
            )
        except Error as exc:
            self.client.delete(session.session_id)
            raise HarnessSetupError(
                f"Playwright could not attach to the Grid session on {session.node_name} at "
                f"{session.cdp_url}: {exc.message.splitlines()[0]}\nThe nodes must be "
                "reachable at the address the Grid hands out: set `grid-url` in each node's "
                "configuration to the hub's URL (README, 'Scaling out')."
            ) from exc
        return GridBrowser(session, browser, profile, emulation)

    def keep_alive(self, grid_browser: GridBrowser) -> None:
        self.client.keep_alive(grid_browser.session.session_id)

    def quit(self, grid_browser: GridBrowser) -> None:
        """Detach Playwright, then end the session: chromedriver closes the browser."""
        with contextlib.suppress(Error):
            grid_browser.browser.close()
        self.client.delete(grid_browser.session.session_id)

    def close(self) -> None:
        self.client.close()
        # Nodes on this machine (a loopback Grid) left their folders here; remote nodes
        # keep them in their /tmp.
        shutil.rmtree(self.profiles, ignore_errors=True)
