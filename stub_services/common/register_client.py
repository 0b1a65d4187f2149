"""Typed client of the customer register's server API (cards and their S-login links)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Protocol
from urllib.parse import quote

import httpx


class RegisterError(Exception):
    """The register could not be reached or answered something unexpected."""


class BusinessLookup(Enum):
    FOUND = "found"
    UNKNOWN = "unknown"
    FORBIDDEN = "forbidden"


@dataclass(frozen=True)
class BusinessCard:
    outcome: BusinessLookup
    card_number: str | None = None


class Register(Protocol):
    """What the sign-in service and the account site need from the register."""

    def person_card(self, hetu: str) -> str | None: ...

    def business_card(self, business_id: str, authorised_hetu: str) -> BusinessCard: ...

    def link(self, card_number: str, s_login: str) -> bool:
        """True when linked (or already linked to this S-login); False when taken."""
        ...

    def unlink(self, card_number: str, s_login: str) -> None: ...

    def linked_card(self, s_login: str) -> str | None: ...


def mask_card(card_number: str) -> str:
    """How users see a card: `6043 •••• •••• 1234`."""
    return f"{card_number[:4]} •••• •••• {card_number[-4:]}"


class HttpRegister:
    """The register over HTTPS with its bearer token."""

    def __init__(self, client: httpx.Client, base_url: str, token: str) -> None:
        self._client = client
        self._base = base_url.rstrip("/")
        self._headers = {"Authorization": f"Bearer {token}"}

    def _call(
        self, method: str, path: str, json: dict[str, str] | None = None, **params: str
    ) -> httpx.Response:
        try:
            return self._client.request(
                method,
                f"{self._base}{path}",
                headers=self._headers,
                json=json,
                params=params or None,
            )
        except httpx.HTTPError as exc:
            raise RegisterError(f"{method} {path}: {type(exc).__name__}") from exc

    @staticmethod
    def _card(response: httpx.Response, what: str) -> str:
        body: Any = response.json()
        if not isinstance(body, dict) or not isinstance(body.get("card_number"), str):
            raise RegisterError(f"{what}: no card_number in the answer")
        return str(body["card_number"])

    def person_card(self, hetu: str) -> str | None:
        response = self._call("GET", f"/api/v1/persons/{quote(hetu, safe='')}/card")
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise RegisterError(f"person card answered {response.status_code}")
        return self._card(response, "person card")

    def business_card(self, business_id: str, authorised_hetu: str) -> BusinessCard:
        response = self._call(
            "GET",
            f"/api/v1/businesses/{quote(business_id, safe='')}/card",
            authorised_hetu=authorised_hetu,
        )
        if response.status_code == 404:
            return BusinessCard(BusinessLookup.UNKNOWN)
        if response.status_code == 403:
            return BusinessCard(BusinessLookup.FORBIDDEN)
        if response.status_code != 200:
            raise RegisterError(f"business card answered {response.status_code}")
        return BusinessCard(BusinessLookup.FOUND, self._card(response, "business card"))

    def link(self, card_number: str, s_login: str) -> bool:
        path = f"/api/v1/cards/{quote(card_number, safe='')}/link"
        response = self._call("POST", path, json={"s_login": s_login})
        if response.status_code == 409:
            return False
        if response.status_code != 200:
            raise RegisterError(f"link answered {response.status_code}")
        return True

    def unlink(self, card_number: str, s_login: str) -> None:
        path = f"/api/v1/cards/{quote(card_number, safe='')}/link"
        response = self._call("DELETE", path, json={"s_login": s_login})
        if response.status_code not in (200, 204, 404):
            raise RegisterError(f"unlink answered {response.status_code}")

    def linked_card(self, s_login: str) -> str | None:
        response = self._call("GET", f"/api/v1/links/{quote(s_login, safe='')}")
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise RegisterError(f"links answered {response.status_code}")
        return self._card(response, "links")
