"""An OpenID Provider's signing keys: RSA keys kept in the stub's SQLite store, published as
a JWKS with `kid`, rotated through the control API (the previous keys stay published, so
tokens signed just before a rotation still verify)."""

from __future__ import annotations

import base64
import hashlib
import json
import threading
from dataclasses import dataclass
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from stub_services.common.clock import Clock
from stub_services.common.db import Database

SCHEMA = """
CREATE TABLE IF NOT EXISTS signing_keys (
    kid TEXT PRIMARY KEY, pem TEXT NOT NULL, created_at TEXT NOT NULL,
    retired INTEGER NOT NULL DEFAULT 0
);
"""

ALGORITHM = "RS256"
# Retired keys still published after a rotation: a relying party that cached the JWKS, or
# a token issued a moment before, keeps verifying until the next rotation but one.
PUBLISHED_RETIRED = 2


@dataclass(frozen=True)
class SigningKey:
    private_key: rsa.RSAPrivateKey
    kid: str

    def jwk(self) -> dict[str, Any]:
        """The public half as a JWK with `kid`, `use` and `alg`."""
        jwk: dict[str, Any] = RSAAlgorithm.to_jwk(self.private_key.public_key(), as_dict=True)
        return {**jwk, "kid": self.kid, "use": "sig", "alg": ALGORITHM}

    def sign(self, claims: dict[str, Any], typ: str | None = None) -> str:
        headers: dict[str, Any] = {"kid": self.kid}
        if typ:
            headers["typ"] = typ
        return jwt.encode(claims, self.private_key, algorithm=ALGORITHM, headers=headers)


def thumbprint(public_key: rsa.RSAPublicKey) -> str:
    """RFC 7638 JWK thumbprint: a `kid` that changes exactly when the key does."""
    jwk = RSAAlgorithm.to_jwk(public_key, as_dict=True)
    canonical = json.dumps({k: jwk[k] for k in ("e", "kty", "n")}, separators=(",", ":"))
    return (
        base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).rstrip(b"=").decode()
    )


def new_key() -> tuple[SigningKey, str]:
    """A fresh 2048-bit RSA key and its PKCS#8 PEM."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    return SigningKey(key, thumbprint(key.public_key())), pem


class KeyRing:
    """The provider's keys in its store: one current, up to PUBLISHED_RETIRED retired."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._parsed: dict[str, SigningKey] = {}
        self._lock = threading.Lock()

    def _key(self, kid: str, pem: str) -> SigningKey:
        with self._lock:
            key = self._parsed.get(kid)
            if key is None:
                loaded = serialization.load_pem_private_key(pem.encode(), password=None)
                if not isinstance(loaded, rsa.RSAPrivateKey):
                    raise TypeError(f"signing key {kid} is not an RSA key")
                key = self._parsed[kid] = SigningKey(loaded, kid)
            return key

    def current(self) -> SigningKey:
        """The key that signs now, made the first time (and after a reset of the store)."""
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT kid, pem FROM signing_keys WHERE retired = 0 ORDER BY rowid DESC LIMIT 1"
            ).fetchone()
            if row is not None:
                return self._key(row["kid"], row["pem"])
            key, pem = new_key()
            conn.execute(
                "INSERT INTO signing_keys (kid, pem, created_at) VALUES (?, ?, ?)",
                (key.kid, pem, self._clock.now(conn).isoformat()),
            )
        with self._lock:
            self._parsed[key.kid] = key
        return key

    def rotate(self) -> SigningKey:
        """Retire the current key (still published) and sign with a new one from now on."""
        key, pem = new_key()
        with self._db.transaction() as conn:
            conn.execute("UPDATE signing_keys SET retired = 1")
            conn.execute(
                "INSERT INTO signing_keys (kid, pem, created_at) VALUES (?, ?, ?)",
                (key.kid, pem, self._clock.now(conn).isoformat()),
            )
            conn.execute(
                "DELETE FROM signing_keys WHERE retired = 1 AND kid NOT IN (SELECT kid FROM"
                " signing_keys WHERE retired = 1 ORDER BY rowid DESC LIMIT ?)",
                (PUBLISHED_RETIRED,),
            )
        return key

    def published(self, kid: str) -> SigningKey | None:
        """The published key (current or retired) of `kid`, if any."""
        with self._db.transaction() as conn:
            row = conn.execute("SELECT kid, pem FROM signing_keys WHERE kid = ?", (kid,)).fetchone()
        return self._key(row["kid"], row["pem"]) if row is not None else None

    def jwks(self) -> dict[str, list[dict[str, Any]]]:
        """Every published key, the current one first."""
        self.current()
        with self._db.transaction() as conn:
            rows = conn.execute(
                "SELECT kid, pem FROM signing_keys ORDER BY retired, rowid DESC"
            ).fetchall()
        return {"keys": [self._key(row["kid"], row["pem"]).jwk() for row in rows]}
