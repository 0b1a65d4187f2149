"""Tokens of the sign-in service as a relying party checks them (its JWKS), and a fake
provider's discovery document and keys for the relying-party tests. (No tests here.)"""

from __future__ import annotations

import time
from typing import Any

import httpx
import jwt

from stub_services.common.logout_token import BACKCHANNEL_EVENT, LOGOUT_TYP
from stub_services.common.signing_keys import SigningKey, thumbprint

from .identity_fakes import rsa_key
from .support import SIGNIN_URL, TestClient


def verify_signin_token(
    signin: TestClient, token: str, audience: str, **options: Any
) -> dict[str, Any]:
    """The claims of a token of the sign-in service, checked with a key of its JWKS only."""
    kid = jwt.get_unverified_header(token)["kid"]
    keys = {key["kid"]: key for key in signin.get("/jwks.json").json()["keys"]}
    claims: dict[str, Any] = jwt.decode(
        token,
        jwt.PyJWK(keys[kid]).key,
        algorithms=["RS256"],
        audience=audience,
        issuer=SIGNIN_URL,
        **options,
    )
    return claims


def fake_signing_key(name: str = "signin") -> SigningKey:
    """A test-session RSA key named like the provider's (its RFC 7638 thumbprint as kid)."""
    private = rsa_key(name)
    return SigningKey(private, thumbprint(private.public_key()))


def discovery(base: str, issuer: str = SIGNIN_URL) -> dict[str, Any]:
    return {
        "issuer": issuer,
        "authorization_endpoint": f"{issuer}/authorize",
        "token_endpoint": f"{base}/token",
        "userinfo_endpoint": f"{base}/userinfo",
        "jwks_uri": f"{base}/jwks.json",
        "id_token_signing_alg_values_supported": ["RS256"],
    }


def metadata_answer(request: httpx.Request, key: SigningKey | None = None) -> httpx.Response | None:
    """A fake provider's answer to discovery and JWKS requests (None for anything else)."""
    base = f"{request.url.scheme}://{request.url.netloc.decode()}"
    if request.url.path == "/.well-known/openid-configuration":
        return httpx.Response(200, json=discovery(base))
    if request.url.path == "/jwks.json":
        return httpx.Response(200, json={"keys": [(key or fake_signing_key()).jwk()]})
    return None


def logout_token(
    audience: str, sub: str, sid: str, key: SigningKey | None = None, **changes: Any
) -> str:
    """A logout token as the provider signs it; `changes` override or (None) drop claims."""
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": SIGNIN_URL,
        "aud": audience,
        "iat": now,
        "exp": now + 120,
        "jti": f"jti-{time.time_ns()}",
        "sub": sub,
        "sid": sid,
        "events": {BACKCHANNEL_EVENT: {}},
    }
    claims.update(changes)
    claims = {k: v for k, v in claims.items() if v is not None}
    return (key or fake_signing_key()).sign(claims, typ=LOGOUT_TYP)
