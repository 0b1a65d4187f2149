"""Reads text messages from the gateway's API, as the inbox client reads Mailpit."""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx

from harness.clients.control import ControlToken
from harness.clients.inbox import CarriesCode
from harness.environment import Environment
from harness.errors import HarnessSetupError
from harness.waiting import wait_until


@dataclass(frozen=True)
class TextMessage(CarriesCode):
    """One text message as the phone shows it."""

    id: str
    to: str
    sender: str
    text: str

    def describe(self) -> str:
        return f"the text message from {self.sender} to {self.to}"


class SmsGatewayClient:
    """The gateway's read API (`GET /api/v1/messages?to=`)."""

    def __init__(self, environment: Environment, *, timeout_s: float = 15.0) -> None:
        site = environment.site("sms")
        self.base_url = site.control_url or site.public_url
        self.timeout_s = timeout_s
        self._http = httpx.Client(
            base_url=self.base_url, verify=environment.verify(), timeout=10, auth=ControlToken(site)
        )

    def close(self) -> None:
        self._http.close()

    def messages_to(self, number: str) -> list[TextMessage]:
        try:
            response = self._http.get("/api/v1/messages", params={"to": number})
        except httpx.HTTPError as exc:
            raise HarnessSetupError(
                f"The text-message gateway at {self.base_url} is not reachable ({exc})."
            ) from exc
        response.raise_for_status()
        return [
            TextMessage(str(m["id"]), str(m["to"]), str(m["sender"]), str(m["text"]))
            for m in response.json()
            if m["to"] == number
        ]

    def set_down(self, down: bool) -> None:
        self._http.post("/_control/fault", json={"down": down}).raise_for_status()

    def phone(self, number: str) -> Phone:
        return Phone(self, number)


@dataclass
class Phone:
    """One persona's phone: hands out each new text message once, oldest first."""

    gateway: SmsGatewayClient
    number: str
    seen: set[str] = field(default_factory=set)

    def next_message(self, *, timeout_s: float | None = None) -> TextMessage:
        def unseen() -> TextMessage | None:
            fresh = [m for m in self.gateway.messages_to(self.number) if m.id not in self.seen]
            return fresh[0] if fresh else None

        message = wait_until(
            unseen,
            timeout_s=timeout_s if timeout_s is not None else self.gateway.timeout_s,
            what=f"a new text message to {self.number}",
            describe=lambda: f"{len(self.seen)} earlier message(s) to this number were read.",
        )
        self.seen.add(message.id)
        return message

    def unseen_count(self) -> int:
        return sum(1 for m in self.gateway.messages_to(self.number) if m.id not in self.seen)
