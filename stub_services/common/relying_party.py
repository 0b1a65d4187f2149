"""The relying-party side of OIDC shared by the account site and the shops: the request's
secrets, the authorization URL, the callback's checks, code exchange and ID token."""

from __future__ import annotations

import secrets
import sqlite3
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx

from stub_services.common.clock import Clock
from stub_services.common.db import Database, insert
from stub_services.common.oauth import pkce_s256
from stub_services.common.provider_metadata import OpenIdProvider, ProviderError
from stub_services.common.tokens import digest


class SignInError(Exception):
    """The sign-in could not be completed; the message is for events, not for users."""


@dataclass(frozen=True)
class RequestSecrets:
    """What binds a callback to its authorization request: state, nonce, PKCE verifier."""

    state: str
    nonce: str
    verifier: str

    @classmethod
    def new(cls) -> RequestSecrets:
        return cls(
            state=secrets.token_urlsafe(24),
            nonce=secrets.token_urlsafe(24),
            verifier=secrets.token_urlsafe(48),
        )

    @classmethod
    def of_row(cls, row: sqlite3.Row) -> RequestSecrets:
        return cls(row["state"], row["nonce"], row["verifier"])

    def save(self, db: Database, clock: Clock, table: str, **columns: str) -> str:
        """Store the request in `table` with the store's own `columns`; returns the
        binding token for the browser's cookie (the table keeps only its digest)."""
        binding = secrets.token_urlsafe(32)
        with db.transaction() as conn:
            row = {"binding_hash": digest(binding), **columns}
            row |= {"state": self.state, "nonce": self.nonce, "verifier": self.verifier}
            insert(conn, table, row | {"created_at": clock.now(conn).isoformat()})
        return binding


@dataclass(frozen=True)
class Client:
    """One OIDC client of the sign-in service: its id, secret and registered callback."""

    client_id: str
    secret: str
    redirect_uri: str
    issuer: str  # the sign-in service's public URL: /authorize and the ID token's `iss`

    def authorization_url(
        self, request: RequestSecrets, lang: str, prompt: str | None = None
    ) -> str:
        params = {
            "response_type": "code",
            "client_id": self.client_id,
            "redirect_uri": self.redirect_uri,
            "scope": "openid email",
            "state": request.state,
            "nonce": request.nonce,
            "code_challenge": pkce_s256(request.verifier),
            "code_challenge_method": "S256",
            "ui_locales": lang,
        }
        if prompt:
            params["prompt"] = prompt
        return f"{self.issuer}/authorize?{urlencode(params)}"

    def exchange(
        self,
        provider: OpenIdProvider,
        request: RequestSecrets,
        code: str,
        required: tuple[str, ...],
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """The token endpoint's answer and the verified claims of its ID token, both found
        through the provider's discovery document: RS256 with a key of its JWKS; audience,
        issuer, `required` claims and the nonce checked."""
        try:
            tokens = json_object(
                provider.http.post(
                    provider.endpoint("token_endpoint"),
                    data={
                        "grant_type": "authorization_code",
                        "code": code,
                        "redirect_uri": self.redirect_uri,
                        "client_id": self.client_id,
                        "client_secret": self.secret,
                        "code_verifier": request.verifier,
                    },
                ),
                "token endpoint",
            )
            claims = provider.decode(
                str(tokens.get("id_token", "")),
                self.client_id,
                ["iss", "sub", "aud", "exp", "iat", "nonce", *required],
            )
        except (httpx.HTTPError, ProviderError) as exc:
            raise SignInError(f"{type(exc).__name__}: {exc}") from exc
        if not secrets.compare_digest(str(claims["nonce"]).encode(), request.nonce.encode()):
            raise SignInError("nonce mismatch")
        return tokens, claims


@dataclass(frozen=True)
class CallbackQuery:
    """The query the sign-in service sends back to a redirect URI (a route dependency:
    `Annotated[CallbackQuery, Depends()]`)."""

    code: str = ""
    state: str = ""
    error: str = ""

    def refusal(self, request: RequestSecrets) -> str | None:
        """Why the callback cannot go on (for the event log), or None when it may."""
        # As bytes: compare_digest refuses str with non-ASCII, and the query may hold any.
        if not secrets.compare_digest(self.state.encode(), request.state.encode()):
            return "state mismatch"
        if self.error or not self.code:
            return f"provider error: {self.error or 'no code'}"
        return None


def json_object(response: httpx.Response, what: str) -> dict[str, Any]:
    """A 200 answer's JSON object; SignInError for anything else."""
    if response.status_code != 200:
        raise SignInError(f"{what} answered {response.status_code}: {response.text[:200]}")
    try:
        body = response.json()
    except ValueError:
        body = None  # no JSON at all: refused below like any answer that is no object
    if not isinstance(body, dict):
        raise SignInError(f"{what} did not answer with a JSON object")
    return body
