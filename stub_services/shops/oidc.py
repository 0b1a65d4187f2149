"""A storefront's side of OIDC: its client registration per purpose (top-level login, or
the silent check with prompt=none) and the ID token it must bring (with email and sid)."""

from __future__ import annotations

from dataclasses import dataclass

from stub_services.common.provider_metadata import OpenIdProvider
from stub_services.common.relying_party import Client, SignInError
from stub_services.common.settings import Settings
from stub_services.shops.store import PendingLogin, Purpose

__all__ = ["CALLBACK_PATHS", "Identity", "SignInError", "authorization_url", "complete"]

# Where the sign-in service sends each kind of request back: exact, as registered.
CALLBACK_PATHS: dict[Purpose, str] = {"login": "/callback", "sso": "/sso/callback"}


@dataclass(frozen=True)
class Identity:
    sub: str
    email: str
    sid: str
    id_token: str = ""  # sent back as id_token_hint when the user signs out


def _client(settings: Settings, pending: PendingLogin) -> Client:
    return Client(
        client_id=pending.shop,
        secret=settings.shop_secret(pending.shop),
        redirect_uri=settings.shop_public_urls[pending.shop] + CALLBACK_PATHS[pending.purpose],
        issuer=settings.signin_public_url,
    )


def authorization_url(settings: Settings, pending: PendingLogin) -> str:
    """The sign-in service's /authorize for this request; the silent check adds prompt=none."""
    prompt = "none" if pending.purpose == "sso" else None
    return _client(settings, pending).authorization_url(pending.secrets, pending.lang, prompt)


def complete(
    settings: Settings, provider: OpenIdProvider, pending: PendingLogin, code: str
) -> Identity:
    """Exchange the code (with the PKCE verifier) and verify the ID token it brings."""
    tokens, claims = _client(settings, pending).exchange(provider, pending.secrets, code, ("sid",))
    email = claims.get("email")
    if not isinstance(email, str) or not email:
        raise SignInError("ID token carries no email")
    return Identity(
        str(claims["sub"]), email.strip(), str(claims["sid"]), str(tokens.get("id_token", ""))
    )
