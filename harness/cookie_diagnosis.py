"""Reads Chromium's own reasons for refusing cookies over the DevTools protocol."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, CDPSession, Page

from harness.unrecorded import unrecorded


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
    _urls: dict[str, str] = field(default_factory=dict)
    # Every origin the pages talked to, so clean-up can wipe exactly those.
    origins: set[str] = field(default_factory=set)
    # sessionStorage belongs to the tab and no CDP call clears it from outside the page,
    # so a tab that used it is not reused.
    used_session_storage: bool = False
    # The page's DevTools session, attached for as long as the tab lives; the clean-up
    # between scenarios uses it too, rather than attaching one of its own each time.
    session: CDPSession | None = None

    def reset(self) -> None:
        """Forget what the previous scenario saw; the tab and its listener stay."""
        self.blocked.clear()
        self.origins.clear()
        self._urls.clear()
        self.used_session_storage = False

    def attach(self, context: BrowserContext, page: Page) -> None:
        with unrecorded():  # the harness listening, not a step of the scenario's trace
            session = self.session = context.new_cdp_session(page)
        session.on("Network.requestWillBeSent", self._on_request)
        session.on("Network.responseReceivedExtraInfo", self._on_extra_info)
        session.on("DOMStorage.domStorageItemAdded", self._on_storage_write)
        session.on("DOMStorage.domStorageItemUpdated", self._on_storage_write)
        # Only events are read here: no response body is ever asked for, so the browser
        # need not keep a copy of each one for this session.
        session.send(
            "Network.enable",
            {"maxTotalBufferSize": 0, "maxResourceBufferSize": 0, "maxPostDataSize": 0},
        )
        session.send("DOMStorage.enable")

    def _on_storage_write(self, event: dict[str, Any]) -> None:
        if not event.get("storageId", {}).get("isLocalStorage", True):
            self.used_session_storage = True

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


def diagnosis(
    refused: list[BlockedCookie],
    cleared: list[BlockedCookie],
    browsers: list[str],
    *,
    expected: bool,
) -> list[str]:
    """What the browsers did with cookies in a failed scenario, said even when they refused
    nothing: that rules refused cookies out, or (where AUTH-4376 was expected) is the
    reason the scenario failed."""
    where = ", ".join(browsers) or "no browser"
    if not (refused or cleared):
        line = f"Cookie diagnosis: no cookie was refused (browsers: {where})."
        if expected:
            line += " This scenario expects the sign-in cookie to be refused (AUTH-4376)."
        return [line]
    role = "evidence (this scenario is about refused cookies)" if expected else "likely cause"
    lines = [f"Cookie diagnosis, as {role}, on {where}:"]
    lines += [f"  - {cookie.describe()}" for cookie in refused + cleared]
    return lines
