"""A storefront's side of OIDC: authorization URLs (login and prompt=none), code exchange
and the ID token check (HS256 with the shop's own secret, audience, issuer, nonce)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
import jwt

from stub_services.common.oauth import pkce_s256
from stub_services.common.settings import Settings
from stub_services.shops.store import PendingLogin, Purpose

# Where the sign-in service sends each kind of request back: exact, as registered.
CALLBACK_PATHS: dict[Purpose, str] = {"login": "/callback", "sso": "/sso/callback"}


class SignInError(Exception):
    """The sign-in could not be completed; the message is for events, not for users."""


@dataclass(frozen=True)
class Identity:
    sub: str
    email: str
    sid: str


def new_pending(shop: str, purpose: Purpose, lang: str, return_to: str) -> PendingLogin:
    return PendingLogin(
        shop=shop,
        purpose=purpose,
        state=secrets.token_urlsafe(24),
        nonce=secrets.token_urlsafe(24),
        verifier=secrets.token_urlsafe(48),
        lang=lang,
        return_to=return_to,
    )


def redirect_uri(settings: Settings, pending: PendingLogin) -> str:
    return settings.shop_public_urls[pending.shop] + CALLBACK_PATHS[pending.purpose]


def authorization_url(settings: Settings, pending: PendingLogin) -> str:
    """The sign-in service's /authorize for this request; the silent check adds prompt=none."""
    params = {
        "response_type": "code",
        "client_id": pending.shop,
        "redirect_uri": redirect_uri(settings, pending),
        "scope": "openid email",
        "state": pending.state,
        "nonce": pending.nonce,
        "code_challenge": pkce_s256(pending.verifier),
        "code_challenge_method": "S256",
        "ui_locales": pending.lang,
    }
    if pending.purpose == "sso":
        params["prompt"] = "none"
    return f"{settings.signin_public_url}/authorize?{urlencode(params)}"


def _tokens(response: httpx.Response) -> dict[str, Any]:
    if response.status_code != 200:
        raise SignInError(f"token endpoint answered {response.status_code}")
    try:
        body = response.json()
    except ValueError as exc:
        raise SignInError("token endpoint did not answer JSON") from exc
    if not isinstance(body, dict):
        raise SignInError("token endpoint did not answer with an object")
    return body


def complete(
    settings: Settings, client: httpx.Client, pending: PendingLogin, code: str
) -> Identity:
    """Exchange the code (with the PKCE verifier) and verify the ID token it brings."""
    secret = settings.shop_secret(pending.shop)
    try:
        tokens = _tokens(
            client.post(
                f"{settings.signin_internal_url}/token",
                data={
                    "grant_type": "authorization_code",
                    "code": code,
                    "redirect_uri": redirect_uri(settings, pending),
                    "client_id": pending.shop,
                    "client_secret": secret,
                    "code_verifier": pending.verifier,
                },
            )
        )
        claims = jwt.decode(
            str(tokens.get("id_token", "")),
            secret,
            algorithms=["HS256"],
            audience=pending.shop,
            issuer=settings.signin_public_url,
            leeway=30,
            options={"require": ["iss", "sub", "aud", "exp", "iat", "nonce", "sid"]},
        )
    except (httpx.HTTPError, jwt.PyJWTError) as exc:
        raise SignInError(f"{type(exc).__name__}: {exc}") from exc
    if not secrets.compare_digest(str(claims["nonce"]), pending.nonce):
        raise SignInError("nonce mismatch")
    email = claims.get("email")
    if not isinstance(email, str) or not email:
        raise SignInError("ID token carries no email")
    return Identity(str(claims["sub"]), email.strip(), str(claims["sid"]))
