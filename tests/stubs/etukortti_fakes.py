"""Fakes of the sign-in service, the register and the mail outbox for the account site's
tests (benefits, household, back-channel, fuzz), and the sign-in helper they share."""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from email.message import EmailMessage
from typing import Any

import httpx

from stub_services.common.register_client import (
    BonusMonth,
    Coupon,
    CouponNotFound,
    CouponUsed,
    Household,
    HouseholdMember,
    Invitation,
    InvitationInvalid,
    InviteRefused,
    PurchaseReport,
    mask_card,
)
from stub_services.common.settings import Settings
from stub_services.etukortti.app import create_app
from stub_services.etukortti.barcode_svg import check_digit
from stub_services.etukortti.invitation_mail import Send

from .identity_fakes import FakeRegister, card_number
from .provider_keys import fake_signing_key, metadata_answer
from .support import ETUKORTTI_URL, SIGNIN_URL, TestClient, query_of

SARA = "sara.virtanen@example.com"
MIKKO = "mikko.virtanen@example.com"


# --- Fakes shared by the S-Etukortti benefit, household and back-channel tests -------------


@dataclass
class FakeSignin:
    """The sign-in service's token and userinfo endpoints; the test plays its pages by
    granting a code for the authorization request the site started."""

    secret: str
    grants: dict[str, dict[str, Any]] = field(default_factory=dict)
    users: dict[str, dict[str, str]] = field(default_factory=dict)

    def grant(self, authorize_url: str, sub: str, email: str, sid: str | None) -> str:
        """The callback path the browser would be sent to after signing in as `sub`."""
        params = query_of(authorize_url)
        code = secrets.token_urlsafe(12)
        self.grants[code] = {"sub": sub, "email": email, "sid": sid, "nonce": params["nonce"]}
        return f"/callback?code={code}&state={params['state']}"

    def handle(self, request: httpx.Request) -> httpx.Response:
        metadata = metadata_answer(request)
        if metadata is not None:
            return metadata
        if request.url.path == "/token":
            grant = self.grants.pop(dict(httpx.QueryParams(request.content.decode()))["code"])
            now = int(time.time())
            claims = {
                "iss": SIGNIN_URL,
                "aud": "s-etukortti",
                "sub": grant["sub"],
                "iat": now,
                "exp": now + 300,
                "nonce": grant["nonce"],
                "email": grant["email"],
            }
            if grant["sid"]:
                claims["sid"] = grant["sid"]
            access = secrets.token_urlsafe(12)
            self.users[access] = {"sub": grant["sub"], "email": grant["email"]}
            id_token = fake_signing_key().sign(claims)
            return httpx.Response(200, json={"id_token": id_token, "access_token": access})
        bearer = request.headers.get("authorization", "").removeprefix("Bearer ")
        user = self.users.get(bearer)
        if request.url.path != "/userinfo" or user is None:
            return httpx.Response(401)
        return httpx.Response(200, json={**user, "created_at": "2026-01-05T10:00:00+00:00"})


@dataclass
class OwnersRegister(FakeRegister):
    """The register's owner-customer side: coupons, Bonus months, households, invitations."""

    coupon_book: dict[str, list[Coupon]] = field(default_factory=dict)
    months: dict[str, list[BonusMonth]] = field(default_factory=dict)
    refusals: dict[str, str] = field(default_factory=dict)
    members: dict[str, list[HouseholdMember]] = field(default_factory=dict)
    invitations: dict[str, dict[str, Any]] = field(default_factory=dict)
    redeemed: list[str] = field(default_factory=list)

    def give_card(self, sub: str, seed: int) -> str:
        card = card_number(seed)
        self.links[card] = sub
        return card

    def add_coupon(self, sub: str, title: str, ean13: str, **extra: Any) -> Coupon:
        coupon = Coupon(
            id=str(len(self.redeemed) + sum(map(len, self.coupon_book.values())) + 101),
            title=title,
            description=extra.get("description", f"Erbjudande för dig: {title}"),
            ean13=ean13,
            valid_until=extra.get("valid_until", date(2026, 12, 31)),
            redeemed_at=extra.get("redeemed_at"),
        )
        self.coupon_book.setdefault(sub, []).append(coupon)
        return coupon

    def record_purchase(self, report: PurchaseReport) -> bool:
        self._up()
        return self.linked_card(report.s_login) is not None

    def bonus_months(self, s_login: str) -> list[BonusMonth]:
        self._up()
        return self.months.get(s_login, [])

    def coupons(self, s_login: str) -> list[Coupon]:
        self._up()
        return list(self.coupon_book.get(s_login, []))

    def redeem_coupon(self, s_login: str, coupon_id: str) -> Coupon:
        self._up()
        book = self.coupon_book.get(s_login, [])
        for i, coupon in enumerate(book):
            if coupon.id == coupon_id:
                if coupon.redeemed_at is not None:
                    raise CouponUsed(coupon_id)
                book[i] = replace(coupon, redeemed_at=datetime.now(UTC))
                self.redeemed.append(coupon_id)
                return book[i]
        raise CouponNotFound(coupon_id)

    def household(self, s_login: str) -> Household:
        self._up()
        card = self.linked_card(s_login)
        if card is None:
            return Household([], False, "no_card")
        members = self.members.setdefault(
            s_login, [HouseholdMember("Sara Virtanen", "owner", mask_card(card))]
        )
        reason = self.refusals.get(s_login)
        return Household(list(members), reason is None, reason)

    def invite(self, s_login: str, email: str) -> Invitation:
        household = self.household(s_login)
        if not household.can_invite:
            raise InviteRefused(household.reason or "not_owner")
        token = secrets.token_urlsafe(24)
        self.invitations[token] = {"owner": s_login, "email": email, "used": False}
        return Invitation(token, datetime(2026, 11, 12, 9, 30, tzinfo=UTC))

    def accept_invitation(self, token: str, s_login: str, name: str) -> str:
        self._up()
        invitation = self.invitations.get(token)
        if invitation is None or invitation["used"]:
            raise InvitationInvalid("used" if invitation else "unknown")
        if self.linked_card(s_login) is not None:
            raise InvitationInvalid("has_card")
        invitation["used"] = True
        card = self.give_card(s_login, 500 + len(self.links))
        owner_members = self.members[invitation["owner"]]
        owner_members.append(HouseholdMember(name, "member", mask_card(card)))
        return card


@dataclass
class FakeOutbox:
    """The SMTP server: `down` refuses the connection; `fails_on_send` drops it mid-way."""

    messages: list[EmailMessage] = field(default_factory=list)
    down: bool = False
    fails_on_send: bool = False

    @contextmanager
    def __call__(self) -> Iterator[Send]:
        if self.down:
            raise ConnectionRefusedError("SMTP is down")

        def send(message: EmailMessage) -> None:
            if self.fails_on_send:
                raise ConnectionResetError("SMTP connection lost")
            self.messages.append(message)

        yield send


@dataclass
class World:
    site: TestClient
    signin: FakeSignin
    register: OwnersRegister
    outbox: FakeOutbox
    app: Any

    def browser(self) -> TestClient:
        """Another browser on the same site: its own cookies."""
        return TestClient(self.app, base_url=ETUKORTTI_URL, follow_redirects=False)


@contextmanager
def etukortti_world(settings: Settings) -> Iterator[World]:
    signin = FakeSignin(settings.etukortti_client_secret)
    register = OwnersRegister()
    outbox = FakeOutbox()
    http = httpx.Client(transport=httpx.MockTransport(signin.handle), base_url=SIGNIN_URL)
    app = create_app(settings, signin_client=http, register=register, outbox=outbox)
    with TestClient(app, base_url=ETUKORTTI_URL, follow_redirects=False) as client:
        yield World(client, signin, register, outbox, app)


def sign_in(
    world: World,
    browser: TestClient,
    sub: str,
    email: str,
    *,
    start: str = "/sv/login",
    sid: str | None = "sid-of-the-signin-session",
) -> httpx.Response:
    """Open `start` (a page or the login), sign in at the (fake) sign-in service, and return
    the callback's response."""
    response = browser.get(start)
    if not response.headers["location"].startswith(SIGNIN_URL):
        response = browser.get(response.headers["location"])
    authorize = response.headers["location"]
    assert authorize.startswith(f"{SIGNIN_URL}/authorize?"), authorize
    callback: httpx.Response = browser.get(world.signin.grant(authorize, sub, email, sid))
    assert callback.status_code == 303, callback.text
    return callback


def csrf_of(browser: TestClient, path: str) -> str:
    match = re.search(r'name="csrf_token" value="([0-9a-f]+)"', browser.get(path).text)
    assert match, f"{path} carries no CSRF token"
    return match.group(1)


def ean13(first12: str) -> str:
    return first12 + str(check_digit(first12))


COFFEE = ean13("200000012345")
ICE_CREAM = ean13("200000067890")
