"""The bank broker tests' client side: the sign-in service's authorization request, the
bank page's form, the token exchange and the ID token's verification."""

from __future__ import annotations

import base64
import hashlib
from typing import Any
from urllib.parse import urlencode

import httpx
import jwt

from tests.stubs.support import TestClient, query_of

BANK_URL = "https://tunnistus.test"
CALLBACK = "https://login.s-ryhma.test/bank/callback"
SECRET = "bank-client-secret-in-tests"
VERIFIER = "verifier-of-tessa-with-plenty-of-entropy-0123456789abcdef"
TESSA = "010280-952L"
VAINO = "070770-905D"


def challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def authorize_query(**overrides: str) -> str:
    params = {
        "response_type": "code",
        "client_id": "s-login",
        "redirect_uri": CALLBACK,
        "state": "state-of-tessa",
        "nonce": "nonce-of-tessa",
        "code_challenge": challenge(VERIFIER),
        "code_challenge_method": "S256",
        "ui_locales": "sv",
    }
    params.update(overrides)
    return urlencode(params)


def start(bank: TestClient, lang: str = "sv") -> str:
    """GET /authorize; returns the request id of the bank choice page."""
    response = bank.get(f"/authorize?{authorize_query(ui_locales=lang)}")
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    assert location.startswith(f"/{lang}/select?request=")
    return query_of(location)["request"]


def identify(bank: TestClient, request_id: str, user: str, slug: str = "op") -> httpx.Response:
    response: httpx.Response = bank.post(
        f"/sv/bank/{slug}", data={"user": user, "request": request_id}
    )
    return response


def code_for(bank: TestClient, hetu: str = TESSA, slug: str = "op") -> str:
    done = identify(bank, start(bank), hetu, slug)
    assert done.status_code == 303, done.text
    assert done.headers["location"].startswith(f"{CALLBACK}?")
    query = query_of(done.headers["location"])
    assert query["state"] == "state-of-tessa"
    return query["code"]


def exchange(bank: TestClient, code: str, **overrides: str) -> httpx.Response:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": CALLBACK,
        "client_id": "s-login",
        "client_secret": SECRET,
        "code_verifier": VERIFIER,
    }
    form.update(overrides)
    response: httpx.Response = bank.post("/token", data=form)
    return response


def verified_claims(bank: TestClient, id_token: str) -> dict[str, Any]:
    header = jwt.get_unverified_header(id_token)
    keys = {k["kid"]: k for k in bank.get("/jwks.json").json()["keys"]}
    public_key = jwt.PyJWK(keys[header["kid"]]).key
    claims: dict[str, Any] = jwt.decode(
        id_token, public_key, algorithms=["RS256"], audience="s-login", issuer=BANK_URL
    )
    return claims
