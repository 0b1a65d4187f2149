"""A small typed client of Mailpit's HTTP API: wait for one address's mail, read codes.

Written here rather than taken from PyPI because `mailpit-api-client` deletes with bodies
real Mailpit misreads, and the harness needs exact-address matching and "what was last
seen" on timeouts (Mailpit's `to:` search is a substring match).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from harness.clients.tls import verify_for
from harness.errors import HarnessSetupError
from harness.waiting import wait_until

_CODE_LINE = re.compile(r"^\s*(\d{4})\s*$", re.MULTILINE)


def one_time_code(text: str, where: str) -> str:
    """The 4-digit code that stands alone on its own line of a message."""
    codes = _CODE_LINE.findall(text)
    if len(codes) != 1:
        raise AssertionError(
            f"Expected exactly one 4-digit code in {where}, found {codes or 'none'}. Text:\n{text}"
        )
    return str(codes[0])


class CarriesCode:
    """A message (email or text message) whose text may carry a one-time code."""

    text: str

    def describe(self) -> str:
        """Which message this is, for an error that names it."""
        raise NotImplementedError

    def one_time_code(self) -> str:
        """The code that stands alone on its own line of the text."""
        return one_time_code(self.text, self.describe())


@dataclass(frozen=True)
class Email(CarriesCode):
    """One message as a reader sees it."""

    id: str
    to: tuple[str, ...]
    subject: str
    text: str
    html: str
    created: str

    def describe(self) -> str:
        return f"the email {self.subject!r} to {', '.join(self.to)}"

    def link(self, starting_with: str) -> str:
        """The one link of the text part that starts with `starting_with`."""
        links = [w for w in self.text.split() if w.startswith(starting_with)]
        if len(set(links)) != 1:
            raise AssertionError(
                f"Expected one link starting with {starting_with} in the email {self.subject!r} "
                f"to {', '.join(self.to)}, found {links or 'none'}. Text:\n{self.text}"
            )
        return links[0]


class MailpitClient:
    """Reads the inbox through Mailpit's API v1 (never through the stubs)."""

    def __init__(
        self,
        api_url: str,
        *,
        timeout_s: float = 15.0,
        auth: tuple[str, str] | None = None,
        explain_missing: Callable[[str], str | None] | None = None,
    ) -> None:
        self.api_url = api_url.rstrip("/")
        self.timeout_s = timeout_s
        # Asked when a wait for an address's mail times out: why the world sent none, if
        # it can tell (the sign-in service's send caps, harness/clients/send_caps.py).
        self.explain_missing = explain_missing
        # A shared environment's inbox may ask for basic auth (inbox.auth_env).
        self._http = httpx.Client(
            base_url=self.api_url, timeout=10, auth=auth, verify=verify_for(self.api_url)
        )

    def close(self) -> None:
        self._http.close()

    def _get(self, path: str, **params: str | int) -> httpx.Response:
        try:
            response = self._http.get(path, params=params)
        except httpx.HTTPError as exc:
            raise HarnessSetupError(
                f"Mailpit at {self.api_url} is not reachable ({exc.__class__.__name__}: "
                f"{exc}). Is it running? Check MAILPIT_URL or the harness's Mailpit log."
            ) from exc
        response.raise_for_status()
        return response

    def summaries_to(self, address: str) -> list[dict[str, object]]:
        """Messages whose To is exactly ``address`` (newest first)."""
        found = self._get("/api/v1/search", query=f'to:"{address}"', limit=200).json()
        messages = found.get("messages") or []
        wanted = address.lower()
        return [
            m
            for m in messages
            if any(str(r.get("Address", "")).lower() == wanted for r in (m.get("To") or []))
        ]

    def message(self, message_id: str) -> Email:
        data = self._get(f"/api/v1/message/{message_id}").json()
        return Email(
            id=str(data["ID"]),
            to=tuple(str(r["Address"]) for r in data.get("To") or []),
            subject=str(data.get("Subject", "")),
            text=str(data.get("Text", "")),
            html=str(data.get("HTML", "")),
            created=str(data.get("Date", "")),
        )

    def delete(self, message_ids: list[str]) -> None:
        # An empty ID list would delete every message in Mailpit: never send one.
        if message_ids:
            self._http.request("DELETE", "/api/v1/messages", json={"IDs": message_ids})

    def mailbox(self, address: str) -> Mailbox:
        return Mailbox(self, address)

    def recent_summary(self, limit: int = 5) -> str:
        data = self._get("/api/v1/messages", limit=limit).json()
        rows = [
            f"  - to {', '.join(str(r.get('Address')) for r in (m.get('To') or []))}: "
            f"{m.get('Subject')!r}"
            for m in data.get("messages") or []
        ]
        total = data.get("total", 0)
        return f"Mailpit holds {total} message(s); newest:\n" + ("\n".join(rows) or "  (none)")


@dataclass
class Mailbox:
    """One persona's address: hands out each new message once, oldest unseen first."""

    client: MailpitClient
    address: str
    # Every message handed out so far, by id, so nobody needs to fetch it again.
    read: dict[str, Email] = field(default_factory=dict)

    @property
    def seen(self) -> set[str]:
        return set(self.read)

    def next_message(self, *, timeout_s: float | None = None) -> Email:
        def unseen() -> str | None:
            fresh = [m for m in self.client.summaries_to(self.address) if m["ID"] not in self.read]
            return str(fresh[-1]["ID"]) if fresh else None

        message_id = wait_until(
            unseen,
            timeout_s=timeout_s if timeout_s is not None else self.client.timeout_s,
            what=f"a new email to {self.address}",
            describe=self._why_nothing_came,
        )
        email = self.read[message_id] = self.client.message(message_id)
        return email

    def _why_nothing_came(self) -> str:
        explain = self.client.explain_missing
        note = explain(self.address) if explain is not None else None
        return (
            (f"{note} " if note else "")
            + f"{len(self.seen)} earlier message(s) to this address were already read. "
            + self.client.recent_summary()
        )

    def count(self) -> int:
        return len(self.client.summaries_to(self.address))

    def unseen_count(self) -> int:
        """Messages to this address that no step has read yet."""
        return sum(1 for m in self.client.summaries_to(self.address) if m["ID"] not in self.read)

    def clear(self) -> None:
        self.client.delete([str(m["ID"]) for m in self.client.summaries_to(self.address)])
