"""Verifying the broker's RS256 ID tokens against its JWKS (cached), issuer, audience, nonce."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from stub_services.common.provider_metadata import JwtIssuer, ProviderError
from stub_services.signin.bank_client import BANK_CLIENT_ID, BankApi, BankError

_REQUIRED = ["iss", "sub", "aud", "exp", "iat", "nonce", "hetu"]


class IdTokenError(Exception):
    """The ID token is not acceptable; the message names why (for events, not users)."""


@dataclass(frozen=True)
class BankIdentity:
    """The person the bank identified. `hetu` never goes into events or pages."""

    sub: str
    hetu: str
    given_name: str
    family_name: str
    idp: str


class IdTokenVerifier:
    """The broker's tokens, checked as every relying party of the world checks its
    provider's (common/provider_metadata.py); the keys come through the bank client."""

    def __init__(self, bank: BankApi, issuer: str) -> None:
        self._bank = bank
        self._issuer = JwtIssuer(issuer, self._jwks)

    def _jwks(self) -> dict[str, Any]:
        try:
            return self._bank.jwks()
        except BankError as exc:
            raise ProviderError(f"jwks unavailable: {exc}") from exc

    def verify(self, token: str, nonce: str) -> BankIdentity:
        try:
            claims = self._issuer.decode(token, BANK_CLIENT_ID, _REQUIRED)
        except ProviderError as exc:
            raise IdTokenError(str(exc)) from exc
        if not secrets.compare_digest(str(claims["nonce"]).encode(), nonce.encode()):
            raise IdTokenError("nonce mismatch")
        return BankIdentity(
            sub=str(claims["sub"]),
            hetu=str(claims["hetu"]),
            given_name=str(claims.get("given_name", "")),
            family_name=str(claims.get("family_name", "")),
            idp=str(claims.get("ftn_idp", "")),
        )
