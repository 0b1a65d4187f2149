"""OpenID Connect Back-Channel Logout 1.0 logout tokens: made by the sign-in service, checked
by every relying party (S-Etukortti, the shops) before it ends a session."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

import jwt

from stub_services.common.provider_metadata import OpenIdProvider, ProviderError
from stub_services.common.signing_keys import SigningKey

BACKCHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout"
LOGOUT_TOKEN_SECONDS = 120


class InvalidLogoutToken(ValueError):
    """The token is not a valid logout token for this client; the message says why."""


@dataclass(frozen=True)
class LogoutClaims:
    sub: str
    sid: str


LOGOUT_TYP = "logout+jwt"


def make_logout_token(issuer: str, client_id: str, key: SigningKey, sub: str, sid: str) -> str:
    """A logout token (RS256 with the provider's current key) for the session `sid` of `sub`."""
    now = int(time.time())
    claims = {
        "iss": issuer,
        "aud": client_id,
        "iat": now,
        "exp": now + LOGOUT_TOKEN_SECONDS,
        "jti": secrets.token_urlsafe(16),
        "sub": sub,
        "sid": sid,
        "events": {BACKCHANNEL_EVENT: {}},
    }
    return key.sign(claims, typ=LOGOUT_TYP)


def verify_logout_token(token: str, provider: OpenIdProvider, client_id: str) -> LogoutClaims:
    """Check signature (a key of the provider's JWKS), issuer, audience, lifetime, the event
    and the absence of a nonce (section 2.6 of the specification); the caller still
    refuses a replayed `jti`."""
    required = ["iss", "aud", "iat", "exp", "jti", "sub", "sid", "events"]
    try:
        claims = provider.decode(token, client_id, required, typ=LOGOUT_TYP)
    except ProviderError as exc:
        raise InvalidLogoutToken(str(exc)) from exc
    events = claims.get("events")
    if not isinstance(events, dict) or BACKCHANNEL_EVENT not in events:
        raise InvalidLogoutToken("no back-channel logout event")
    if "nonce" in claims:
        raise InvalidLogoutToken("a logout token must not carry a nonce")
    return LogoutClaims(sub=str(claims["sub"]), sid=str(claims["sid"]))


def token_id(token: str) -> str:
    """The `jti` of an already verified token, for replay checks."""
    return str(jwt.decode(token, options={"verify_signature": False}).get("jti", ""))
