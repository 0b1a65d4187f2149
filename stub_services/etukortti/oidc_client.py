"""The account site's side of OIDC: authorization URL, code exchange, ID token and userinfo."""

from __future__ import annotations

import secrets
import ssl
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
import jwt

from stub_services.common.oauth import pkce_s256
from stub_services.common.settings import Settings
from stub_services.etukortti.store import PendingLogin

CLIENT_ID = "s-etukortti"


class SignInError(Exception):
    """The sign-in could not be completed; the message is for logs and events, not users."""


@dataclass(frozen=True)
class Identity:
    sub: str
    email: str
    created_at: str
    access_token: str = ""
    sid: str | None = None  # the sign-in session, when the ID token names it


def http_client(settings: Settings) -> httpx.Client:
    """Server-to-server client; trusts STUB_CA_FILE when set, else the system store."""
    verify: ssl.SSLContext | bool = True
    if settings.ca_file:
        verify = ssl.create_default_context(cafile=settings.ca_file)
    return httpx.Client(verify=verify, timeout=10.0)


def new_pending(lang: str, next_path: str = "") -> PendingLogin:
    return PendingLogin(
        state=secrets.token_urlsafe(24),
        nonce=secrets.token_urlsafe(24),
        verifier=secrets.token_urlsafe(48),
        lang=lang,
        next_path=next_path,
    )


def redirect_uri(settings: Settings) -> str:
    return f"{settings.etukortti_public_url}/callback"


def authorization_url(settings: Settings, pending: PendingLogin, create: bool) -> str:
    params = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": redirect_uri(settings),
        "scope": "openid email",
        "state": pending.state,
        "nonce": pending.nonce,
        "code_challenge": pkce_s256(pending.verifier),
        "code_challenge_method": "S256",
        "ui_locales": pending.lang,
    }
    if create:
        params["prompt"] = "create"
    return f"{settings.signin_public_url}/authorize?{urlencode(params)}"


def _json(response: httpx.Response, what: str) -> dict[str, Any]:
    if response.status_code != 200:
        raise SignInError(f"{what} answered {response.status_code}: {response.text[:200]}")
    body = response.json()
    if not isinstance(body, dict):
        raise SignInError(f"{what} did not answer with an object")
    return body


def complete(
    settings: Settings, client: httpx.Client, pending: PendingLogin, code: str
) -> Identity:
    """Exchange the code, verify the ID token and nonce, and read userinfo."""
    base = settings.signin_internal_url
    try:
        tokens = _json(
            client.post(
                f"{base}/token",
                data={
                    "grant_type": "authorization_code",
                    "code": code,
                    "redirect_uri": redirect_uri(settings),
                    "client_id": CLIENT_ID,
                    "client_secret": settings.etukortti_client_secret,
                    "code_verifier": pending.verifier,
                },
            ),
            "token endpoint",
        )
        claims = jwt.decode(
            str(tokens.get("id_token", "")),
            settings.etukortti_client_secret,
            algorithms=["HS256"],
            audience=CLIENT_ID,
            issuer=settings.signin_public_url,
            leeway=30,
            options={"require": ["iss", "sub", "aud", "exp", "iat", "nonce"]},
        )
        if not secrets.compare_digest(str(claims["nonce"]), pending.nonce):
            raise SignInError("nonce mismatch")
        info = _json(
            client.get(
                f"{base}/userinfo",
                headers={"Authorization": f"Bearer {tokens.get('access_token', '')}"},
            ),
            "userinfo endpoint",
        )
    except (httpx.HTTPError, jwt.PyJWTError) as exc:
        raise SignInError(f"{type(exc).__name__}: {exc}") from exc
    if info.get("sub") != claims["sub"]:
        raise SignInError("userinfo sub differs from ID token sub")
    access_token = str(tokens.get("access_token", ""))
    sid = claims.get("sid")
    return Identity(
        str(claims["sub"]),
        str(info["email"]),
        str(info["created_at"]),
        access_token,
        sid if isinstance(sid, str) and sid else None,
    )


def current_email(
    settings: Settings, client: httpx.Client, access_token: str, sub: str
) -> str | None:
    """The S-login's address now, read from userinfo; None when it cannot be read (the
    token expired, the service is down): the site then shows the address it knows."""
    try:
        response = client.get(
            f"{settings.signin_internal_url}/userinfo",
            headers={"Authorization": f"Bearer {access_token}"},
        )
        info = _json(response, "userinfo endpoint")
    except (httpx.HTTPError, SignInError):
        return None
    email = info.get("email")
    return email if info.get("sub") == sub and isinstance(email, str) and email else None
