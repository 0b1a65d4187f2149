"""Typed client of a stub's control API (`/_control/…`): the clock and published terms;
and the token every client of a control API sends."""

from __future__ import annotations

import ssl
from collections.abc import Generator
from typing import Any

import httpx

from harness.environment import Site
from harness.errors import HarnessSetupError


class ControlToken(httpx.Auth):
    """`Authorization: Bearer <token>` on requests to `/_control/…` only: the clients that
    also read a site's own API (the gateway's messages) send that API nothing of it."""

    def __init__(self, site: Site) -> None:
        self.token = site.control_token

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response]:
        if self.token and request.url.path.startswith("/_control/"):
            request.headers["Authorization"] = f"Bearer {self.token}"
        yield request


class ControlClient:
    """Scripts one stub and reads what happened there."""

    def __init__(self, site: Site, verify: ssl.SSLContext | bool) -> None:
        if site.control_url is None:
            raise HarnessSetupError(
                f"The {site.name} site at {site.public_url} has no control API: scenarios that "
                "move the clock or publish terms run only against the stub world."
            )
        self.site = site
        self._http = httpx.Client(
            base_url=site.control_url, verify=verify, timeout=10, auth=ControlToken(site)
        )

    def close(self) -> None:
        self._http.close()

    def advance_clock(self, seconds: float) -> str:
        response = self._http.post("/_control/clock/advance", json={"seconds": seconds})
        response.raise_for_status()
        return str(response.json()["now"])

    def publish_terms(self, version: str) -> None:
        """Publish a new version of the terms of use and the privacy notice."""
        response = self._http.post("/_control/terms", json={"version": version})
        response.raise_for_status()

    def events(self, email: str) -> list[dict[str, Any]] | None:
        """What the stub logged for one address, oldest first (`GET /_control/events`);
        None when it keeps no such log or cannot be asked now, so a caller explaining a
        failure keeps its own message."""
        try:
            response = self._http.get("/_control/events", params={"email": email})
        except httpx.HTTPError:
            return None
        if response.status_code != 200:
            return None
        found = response.json()
        return found if isinstance(found, list) else None
