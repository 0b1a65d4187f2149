"""Typed client of the text-message gateway: send one message, or say it could not."""

from __future__ import annotations

from typing import Protocol

import httpx

SENDER = "S-ryhma"


class SmsUnavailable(Exception):
    """The gateway did not accept the message (down, unreachable or refusing)."""


class SmsGateway(Protocol):
    def send(self, to: str, text: str) -> None:
        """Hand one message to the gateway; raises SmsUnavailable when it is not accepted."""
        ...


class HttpSms:
    """The gateway over HTTPS with its bearer token."""

    def __init__(self, client: httpx.Client, base_url: str, token: str) -> None:
        self._client = client
        self._url = f"{base_url.rstrip('/')}/api/v1/messages"
        self._headers = {"Authorization": f"Bearer {token}"}

    def send(self, to: str, text: str) -> None:
        try:
            response = self._client.post(
                self._url, headers=self._headers, json={"to": to, "sender": SENDER, "text": text}
            )
        except httpx.HTTPError as exc:
            raise SmsUnavailable(type(exc).__name__) from exc
        if response.status_code not in (200, 201, 202):
            raise SmsUnavailable(f"gateway answered {response.status_code}")
