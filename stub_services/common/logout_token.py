"""OpenID Connect Back-Channel Logout 1.0 logout tokens: made by the sign-in service, checked
by every relying party (S-Etukortti, the shops) before it ends a session."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

import jwt

BACKCHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout"
LOGOUT_TOKEN_SECONDS = 120


class InvalidLogoutToken(ValueError):
    """The token is not a valid logout token for this client; the message says why."""


@dataclass(frozen=True)
class LogoutClaims:
    sub: str
    sid: str


def make_logout_token(issuer: str, client_id: str, secret: str, sub: str, sid: str) -> str:
    """A logout token (HS256 with the client's secret) for the session `sid` of `sub`."""
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
    return jwt.encode(claims, secret, algorithm="HS256", headers={"typ": "logout+jwt"})


def verify_logout_token(token: str, issuer: str, client_id: str, secret: str) -> LogoutClaims:
    """Check signature, issuer, audience, lifetime, the event and the absence of a nonce
    (section 2.6 of the specification); the caller still refuses a replayed `jti`."""
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=["HS256"],
            audience=client_id,
            issuer=issuer,
            leeway=30,
            options={"require": ["iss", "aud", "iat", "exp", "jti", "sub", "sid", "events"]},
        )
    except jwt.PyJWTError as exc:
        raise InvalidLogoutToken(f"{type(exc).__name__}: {exc}") from exc
    events = claims.get("events")
    if not isinstance(events, dict) or BACKCHANNEL_EVENT not in events:
        raise InvalidLogoutToken("no back-channel logout event")
    if "nonce" in claims:
        raise InvalidLogoutToken("a logout token must not carry a nonce")
    return LogoutClaims(sub=str(claims["sub"]), sid=str(claims["sid"]))


def token_id(token: str) -> str:
    """The `jti` of an already verified token, for replay checks."""
    return str(jwt.decode(token, options={"verify_signature": False}).get("jti", ""))
