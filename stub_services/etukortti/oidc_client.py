"""The account site's side of OIDC: its client registration, the code exchange with
userinfo, and reading the S-login's current address (endpoints found through discovery)."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from stub_services.common.provider_metadata import OpenIdProvider, ProviderError
from stub_services.common.relying_party import Client, SignInError, json_object
from stub_services.common.settings import Settings
from stub_services.etukortti.store import PendingLogin

CLIENT_ID = "s-etukortti"

__all__ = ["CLIENT_ID", "Identity", "SignInError", "client", "complete", "current_email"]


@dataclass(frozen=True)
class Identity:
    sub: str
    email: str
    created_at: str
    access_token: str = ""
    sid: str | None = None  # the sign-in session, when the ID token names it
    id_token: str = ""  # sent back as id_token_hint when the user signs out


def client(settings: Settings) -> Client:
    return Client(
        client_id=CLIENT_ID,
        secret=settings.etukortti_client_secret,
        redirect_uri=f"{settings.etukortti_public_url}/callback",
        issuer=settings.signin_public_url,
    )


def _userinfo(provider: OpenIdProvider, access_token: str) -> dict[str, object]:
    try:
        return json_object(
            provider.http.get(
                provider.endpoint("userinfo_endpoint"),
                headers={"Authorization": f"Bearer {access_token}"},
            ),
            "userinfo endpoint",
        )
    except (httpx.HTTPError, ProviderError) as exc:
        raise SignInError(f"{type(exc).__name__}: {exc}") from exc


def complete(
    settings: Settings, provider: OpenIdProvider, pending: PendingLogin, code: str
) -> Identity:
    """Exchange the code, verify the ID token and nonce, and read userinfo."""
    tokens, claims = client(settings).exchange(provider, pending.secrets, code, required=())
    access_token = str(tokens.get("access_token", ""))
    info = _userinfo(provider, access_token)
    if info.get("sub") != claims["sub"]:
        raise SignInError("userinfo sub differs from ID token sub")
    sid = claims.get("sid")
    return Identity(
        str(claims["sub"]),
        str(info["email"]),
        str(info["created_at"]),
        access_token,
        sid if isinstance(sid, str) and sid else None,
        str(tokens.get("id_token", "")),
    )


def current_email(provider: OpenIdProvider, access_token: str, sub: str) -> str | None:
    """The S-login's address now, read from userinfo; None when it cannot be read (the
    token expired, the service is down): the site then shows the address it knows."""
    try:
        info = _userinfo(provider, access_token)
    except SignInError:
        return None
    email = info.get("email")
    return email if info.get("sub") == sub and isinstance(email, str) and email else None
