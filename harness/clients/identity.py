"""Control clients of the bank broker and the customer register: seed people, script banks.

Seeding and scripting go through each stub's control API only; a real environment would
have its own test identities and cards instead (these scenarios are `@stub_only`).
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import httpx

from contract.sites import DEV_REGISTER_TOKEN
from harness.clients.control import ControlToken
from harness.environment import Environment

# The stub register's development token (HARNESS_REGISTER_TOKEN overrides it).


@dataclass(frozen=True)
class Coupon:
    """A coupon the register targeted at one customer."""

    id: str
    title: str
    ean13: str


@dataclass(frozen=True)
class Card:
    """A loyalty card in the register."""

    number: str
    customer_id: str

    @property
    def last_four(self) -> str:
        return self.number[-4:]


class _Control:
    def __init__(self, environment: Environment, site_name: str) -> None:
        site = environment.site(site_name)
        self._http = httpx.Client(
            base_url=site.control_url or site.public_url,
            verify=environment.verify(),
            timeout=10,
            auth=ControlToken(site),
        )

    def _post(self, path: str, payload: dict[str, object]) -> dict[str, object]:
        response = self._http.post(path, json=payload)
        if response.status_code >= 400:
            raise AssertionError(f"POST {path} {payload} answered {response.status_code}: "
                                 f"{response.text[:500]}")  # fmt: skip
        data: dict[str, object] = response.json() if response.content else {}
        return data

    def close(self) -> None:
        self._http.close()


class BankOutcome(StrEnum):
    """How the bank is told to answer the next identification."""

    APPROVE = "approve"
    CANCEL = "cancel"
    FAIL = "fail"
    TIMEOUT = "timeout"


class BankControl(_Control):
    """The bank broker's control API."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment, "bank")

    def add_identity(self, hetu: str, given_name: str, family_name: str) -> None:
        self._post(
            "/_control/identities",
            {"hetu": hetu, "given_name": given_name, "family_name": family_name},
        )

    def script_next_outcome(self, hetu: str, outcome: BankOutcome) -> None:
        self._post("/_control/next-outcome", {"outcome": outcome.value, "hetu": hetu})


class RegisterControl(_Control):
    """The customer register's control API, and its server API where a test plays the
    back office (linking a card to someone else's S-login)."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment, "register")
        self._token = os.environ.get("HARNESS_REGISTER_TOKEN", DEV_REGISTER_TOKEN)

    def advance_clock(self, seconds: float) -> None:
        """Move the register's clock, so invitations expire without waiting."""
        self._post("/_control/clock/advance", {"seconds": seconds})

    def link_to_another_s_login(self, card: Card) -> None:
        response = self._http.post(
            f"/api/v1/cards/{card.number}/link",
            json={"s_login": f"someone-else-{uuid.uuid4().hex}"},
            headers={"Authorization": f"Bearer {self._token}"},
        )
        if response.status_code != 200:
            raise AssertionError(
                f"Linking card {card.number} to another S-login answered "
                f"{response.status_code}: {response.text[:300]}"
            )

    def add_person(self, hetu: str, given_name: str, family_name: str) -> Card:
        data = self._post(
            "/_control/customers",
            {"kind": "person", "hetu": hetu, "given_name": given_name, "family_name": family_name},
        )
        return Card(str(data["card_number"]), str(data["customer_id"]))

    def add_coupon(self, card: Card, title: str, description: str) -> Coupon:
        """Target a coupon at the holder of `card`, as the marketing system would."""
        data = self._post(
            "/_control/coupons",
            {"card_number": card.number, "title": title, "description": description},
        )
        return Coupon(str(data["id"]), str(data["title"]), str(data["ean13"]))

    def add_purchase(
        self, card: Card, shop: str, amount_cents: int, saving_cents: int, on: date
    ) -> None:
        """A purchase on `card`, as a shop's till reports it to the register."""
        self._post(
            "/_control/purchases",
            {
                "card_number": card.number,
                "shop": shop,
                "amount_cents": amount_cents,
                "owner_saving_cents": saving_cents,
                "purchased_on": on.isoformat(),
            },
        )

    def back_office_household(self, card: Card) -> str:
        """Link `card` to a back-office S-login (no person signs in with it); its id."""
        s_login = f"back-office-{uuid.uuid4().hex}"
        self._api("POST", f"/api/v1/cards/{card.number}/link", {"s_login": s_login})
        return s_login

    def invite_by_back_office(self, s_login: str, email: str) -> str:
        """An invitation into the household of `s_login`, made over the server API; the
        token (the S-Etukortti site would email it as a link)."""
        data = self._api("POST", f"/api/v1/links/{s_login}/invitations", {"email": email})
        return str(data["token"])

    def _api(self, method: str, path: str, payload: dict[str, object]) -> dict[str, object]:
        response = self._http.request(
            method, path, json=payload, headers={"Authorization": f"Bearer {self._token}"}
        )
        if response.status_code >= 400:
            raise AssertionError(
                f"{method} {path} answered {response.status_code}: {response.text[:300]}"
            )
        data: dict[str, object] = response.json() if response.content else {}
        return data

    def add_business(self, business_id: str, name: str, authorised_hetu: str) -> Card:
        data = self._post(
            "/_control/customers",
            {
                "kind": "business",
                "business_id": business_id,
                "name": name,
                "authorised_hetu": authorised_hetu,
            },
        )
        return Card(str(data["card_number"]), str(data["customer_id"]))
