"""Reads Chromium's own reasons for refusing cookies over the DevTools protocol."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Page


@dataclass(frozen=True)
class BlockedCookie:
    """A cookie a site tried to set and the browser refused, with the browser's reasons."""

    name: str
    site: str
    reasons: tuple[str, ...]
    url: str

    def describe(self) -> str:
        return f"{self.name} from {self.site} refused: {', '.join(self.reasons)} ({self.url})"


@dataclass
class CookieRecorder:
    """Listens on one page's CDP session and keeps every refused Set-Cookie."""

    blocked: list[BlockedCookie] = field(default_factory=list)
    # Cookies a restart took away (a session-only policy); found by comparing the jar.
    cleared_at_restart: list[BlockedCookie] = field(default_factory=list)
    _urls: dict[str, str] = field(default_factory=dict)
    # Every origin the pages talked to, so clean-up can wipe exactly those.
    origins: set[str] = field(default_factory=set)

    def attach(self, context: BrowserContext, page: Page) -> None:
        session = context.new_cdp_session(page)
        session.on("Network.requestWillBeSent", self._on_request)
        session.on("Network.responseReceivedExtraInfo", self._on_extra_info)
        session.send("Network.enable")

    def _on_request(self, event: dict[str, Any]) -> None:
        url = str(event["request"]["url"])
        self._urls[str(event["requestId"])] = url
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc:
            self.origins.add(f"{parts.scheme}://{parts.netloc}")

    def _on_extra_info(self, event: dict[str, Any]) -> None:
        url = self._urls.get(str(event.get("requestId")), "")
        for entry in event.get("blockedCookies") or []:
            cookie = entry.get("cookie") or {}
            name = str(cookie.get("name") or str(entry.get("cookieLine", "?")).split("=")[0])
            site = str(cookie.get("domain") or urlsplit(url).hostname or "?").lstrip(".")
            reasons = tuple(str(r) for r in entry.get("blockedReasons") or [])
            self.blocked.append(BlockedCookie(name, site, reasons, url))
