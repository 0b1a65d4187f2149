"""The sign-in service as an OIDC client of the bank broker: authorize URL, token, JWKS."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

from stub_services.common.oauth import authorization_url, pkce_s256
from stub_services.common.settings import Settings

BANK_CLIENT_ID = "s-login"


class BankError(Exception):
    """The broker could not be reached or refused the exchange (message for events only)."""


class BankApi(Protocol):
    """The broker's server-side endpoints; tests replace it with an in-memory fake."""

    def token(self, code: str, code_verifier: str, redirect_uri: str) -> dict[str, Any]: ...

    def jwks(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class BankRequest:
    """What one authorization request to the broker must later be checked against."""

    state: str
    nonce: str
    verifier: str

    @classmethod
    def new(cls) -> BankRequest:
        return cls(secrets.token_urlsafe(24), secrets.token_urlsafe(24), secrets.token_urlsafe(48))

    def challenge(self) -> str:
        return pkce_s256(self.verifier)


def bank_redirect_uri(settings: Settings) -> str:
    return f"{settings.signin_public_url}/bank/callback"


def bank_authorization_url(settings: Settings, request: BankRequest, lang: str) -> str:
    return authorization_url(
        f"{settings.bank_public_url}/authorize",
        client_id=BANK_CLIENT_ID,
        redirect_uri=bank_redirect_uri(settings),
        scope="openid",
        state=request.state,
        nonce=request.nonce,
        code_challenge=request.challenge(),
        code_challenge_method="S256",
        ui_locales=lang,
    )


class HttpBank:
    """The broker over HTTPS (BANK_INTERNAL_URL), authenticated with the client secret."""

    def __init__(self, client: httpx.Client, settings: Settings) -> None:
        self._client = client
        self._base = settings.bank_internal_url
        self._secret = settings.bank_client_secret

    def _json(self, response: httpx.Response, what: str) -> dict[str, Any]:
        if response.status_code != 200:
            raise BankError(f"{what} answered {response.status_code}")
        try:
            body = response.json()
        except ValueError as exc:
            raise BankError(f"{what} answered no JSON") from exc
        if not isinstance(body, dict):
            raise BankError(f"{what} did not answer an object")
        return body

    def token(self, code: str, code_verifier: str, redirect_uri: str) -> dict[str, Any]:
        try:
            response = self._client.post(
                f"{self._base}/token",
                data={
                    "grant_type": "authorization_code",
                    "code": code,
                    "redirect_uri": redirect_uri,
                    "client_id": BANK_CLIENT_ID,
                    "client_secret": self._secret,
                    "code_verifier": code_verifier,
                },
            )
        except httpx.HTTPError as exc:
            raise BankError(f"token: {type(exc).__name__}") from exc
        return self._json(response, "token endpoint")

    def jwks(self) -> dict[str, Any]:
        try:
            response = self._client.get(f"{self._base}/jwks.json")
        except httpx.HTTPError as exc:
            raise BankError(f"jwks: {type(exc).__name__}") from exc
        return self._json(response, "jwks")
