"""Verifying the broker's RS256 ID tokens against its JWKS (cached), issuer, audience, nonce."""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass
from typing import Any

import jwt

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
    """Keys are fetched once and again only when a token names an unknown `kid`."""

    def __init__(self, bank: BankApi, issuer: str) -> None:
        self._bank = bank
        self._issuer = issuer
        self._keys: dict[str, jwt.PyJWK] = {}
        self._lock = threading.Lock()

    def _load(self) -> None:
        try:
            keys = jwt.PyJWKSet.from_dict(self._bank.jwks())
        except (BankError, jwt.PyJWTError) as exc:
            raise IdTokenError(f"jwks unavailable: {exc}") from exc
        self._keys = {key.key_id: key for key in keys.keys if key.key_id}

    def _key(self, kid: str) -> jwt.PyJWK:
        with self._lock:
            if kid not in self._keys:
                self._load()
            key = self._keys.get(kid)
        if key is None:
            raise IdTokenError("unknown kid")
        return key

    def verify(self, token: str, nonce: str) -> BankIdentity:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise IdTokenError(f"malformed: {exc}") from exc
        if header.get("alg") != "RS256":
            raise IdTokenError(f"alg {header.get('alg')!r} is not RS256")
        key = self._key(str(header.get("kid", "")))
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=["RS256"],
                audience=BANK_CLIENT_ID,
                issuer=self._issuer,
                leeway=30,
                options={"require": _REQUIRED},
            )
        except jwt.PyJWTError as exc:
            raise IdTokenError(f"{type(exc).__name__}: {exc}") from exc
        if not secrets.compare_digest(str(claims["nonce"]).encode(), nonce.encode()):
            raise IdTokenError("nonce mismatch")
        return BankIdentity(
            sub=str(claims["sub"]),
            hetu=str(claims["hetu"]),
            given_name=str(claims.get("given_name", "")),
            family_name=str(claims.get("family_name", "")),
            idp=str(claims.get("ftn_idp", "")),
        )
