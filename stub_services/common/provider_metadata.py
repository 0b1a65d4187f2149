"""What a relying party learns of its OpenID Provider, as a real one would: the Discovery
document (its endpoints) and the JWKS its tokens are verified with, both cached; the keys
are fetched again when a token names a `kid` not seen yet (a rotation)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import httpx
import jwt

DISCOVERY_PATH = "/.well-known/openid-configuration"
ALGORITHMS = ["RS256"]


class ProviderError(Exception):
    """The provider's metadata or keys cannot be had, or a token is not verifiable with
    them; the message is for events, not for users."""


class JwtIssuer:
    """Verifies the JWTs one issuer signs, with the keys it publishes (cached; fetched
    again once when a token names a `kid` not seen yet, a rotation). `fetch_jwks` gets
    the JWKS however this server reaches it, raising ProviderError when it cannot."""

    def __init__(self, issuer: str, fetch_jwks: Callable[[], dict[str, Any]]) -> None:
        self.issuer = issuer.rstrip("/")
        self._fetch_jwks = fetch_jwks
        self._keys: dict[str, jwt.PyJWK] = {}
        self._keys_lock = threading.Lock()

    def _refresh_keys(self) -> None:
        jwks = self._fetch_jwks()
        try:
            keys = jwt.PyJWKSet.from_dict(jwks).keys
        except jwt.PyJWTError as exc:
            raise ProviderError(f"JWKS unusable: {exc}") from exc
        self._keys = {key.key_id: key for key in keys if key.key_id}

    def key(self, kid: str) -> jwt.PyJWK:
        """The published key named `kid`; the JWKS is fetched again once for an unknown one."""
        with self._keys_lock:
            if kid not in self._keys:
                self._refresh_keys()
            key = self._keys.get(kid)
        if key is None:
            raise ProviderError("token signed with a key the provider does not publish")
        return key

    def decode(
        self, token: str, audience: str, required: list[str], typ: str | None = None
    ) -> dict[str, Any]:
        """The claims of a JWT signed by the issuer (RS256, a published `kid`), with
        issuer, audience, lifetime and `required` claims checked."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise ProviderError(f"malformed token: {exc}") from exc
        if header.get("alg") not in ALGORITHMS:
            raise ProviderError(f"alg {header.get('alg')!r} is not accepted")
        given_typ = str(header.get("typ", "")).lower()
        if typ is not None and given_typ not in (typ, f"application/{typ}"):
            raise ProviderError(f"typ {header.get('typ')!r} is not {typ}")
        key = self.key(str(header.get("kid", "")))
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=ALGORITHMS,
                audience=audience,
                issuer=self.issuer,
                leeway=30,
                options={"require": required},
            )
        except jwt.PyJWTError as exc:
            raise ProviderError(f"{type(exc).__name__}: {exc}") from exc
        return claims


class OpenIdProvider(JwtIssuer):
    """One issuer as reached from this server: `base` is where its discovery document is
    fetched (the issuer's address, or a server-side route to it); its keys come from the
    document's `jwks_uri`."""

    def __init__(self, http: httpx.Client, issuer: str, base: str | None = None) -> None:
        super().__init__(issuer, self._jwks_of_discovery)
        self.http = http
        self._base = (base or issuer).rstrip("/")
        self._metadata: dict[str, Any] | None = None
        self._lock = threading.Lock()

    def _get_json(self, url: str, what: str) -> dict[str, Any]:
        try:
            response = self.http.get(url)
        except httpx.HTTPError as exc:
            raise ProviderError(f"{what} unreachable: {type(exc).__name__}") from exc
        if response.status_code != 200:
            raise ProviderError(f"{what} answered {response.status_code}")
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise ProviderError(f"{what} is not a JSON object")
        return body

    def metadata(self) -> dict[str, Any]:
        """The discovery document; its `issuer` must be the one configured (Discovery 4.3)."""
        with self._lock:
            if self._metadata is None:
                found = self._get_json(f"{self._base}{DISCOVERY_PATH}", "discovery document")
                if found.get("issuer") != self.issuer:
                    raise ProviderError(f"discovery names issuer {found.get('issuer')!r}")
                self._metadata = found
            return self._metadata

    def endpoint(self, name: str) -> str:
        """An endpoint of the discovery document, e.g. `token_endpoint`."""
        url = self.metadata().get(name)
        if not isinstance(url, str) or not url.startswith("https://"):
            raise ProviderError(f"discovery gives no https {name}")
        return url

    def _jwks_of_discovery(self) -> dict[str, Any]:
        return self._get_json(self.endpoint("jwks_uri"), "JWKS")
