"""In-memory fakes of the bank broker, customer register and SMS gateway, for unit tests."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
import time
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urlencode

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

from stub_services.common.register_client import (
    BonusMonth,
    BusinessCard,
    BusinessLookup,
    Coupon,
    Household,
    Invitation,
    PurchaseReport,
    RegisterError,
)
from stub_services.signin.bank_client import BankError
from stub_services.signin.sms_client import SmsUnavailable

from .support import SIGNIN_URL, query_of

BANK_URL = "https://tunnistus.test"
BANK_CALLBACK = f"{SIGNIN_URL}/bank/callback"
CODE_LINE = re.compile(r"^(\d{4})$", re.MULTILINE)


@cache
def rsa_key(name: str) -> RSAPrivateKey:
    """One key per name and test session (generating RSA keys is slow)."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def card_number(seed: int) -> str:
    """A 16-digit card number starting 6043 with a Luhn check digit."""
    body = f"6043{seed:011d}"
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return body + str((10 - total % 10) % 10)


@dataclass
class FakeBank:
    """Plays the broker: the test approves an authorization, the service exchanges the code."""

    issuer: str = BANK_URL
    kid: str = "bank-key-1"
    grants: dict[str, dict[str, Any]] = field(default_factory=dict)
    jwks_fetches: int = 0

    def _params(self, authorize_url: str) -> dict[str, str]:
        assert authorize_url.startswith(f"{self.issuer}/authorize?"), authorize_url
        params = query_of(authorize_url)
        assert params["client_id"] == "s-login"
        assert params["redirect_uri"] == BANK_CALLBACK
        assert params["code_challenge_method"] == "S256"
        return params

    def approve(
        self,
        authorize_url: str,
        hetu: str,
        *,
        nonce: str | None = None,
        signing_key: str = "bank",
        audience: str = "s-login",
    ) -> str:
        """The callback URL the broker would send the browser to after a good identification."""
        params = self._params(authorize_url)
        code = secrets.token_urlsafe(16)
        self.grants[code] = {
            "hetu": hetu,
            "nonce": params["nonce"] if nonce is None else nonce,
            "challenge": params["code_challenge"],
            "signing_key": signing_key,
            "audience": audience,
        }
        return f"/bank/callback?{urlencode({'code': code, 'state': params['state']})}"

    def refuse(self, authorize_url: str, error: str) -> str:
        params = self._params(authorize_url)
        return f"/bank/callback?{urlencode({'error': error, 'state': params['state']})}"

    def token(self, code: str, code_verifier: str, redirect_uri: str) -> dict[str, Any]:
        grant = self.grants.pop(code, None)
        if grant is None or redirect_uri != BANK_CALLBACK:
            raise BankError("invalid_grant")
        digest = hashlib.sha256(code_verifier.encode()).digest()
        if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != grant["challenge"]:
            raise BankError("PKCE verifier does not match")
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": grant["audience"],
            "sub": f"bank-{grant['hetu']}",
            "iat": now,
            "exp": now + 300,
            "nonce": grant["nonce"],
            "name": "Väinö Tunnistus",
            "given_name": "Väinö",
            "family_name": "Tunnistus",
            "birthdate": "1970-07-07",
            "hetu": grant["hetu"],
            "ftn_idp": "fi-op",
        }
        key = rsa_key(grant["signing_key"])
        id_token = jwt.encode(claims, key, algorithm="RS256", headers={"kid": self.kid})
        return {"id_token": id_token, "access_token": "x", "token_type": "Bearer"}

    def jwks(self) -> dict[str, Any]:
        self.jwks_fetches += 1
        jwk = jwt.algorithms.RSAAlgorithm.to_jwk(rsa_key("bank").public_key(), as_dict=True)
        return {"keys": [{**jwk, "kid": self.kid, "alg": "RS256", "use": "sig"}]}


@dataclass
class FakeRegister:
    """Cards by identity code or business id, and which S-login each card is linked to."""

    persons: dict[str, str] = field(default_factory=dict)
    businesses: dict[str, tuple[str, str]] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)
    down: bool = False

    def _up(self) -> None:
        if self.down:
            raise RegisterError("register is down")

    def add_person(self, hetu: str, seed: int = 1) -> str:
        self.persons[hetu] = card_number(seed)
        return self.persons[hetu]

    def add_business(self, business_id: str, authorised_hetu: str, seed: int = 2) -> str:
        self.businesses[business_id] = (card_number(seed), authorised_hetu)
        return card_number(seed)

    def person_card(self, hetu: str) -> str | None:
        self._up()
        return self.persons.get(hetu)

    def business_card(self, business_id: str, authorised_hetu: str) -> BusinessCard:
        self._up()
        if business_id not in self.businesses:
            return BusinessCard(BusinessLookup.UNKNOWN)
        card, allowed = self.businesses[business_id]
        if allowed != authorised_hetu:
            return BusinessCard(BusinessLookup.FORBIDDEN)
        return BusinessCard(BusinessLookup.FOUND, card)

    def link(self, card_number: str, s_login: str) -> bool:
        self._up()
        if self.links.get(card_number, s_login) != s_login:
            return False
        self.links[card_number] = s_login
        return True

    def unlink(self, card_number: str, s_login: str) -> None:
        self._up()
        if self.links.get(card_number) == s_login:
            del self.links[card_number]

    def linked_card(self, s_login: str) -> str | None:
        self._up()
        return next((card for card, sub in self.links.items() if sub == s_login), None)

    # The owner-customer half of the register is not used by the sign-in service's flows;
    # its own tests (test_register_*.py) run against the real register app.
    def _unmodelled(self, what: str) -> RegisterError:
        return RegisterError(f"FakeRegister does not model {what}; use the register app")

    def record_purchase(self, report: PurchaseReport) -> bool:
        raise self._unmodelled("purchases")

    def bonus_months(self, s_login: str) -> list[BonusMonth]:
        raise self._unmodelled("Bonus")

    def coupons(self, s_login: str) -> list[Coupon]:
        raise self._unmodelled("coupons")

    def redeem_coupon(self, s_login: str, coupon_id: str) -> Coupon:
        raise self._unmodelled("coupons")

    def household(self, s_login: str) -> Household:
        raise self._unmodelled("households")

    def invite(self, s_login: str, email: str) -> Invitation:
        raise self._unmodelled("invitations")

    def accept_invitation(self, token: str, s_login: str, name: str) -> str:
        raise self._unmodelled("invitations")


@dataclass
class FakeSms:
    """Captures text messages; `down` makes the gateway refuse them."""

    messages: list[tuple[str, str]] = field(default_factory=list)
    down: bool = False

    def send(self, to: str, text: str) -> None:
        if self.down:
            raise SmsUnavailable("gateway answered 503")
        self.messages.append((to, text))

    def to(self, number: str) -> list[str]:
        return [text for to, text in self.messages if to == number]

    def latest_code(self, number: str) -> str:
        texts = self.to(number)
        assert texts, f"no text message to {number}"
        match = CODE_LINE.search(texts[-1])
        assert match, f"no code line in the text message to {number}:\n{texts[-1]}"
        return match.group(1)
