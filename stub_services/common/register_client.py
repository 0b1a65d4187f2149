"""Typed client of the customer register's server API: cards, links, Bonus, coupons, household."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, Protocol, TypeVar
from urllib.parse import quote

import httpx

from stub_services.common.outbound import https_client
from stub_services.common.settings import Settings

T = TypeVar("T")


class RegisterError(Exception):
    """The register could not be reached or answered something unexpected."""


class CouponUsed(RegisterError):
    """The coupon was redeemed already (409)."""


class CouponNotFound(RegisterError):
    """No such coupon for this customer, e.g. another customer's (404)."""


class InviteRefused(RegisterError):
    """This customer may not invite (403); `reason`: no_card, minor, not_owner or full."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"invitation refused: {reason}")
        self.reason = reason


class InvitationInvalid(RegisterError):
    """The invitation cannot be accepted; `reason`: unknown, used, expired or full (410), or
    has_card (409) when the accepting S-login already has a card."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"invitation not accepted: {reason}")
        self.reason = reason


@dataclass(frozen=True)
class BusinessCard:
    """The card of a business customer, when `outcome` is FOUND."""

    outcome: BusinessLookup
    card_number: str | None = None


@dataclass(frozen=True)
class BonusMonth:
    """One calendar month of the household: `month` like "2026-11"."""

    month: str
    purchases_cents: int
    bonus_percent: Decimal
    bonus_cents: int
    savings_cents: int


@dataclass(frozen=True)
class Coupon:
    id: str
    title: str
    description: str
    ean13: str
    valid_until: date
    redeemed_at: datetime | None


@dataclass(frozen=True)
class HouseholdMember:
    name: str
    role: str  # "owner" or "member"
    masked_card: str


@dataclass(frozen=True)
class Household:
    members: list[HouseholdMember]
    can_invite: bool
    reason: str | None  # None, "no_card", "minor", "not_owner" or "full"


@dataclass(frozen=True)
class PurchaseReport:
    """An order of a shop paid with the linked card; reporting it again is harmless (the
    register keeps one purchase per shop and `order_ref`)."""

    s_login: str
    shop: str
    order_ref: str
    amount_cents: int
    owner_saving_cents: int
    purchased_on: date


@dataclass(frozen=True)
class Invitation:
    """A new household invitation: its token (sent by mail, never stored here) and expiry."""

    token: str
    expires_at: datetime


class BusinessLookup(Enum):
    """Whether a person may use a business customer's card."""

    FOUND = "found"
    UNKNOWN = "unknown"
    FORBIDDEN = "forbidden"


class ShopRegister(Protocol):
    """What the shops need from the register."""

    def linked_card(self, s_login: str) -> str | None: ...

    def record_purchase(self, report: PurchaseReport) -> bool:
        """False when the S-login has no linked card."""
        ...


class Register(ShopRegister, Protocol):
    """What the sign-in service and the account site need from the register."""

    def person_card(self, hetu: str) -> str | None: ...

    def business_card(self, business_id: str, authorised_hetu: str) -> BusinessCard: ...

    def link(self, card_number: str, s_login: str) -> bool:
        """True when linked (or already linked to this S-login); False when taken."""
        ...

    def unlink(self, card_number: str, s_login: str) -> None: ...

    def bonus_months(self, s_login: str) -> list[BonusMonth]:
        """The household's months, newest first; [] without a card."""
        ...

    def coupons(self, s_login: str) -> list[Coupon]: ...

    def redeem_coupon(self, s_login: str, coupon_id: str) -> Coupon:
        """Raises CouponUsed the second time, CouponNotFound (a RegisterError) for a coupon
        that is not this customer's."""
        ...

    def household(self, s_login: str) -> Household: ...

    def invite(self, s_login: str, email: str) -> Invitation:
        """Raises InviteRefused(reason) when the customer may not invite."""
        ...

    def accept_invitation(self, token: str, s_login: str, name: str) -> str:
        """The new member's card number; raises InvitationInvalid(reason)."""
        ...


def _field(body: Any, key: str, kind: type[T], what: str) -> T:
    """`body[key]` when it has the expected JSON type; RegisterError otherwise."""
    value = body.get(key) if isinstance(body, dict) else None
    # bool is an int in Python, never in the register's answers.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise RegisterError(f"{what}: no valid {key} in the answer")
    return value


def _optional(body: Any, key: str, kind: type[T], what: str) -> T | None:
    if isinstance(body, dict) and body.get(key) is None:
        return None
    return _field(body, key, kind, what)


def _json(response: httpx.Response, what: str) -> Any:
    try:
        return response.json()
    except ValueError:
        raise RegisterError(f"{what}: the answer is not JSON") from None


def _items(response: httpx.Response, what: str) -> list[Any]:
    body = _json(response, what)
    if not isinstance(body, list):
        raise RegisterError(f"{what}: expected a list")
    return body


def _parsed(parse: Callable[[str], T], text: str, what: str) -> T:
    try:
        return parse(text)
    except (ValueError, InvalidOperation):
        raise RegisterError(f"{what}: cannot read {text!r}") from None


def _bonus_month(item: Any) -> BonusMonth:
    what = "bonus"
    return BonusMonth(
        month=_field(item, "month", str, what),
        purchases_cents=_field(item, "purchases_cents", int, what),
        bonus_percent=_parsed(Decimal, _field(item, "bonus_percent", str, what), what),
        bonus_cents=_field(item, "bonus_cents", int, what),
        savings_cents=_field(item, "savings_cents", int, what),
    )


def _coupon(item: Any) -> Coupon:
    what = "coupon"
    redeemed = _optional(item, "redeemed_at", str, what)
    return Coupon(
        id=_field(item, "id", str, what),
        title=_field(item, "title", str, what),
        description=_field(item, "description", str, what),
        ean13=_field(item, "ean13", str, what),
        valid_until=_parsed(date.fromisoformat, _field(item, "valid_until", str, what), what),
        redeemed_at=_parsed(datetime.fromisoformat, redeemed, what) if redeemed else None,
    )


def _household(body: Any) -> Household:
    what = "household"
    members = [
        HouseholdMember(
            name=_field(m, "name", str, what),
            role=_field(m, "role", str, what),
            masked_card=_field(m, "masked_card", str, what),
        )
        for m in _field(body, "members", list, what)
    ]
    return Household(
        members=members,
        can_invite=_field(body, "can_invite", bool, what),
        reason=_optional(body, "reason", str, what),
    )


def _reason(response: httpx.Response, what: str) -> str:
    try:
        body: Any = response.json()
    except ValueError:
        body = None
    reason = body.get("reason") if isinstance(body, dict) else None
    if not isinstance(reason, str):
        raise RegisterError(f"{what} answered {response.status_code} without a reason")
    return reason


def mask_card(card_number: str) -> str:
    """How users see a card: `6043 •••• •••• 1234`."""
    return f"{card_number[:4]} •••• •••• {card_number[-4:]}"


def register_over_https(settings: Settings) -> HttpRegister:
    """The register as the stubs reach it: over HTTPS, with its bearer token."""
    return HttpRegister(
        https_client(settings, timeout=5.0),
        settings.register_internal_url,
        settings.register_api_token,
    )


class HttpRegister:
    """The register over HTTPS with its bearer token."""

    def __init__(self, client: httpx.Client, base_url: str, token: str) -> None:
        self._client = client
        self._base = base_url.rstrip("/")
        self._headers = {"Authorization": f"Bearer {token}"}

    def _call(
        self, method: str, path: str, json: dict[str, Any] | None = None, **params: str
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
        body = _json(response, what)
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

    # Owner-customer life: purchases, Bonus, coupons and the household --------------------
    def _link_path(self, s_login: str, rest: str) -> str:
        return f"/api/v1/links/{quote(s_login, safe='')}/{rest}"

    @staticmethod
    def _ok(response: httpx.Response, what: str) -> httpx.Response:
        if response.status_code != 200:
            raise RegisterError(f"{what} answered {response.status_code}")
        return response

    def record_purchase(self, report: PurchaseReport) -> bool:
        body = {**asdict(report), "purchased_on": report.purchased_on.isoformat()}
        response = self._call("POST", "/api/v1/purchases", json=body)
        if response.status_code == 404:
            return False
        self._ok(response, "purchases")
        return True

    def bonus_months(self, s_login: str) -> list[BonusMonth]:
        response = self._ok(self._call("GET", self._link_path(s_login, "bonus")), "bonus")
        return [_bonus_month(item) for item in _items(response, "bonus")]

    def coupons(self, s_login: str) -> list[Coupon]:
        response = self._ok(self._call("GET", self._link_path(s_login, "coupons")), "coupons")
        return [_coupon(item) for item in _items(response, "coupons")]

    def redeem_coupon(self, s_login: str, coupon_id: str) -> Coupon:
        path = self._link_path(s_login, f"coupons/{quote(coupon_id, safe='')}/redeem")
        response = self._call("POST", path)
        if response.status_code == 409:
            raise CouponUsed(f"coupon {coupon_id} was already used")
        if response.status_code == 404:
            raise CouponNotFound(f"no coupon {coupon_id} for this customer")
        return _coupon(_json(self._ok(response, "redeem"), "redeem"))

    def household(self, s_login: str) -> Household:
        response = self._call("GET", self._link_path(s_login, "household"))
        return _household(_json(self._ok(response, "household"), "household"))

    def invite(self, s_login: str, email: str) -> Invitation:
        path = self._link_path(s_login, "invitations")
        response = self._call("POST", path, json={"email": email})
        if response.status_code == 403:
            raise InviteRefused(_reason(response, "invitations"))
        body = _json(self._ok(response, "invitations"), "invitations")
        what = "invitation"
        return Invitation(
            token=_field(body, "token", str, what),
            expires_at=_parsed(datetime.fromisoformat, _field(body, "expires_at", str, what), what),
        )

    def accept_invitation(self, token: str, s_login: str, name: str) -> str:
        path = f"/api/v1/invitations/{quote(token, safe='')}/accept"
        response = self._call("POST", path, json={"s_login": s_login, "name": name})
        if response.status_code in (409, 410):
            raise InvitationInvalid(_reason(response, "accept"))
        return self._card(self._ok(response, "accept"), "accept")
