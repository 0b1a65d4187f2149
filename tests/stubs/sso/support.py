"""Single sign-on test helpers: the shops' authorization requests, their ID tokens, events."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode

import httpx

from stub_services.common.settings import Settings
from tests.stubs.provider_keys import verify_signin_token
from tests.stubs.support import (
    SetCookie,
    TestClient,
    exchange,
    pkce_challenge,
    query_of,
)

SARA = "sara.virtanen@example.com"
ELIAS = "elias.nieminen@example.com"
VERIFIER = "verifier-of-the-sso-tests-with-plenty-of-entropy-0123456789abcdef"
SHOPS_INTERNAL = "https://127.0.0.1:8443"
ETUKORTTI_INTERNAL = "https://127.0.0.1:8444"
SHOPS = {
    "prisma": "https://prisma.test",
    "sokos": "https://sokos.test",
    "sokoshotels": "https://sokoshotels.test",
    "yhteishyva": "https://xn--yhteishyv-32a.test",
    "s-kaupat": "https://s-kaupat.test",
    "abc": "https://abc.test",
}


def authorize(shop: str, state: str = "state-of-the-shop", **extra: str) -> str:
    params = {
        "response_type": "code",
        "client_id": shop,
        "redirect_uri": f"{SHOPS[shop]}/sso/callback",
        "state": state,
        "nonce": f"nonce-of-{shop}",
        "code_challenge": pkce_challenge(VERIFIER),
        "code_challenge_method": "S256",
        "ui_locales": "sv",
        **extra,
    }
    return f"/authorize?{urlencode(params)}"


def silent(client: TestClient, shop: str, state: str = "state-of-the-shop") -> httpx.Response:
    response: httpx.Response = client.get(authorize(shop, state, prompt="none"))
    return response


def shop_id_token(client: TestClient, settings: Settings, shop: str, code: str) -> dict[str, str]:
    tokens = client.post(
        "/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": f"{SHOPS[shop]}/sso/callback",
            "client_id": shop,
            "client_secret": settings.shop_secret(shop),
            "code_verifier": VERIFIER,
        },
    )
    assert tokens.status_code == 200, tokens.text
    claims: dict[str, str] = verify_signin_token(client, tokens.json()["id_token"], shop)
    return claims


def card_site_id_token(client: TestClient, code: str) -> dict[str, str]:
    tokens = exchange(client, code, VERIFIER)
    assert tokens.status_code == 200, tokens.text
    claims: dict[str, str] = verify_signin_token(client, tokens.json()["id_token"], "s-etukortti")
    return claims


def silent_code(client: TestClient, shop: str) -> str:
    answer = silent(client, shop)
    assert answer.status_code == 303, answer.text
    location = answer.headers["location"]
    assert location.startswith(f"{SHOPS[shop]}/sso/callback?"), location
    query = query_of(location)
    assert query["state"] == "state-of-the-shop"
    return query["code"]


def event_types(client: TestClient, email: str) -> list[str]:
    return [str(e["type"]) for e in client.get(f"/_control/events?email={email}").json()]


def event_details(client: TestClient, email: str, kind: str) -> list[dict[str, str]]:
    events = client.get(f"/_control/events?email={email}").json()
    return [e["detail"] for e in events if e["type"] == kind]


def assert_sso_cookie(cookie: SetCookie) -> None:
    assert cookie.has("secure")
    assert cookie.has("httponly")
    assert cookie.attributes.get("samesite", "").lower() == "none"
    assert cookie.attributes.get("path") == "/"
    assert "domain" not in cookie.attributes


@dataclass
class RelyingParties:
    """Stands in for the clients' back-channel endpoints; records what reaches them.

    `refusing` hosts refuse the connection, `failing` hosts answer 500."""

    received: list[httpx.Request] = field(default_factory=list)
    refusing: set[str] = field(default_factory=set)
    failing: set[str] = field(default_factory=set)

    def handle(self, request: httpx.Request) -> httpx.Response:
        host = request.headers["host"]
        if host in self.refusing:
            raise httpx.ConnectError("connection refused", request=request)
        self.received.append(request)
        return httpx.Response(500 if host in self.failing else 200)

    def tokens(self) -> dict[str, str]:
        """The logout token each Host received."""
        out = {}
        for request in self.received:
            form = parse_qs(request.content.decode())
            out[request.headers["host"]] = form["logout_token"][0]
        return out
