"""A Selenium Grid 4 seen over HTTP: its nodes, and sessions opened and ended by hand.

The harness opens each Grid session itself (W3C `POST /session`) rather than through
Playwright's `SELENIUM_REMOTE_URL`, which merges capabilities shallowly and so loses
either its own Chromium switches or the cookie policy's preferences. Playwright then
attaches to the session's browser through the Grid's CDP proxy (`se:cdp`).
"""

from __future__ import annotations

import contextlib
import json
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from harness.clients.tls import default_context
from harness.errors import HarnessSetupError

# Grid 4 refuses a body whose Content-Type lacks the charset.
JSON_HEADERS = {"Content-Type": "application/json; charset=utf-8"}
# A custom capability every node of a harness Grid carries in its stereotype, with the
# node's own value: a request that names it lands on that node (needed to restart a
# browser on the node that holds its profile folder).
NODE_CAPABILITY = "harness:node"
# Opening a session may wait in the Grid's queue while every slot is busy.
OPEN_TIMEOUT_S = 150.0


@dataclass(frozen=True)
class GridNode:
    """One node as the Grid's /status reports it."""

    uri: str
    label: str | None
    up: bool
    slots: int
    sessions: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The node's label, or its address when its stereotype carries none."""
        return self.label or self.uri


@dataclass(frozen=True)
class GridSession:
    """An open Grid session: where to attach, which node runs it, what it was asked for."""

    session_id: str
    cdp_url: str
    node: GridNode | None
    capabilities: dict[str, Any] = field(repr=False)

    @property
    def node_name(self) -> str:
        return self.node.name if self.node is not None else "unknown node"


def flat_prefs(prefs: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Chromium preferences as the dotted keys chromedriver expects.

    chromedriver sets each key of `prefs` by its dotted path into the profile's
    preferences, so a nested `{"profile": {...}}` would replace the whole `profile`
    dictionary. A dictionary whose keys hold dots themselves (content-setting patterns
    such as `https://login.s-ryhma.test:443,*`) is a value, kept whole.
    """
    flat: dict[str, Any] = {}
    for key, value in prefs.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and value and not any("." in k for k in value):
            flat.update(flat_prefs(value, f"{path}."))
        else:
            flat[path] = value
    return flat


def chrome_capabilities(
    args: list[str], prefs: dict[str, Any], *, node_label: str | None = None
) -> dict[str, Any]:
    """W3C capabilities for a Chromium session; `node_label` pins it to that node."""
    capabilities: dict[str, Any] = {
        "browserName": "chrome",
        "acceptInsecureCerts": True,
        "goog:chromeOptions": {"args": args, "prefs": flat_prefs(prefs)},
    }
    if node_label:
        capabilities[NODE_CAPABILITY] = node_label
    return capabilities


class GridClient:
    """The Grid's HTTP endpoints the harness uses: status, new session, delete, keep-alive."""

    def __init__(self, url: str, *, open_timeout_s: float = OPEN_TIMEOUT_S) -> None:
        self.url = url.rstrip("/")
        self._http = httpx.Client(
            timeout=httpx.Timeout(10.0, read=open_timeout_s), verify=default_context()
        )
        self._touched: dict[str, float] = {}

    def close(self) -> None:
        self._http.close()

    def _unreachable(self, exc: httpx.HTTPError) -> HarnessSetupError:
        return HarnessSetupError(
            f"No Selenium Grid answers at {self.url} ({type(exc).__name__}: {exc}). Start one "
            "with `./qa grid start` (it prints its URL), or correct --grid / HARNESS_GRID_URL."
        )

    def nodes(self) -> list[GridNode]:
        """The nodes registered with the Grid, from its /status."""
        try:
            response = self._http.get(f"{self.url}/status")
            value = response.json().get("value", {})
        except httpx.HTTPError as exc:
            raise self._unreachable(exc) from exc
        except ValueError as exc:
            raise HarnessSetupError(
                f"{self.url}/status did not answer with JSON: is {self.url} a Selenium Grid?"
            ) from exc
        return [_node(entry) for entry in value.get("nodes", [])]

    def check(self) -> list[GridNode]:
        """The Grid's nodes, or an error that says why no session could start there."""
        nodes = self.nodes()
        up = [node for node in nodes if node.up]
        if not up:
            raise HarnessSetupError(
                f"The Selenium Grid at {self.url} has no node that is up "
                f"({len(nodes)} registered). Start nodes (`./qa grid start` starts a hub and "
                "two), or wait until they have registered (`./qa grid status`)."
            )
        return nodes

    def open(self, capabilities: dict[str, Any], what: str) -> GridSession:
        """A new session (queued by the Grid until a slot is free); `what` names it in errors."""
        body = json.dumps({"capabilities": {"alwaysMatch": capabilities}})
        try:
            response = self._http.post(f"{self.url}/session", content=body, headers=JSON_HEADERS)
        except httpx.HTTPError as exc:
            raise self._unreachable(exc) from exc
        value = _value(response)
        granted = value.get("capabilities") if isinstance(value, dict) else None
        if response.status_code != 200 or not isinstance(granted, dict):
            message = value.get("message", response.text) if isinstance(value, dict) else value
            pinned = capabilities.get(NODE_CAPABILITY)
            hint = (
                f" It was pinned to node {pinned!r}: is that node still registered?"
                if pinned
                else ""
            )
            raise HarnessSetupError(
                f"The Selenium Grid at {self.url} did not start a Chromium for {what} "
                f"(HTTP {response.status_code}): {str(message).splitlines()[0][:600]}.{hint}"
            )
        session_id = str(value["sessionId"])
        cdp_url = granted.get("se:cdp")
        if not cdp_url:
            self.delete(session_id)
            raise HarnessSetupError(
                f"The Grid at {self.url} gave the session for {what} no `se:cdp` address, so "
                "Playwright cannot attach. Enable CDP on its nodes (`[node] enable-cdp = true`, "
                "the default) and use Chromium nodes."
            )
        self._touched[session_id] = time.monotonic()
        return GridSession(session_id, str(cdp_url), self.node_of(session_id), capabilities)

    def node_of(self, session_id: str) -> GridNode | None:
        """The node that runs a session (the new-session answer does not say)."""
        return next((node for node in self.nodes() if session_id in node.sessions), None)

    def delete(self, session_id: str) -> None:
        """End a session: its node's chromedriver quits the browser, as a user closes it."""
        self._touched.pop(session_id, None)
        # When the Grid is gone already, so is the session.
        with contextlib.suppress(httpx.HTTPError):
            self._http.delete(f"{self.url}/session/{session_id}")

    def keep_alive(self, session_id: str, *, every_s: float = 60.0) -> None:
        """A WebDriver command now and then: nodes end sessions idle for their
        `session-timeout` (300 s by default), and CDP traffic does not count as activity."""
        last = self._touched.get(session_id, 0.0)
        if time.monotonic() - last < every_s:
            return
        self._touched[session_id] = time.monotonic()
        with contextlib.suppress(httpx.HTTPError):
            self._http.get(f"{self.url}/session/{session_id}/timeouts")


def _value(response: httpx.Response) -> Any:
    try:
        return response.json().get("value", {})
    except ValueError:
        return {"message": response.text[:600]}


def _node(entry: dict[str, Any]) -> GridNode:
    slots = entry.get("slots", [])
    labels = {
        str(slot.get("stereotype", {}).get(NODE_CAPABILITY))
        for slot in slots
        if slot.get("stereotype", {}).get(NODE_CAPABILITY)
    }
    sessions = tuple(
        str(slot["session"]["sessionId"])
        for slot in slots
        if isinstance(slot.get("session"), dict) and slot["session"].get("sessionId")
    )
    return GridNode(
        uri=str(entry.get("uri", "?")),
        label=sorted(labels)[0] if labels else None,
        up=entry.get("availability") == "UP",
        slots=len(slots),
        sessions=sessions,
    )
