"""Small OAuth helpers: PKCE S256, query parameters, authorize and token-endpoint refusals."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated, Any, Self
from urllib.parse import unquote_plus, urlencode, urlsplit, urlunsplit

from fastapi import Depends, Form
from fastapi.responses import JSONResponse, RedirectResponse

from stub_services.common.clock import parse_time
from stub_services.common.rows import row_values

BEARER = "Bearer"  # the token type of every access token here (RFC 6750)
# Authorization codes are exchanged at once by a client that is waiting for them.
AUTH_CODE_TTL = timedelta(seconds=60)
_PKCE_CHALLENGE = re.compile(r"^[A-Za-z0-9_-]{43}$")


def pkce_s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def pkce_s256_requested(method: str, challenge: str) -> bool:
    """True when an authorization request carries an S256 challenge of the right shape."""
    return method == "S256" and _PKCE_CHALLENGE.match(challenge) is not None


def with_query(uri: str, **params: str | None) -> str:
    """Append parameters to a URI that may already carry a query."""
    parts = urlsplit(uri)
    extra = urlencode({k: v for k, v in params.items() if v is not None})
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urlunsplit(parts._replace(query=query))


def redirect_error(
    redirect_uri: str, state: str | None, error: str, description: str | None = None
) -> RedirectResponse:
    """An authorization error sent back to a client's verified redirect URI (RFC 6749 4.1.2.1)."""
    target = with_query(redirect_uri, error=error, error_description=description, state=state)
    return RedirectResponse(target, status_code=303)


def token_error(error: str, description: str, status: int = 400) -> JSONResponse:
    """A token-endpoint error (RFC 6749 5.2); a 401 names the scheme to authenticate with."""
    headers = {"Cache-Control": "no-store"}
    if status == 401:
        headers["WWW-Authenticate"] = 'Basic realm="token", charset="UTF-8"'
    return JSONResponse(
        {"error": error, "error_description": description}, status_code=status, headers=headers
    )


def authorization_url(endpoint: str, **params: str) -> str:
    """An authorization request for the code flow with PKCE S256 (`params` adds client_id,
    redirect_uri, state, nonce, code_challenge and the provider's extras)."""
    return f"{endpoint}?{urlencode({'response_type': 'code', **params})}"


@dataclass(frozen=True)
class TokenRequest:
    """The form a client posts to a token endpoint (RFC 6749 4.1.3, with PKCE)."""

    grant_type: str
    code: str
    redirect_uri: str
    client_id: str
    client_secret: str
    code_verifier: str


def _token_form(
    grant_type: Annotated[str, Form()] = "",
    code: Annotated[str, Form()] = "",
    redirect_uri: Annotated[str, Form()] = "",
    client_id: Annotated[str, Form()] = "",
    client_secret: Annotated[str, Form()] = "",
    code_verifier: Annotated[str, Form()] = "",
) -> TokenRequest:
    return TokenRequest(grant_type, code, redirect_uri, client_id, client_secret, code_verifier)


# `form: TokenForm`: every field optional, so a missing one gets OAuth's error, not a 422.
TokenForm = Annotated[TokenRequest, Depends(_token_form)]


def token_response(**body: Any) -> JSONResponse:
    """A successful token response: never cached (RFC 6749 5.1)."""
    return JSONResponse(body, headers={"Cache-Control": "no-store"})


def grant_type_refusal(grant_type: str) -> JSONResponse | None:
    if grant_type != "authorization_code":
        return token_error("unsupported_grant_type", "only authorization_code")
    return None


def client_credentials(authorization: str, form: TokenRequest) -> tuple[str, str] | None:
    """The client's id and secret, from HTTP Basic (client_secret_basic: each part
    form-encoded first, RFC 6749 2.3.1) or the form (client_secret_post); None when both
    are used with different ids, which RFC 6749 forbids. Unreadable Basic credentials
    give ("", "") and so an `invalid_client`."""
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() != "basic":
        return form.client_id, form.client_secret
    try:
        user, _, password = base64.b64decode(value.strip(), validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return "", ""
    client_id, secret = unquote_plus(user), unquote_plus(password)
    if form.client_secret or (form.client_id and form.client_id != client_id):
        return None
    return client_id, secret


def secret_matches(expected: str, given: str) -> bool:
    # As bytes: compare_digest refuses str with non-ASCII, which a forged form may hold.
    return hmac.compare_digest(expected.encode(), given.encode())


@dataclass(frozen=True, kw_only=True)
class IssuedCode:
    """What a provider remembers of an authorization code it issued; each provider adds
    whom the code is for. `used` says whether it had been spent before."""

    client_id: str
    redirect_uri: str
    nonce: str | None
    code_challenge: str
    issued_at: datetime
    used: bool

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Self:
        used = bool(row["used"])
        return cls(**row_values(row, cls, issued_at=parse_time(row["issued_at"]), used=used))


def code_refusal(
    issued: IssuedCode | None,
    client_id: str,
    redirect_uri: str,
    code_verifier: str,
    now: datetime,
) -> JSONResponse | None:
    """The token endpoint's answer to a code it must not exchange, or None when it may."""
    if issued is None or issued.used:
        return token_error("invalid_grant", "code unknown or already used")
    if issued.client_id != client_id:
        return token_error("invalid_grant", "code issued to another client")
    if now - issued.issued_at > AUTH_CODE_TTL:
        return token_error("invalid_grant", "code expired")
    if issued.redirect_uri != redirect_uri:
        return token_error("invalid_grant", "redirect_uri does not match")
    if not hmac.compare_digest(pkce_s256(code_verifier), issued.code_challenge):
        return token_error("invalid_grant", "PKCE verifier does not match")
    return None
