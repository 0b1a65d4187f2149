"""Fakes and steps shared by the shop tests: the sign-in service's token endpoint, the
customer register, and signing a browser in at one storefront. (No tests here.)"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from html import unescape
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import jwt
from fastapi import FastAPI

from stub_services.common.register_client import PurchaseReport, RegisterError
from stub_services.common.settings import Settings
from stub_services.shops.app import create_app

from .provider_keys import fake_signing_key, logout_token, metadata_answer
from .support import TestClient, pkce_challenge, query_of

SIGNIN = "https://login.s-ryhma.test"
PRISMA = "https://prisma.test"
SOKOS = "https://sokos.test"
SARA = "sara.virtanen@example.fi"
SARA_SUB = "sub-of-sara"
CARD = "6043001234567890"


@dataclass
class Grant:
    client_id: str
    redirect_uri: str
    challenge: str
    nonce: str
    sub: str
    email: str
    sid: str
    claims: dict[str, Any]
    secret: str | None


@dataclass
class FakeSignin:
    """The sign-in service's /authorize decisions and /token endpoint, checking what a real
    provider checks: client secret, exact redirect URI and the PKCE verifier."""

    settings: Settings
    grants: dict[str, Grant] = field(default_factory=dict)
    token_requests: list[dict[str, str]] = field(default_factory=list)

    def http_client(self) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self.handle))

    def approve(
        self,
        authorize_url: str,
        *,
        sub: str = SARA_SUB,
        email: str = SARA,
        sid: str = "sid-1",
        secret: str | None = None,
        **claims: Any,
    ) -> str:
        """The redirect back to the shop with a code (as with a live S-login session);
        `secret` signs the ID token with another key, `claims` override ID-token claims."""
        params = query_of(authorize_url)
        code = secrets.token_urlsafe(16)
        self.grants[code] = Grant(
            client_id=params["client_id"],
            redirect_uri=params["redirect_uri"],
            challenge=params["code_challenge"],
            nonce=params["nonce"],
            sub=sub,
            email=email,
            sid=sid,
            claims=claims,
            secret=secret,
        )
        return f"{params['redirect_uri']}?{urlencode({'code': code, 'state': params['state']})}"

    def refuse(self, authorize_url: str, error: str = "login_required") -> str:
        params = query_of(authorize_url)
        query = urlencode({"error": error, "state": params["state"]})
        return f"{params['redirect_uri']}?{query}"

    def handle(self, request: httpx.Request) -> httpx.Response:
        metadata = metadata_answer(request)
        if metadata is not None:
            return metadata
        if request.url.path != "/token" or request.method != "POST":
            return httpx.Response(404)
        form = {k: v[0] for k, v in parse_qs(request.content.decode()).items()}
        self.token_requests.append(form)
        grant = self.grants.pop(form.get("code", ""), None)
        if (
            grant is None
            or form.get("client_id") != grant.client_id
            or form.get("client_secret") != self.settings.shop_secret(grant.client_id)
            or form.get("redirect_uri") != grant.redirect_uri
            or pkce_challenge(form.get("code_verifier", "")) != grant.challenge
        ):
            return httpx.Response(400, json={"error": "invalid_grant"})
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.settings.signin_public_url,
            "sub": grant.sub,
            "aud": grant.client_id,
            "exp": now + 300,
            "iat": now,
            "nonce": grant.nonce,
            "email": grant.email,
            "sid": grant.sid,
            **grant.claims,
        }
        if grant.secret is not None:  # signed with a key the provider does not publish
            id_token = jwt.encode(claims, grant.secret, algorithm="HS256")
        else:
            id_token = fake_signing_key().sign(claims)
        return httpx.Response(
            200,
            json={
                "access_token": "at",
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": id_token,
            },
        )

    def logout_token(self, shop: str, sub: str = SARA_SUB, sid: str = "sid-1") -> str:
        return logout_token(shop, sub, sid)


@dataclass
class FakeShopRegister:
    """Cards linked to S-logins and the purchases reported, as the register keeps them."""

    cards: dict[str, str] = field(default_factory=dict)
    purchases: dict[tuple[str, str], tuple[str, int, int, date]] = field(default_factory=dict)
    calls: list[tuple[str, str, str]] = field(default_factory=list)
    down: bool = False
    purchases_down: bool = False

    def linked_card(self, s_login: str) -> str | None:
        if self.down:
            raise RegisterError("register is down")
        return self.cards.get(s_login)

    def record_purchase(self, report: PurchaseReport) -> bool:
        if self.down or self.purchases_down:
            raise RegisterError("register is down")
        self.calls.append((report.s_login, report.shop, report.order_ref))
        if report.s_login not in self.cards:
            return False
        key = (report.shop, report.order_ref)
        figures = (report.s_login, report.amount_cents, report.owner_saving_cents)
        self.purchases.setdefault(key, (*figures, report.purchased_on))
        return True


@dataclass
class ShopWorld:
    """One shops app with its fakes; `browser(url)` is a browser's view of one site."""

    app: FastAPI
    signin: FakeSignin
    register: FakeShopRegister

    @contextmanager
    def browser(self, url: str = PRISMA) -> Iterator[TestClient]:
        with TestClient(self.app, base_url=url, follow_redirects=False) as client:
            yield client


def shop_world(settings: Settings) -> ShopWorld:
    signin = FakeSignin(settings)
    register = FakeShopRegister()
    app = create_app(settings, signin_client=signin.http_client(), register=register)
    return ShopWorld(app, signin, register)


def path_of(url: str) -> str:
    """The path and query of an absolute URL of the site, as a test client requests it."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def sign_in(
    world: ShopWorld, browser: TestClient, lang: str = "sv", **grant: Any
) -> httpx.Response:
    """Sign in at the browser's shop through /login and /callback; returns the callback."""
    start = browser.get(f"/{lang}/login")
    assert start.status_code == 303, start.text
    assert start.headers["location"].startswith(f"{SIGNIN}/authorize?")
    back = world.signin.approve(start.headers["location"], **grant)
    response: httpx.Response = browser.get(path_of(back))
    return response


def csrf_of(page: httpx.Response) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, "the page has no CSRF field"
    return unescape(found.group(1))


def buy_form(page: httpx.Response, product: str) -> dict[str, str]:
    """The hidden fields of the "Köp" form of one product on a rendered front page."""
    block = re.search(
        r'<form method="post" action="[^"]+">(?:(?!</form>).)*?value="'
        + re.escape(product)
        + r'"(?:(?!</form>).)*</form>',
        page.text,
        re.DOTALL,
    )
    assert block, f"no Köp form for {product}"
    fields = re.findall(r'name="([a-z_]+)" value="([^"]*)"', block.group(0))
    return {name: unescape(value) for name, value in fields}


def body_sso_state(page: httpx.Response) -> str | None:
    found = re.search(r'<body[^>]*\sdata-sso-check="([a-z_]+)"', page.text)
    return found.group(1) if found else None


def prices_of(page: httpx.Response, product: str) -> dict[str, str]:
    """A product's listed prices by kind ("to-pay", "normal", "owner"), as the page words them."""
    block = re.search(
        rf'<li class="product" data-product="{re.escape(product)}">(.*?)</li>', page.text, re.DOTALL
    )
    assert block, f"no listing of {product}"
    found: dict[str, str] = {}
    for classes, kind, text in re.findall(
        r'<p class="price ([a-z -]+)" data-price="([a-z]+)">(.*?)</p>', block.group(1)
    ):
        shown = re.sub(r"<[^>]+>", "", text)
        found[kind] = shown
        if "to-pay" in classes:
            found["to-pay"] = shown
    return found
