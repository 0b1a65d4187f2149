"""OpenID Connect Discovery 1.0 metadata as both providers of the world (the sign-in
service and the bank broker) publish it: the same endpoints at the same places, each
provider adding what is its own."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from stub_services.common.i18n import LANGS


def provider_metadata(
    request: Request, public_url: str, *, scopes: list[str], claims: list[str], **own: Any
) -> dict[str, Any]:
    """The document for the provider at `public_url`. Pages (authorize) on the public
    address; server-to-server endpoints (token, JWKS) on the address this request used,
    so a server that fetched it at https://127.0.0.1:PORT reaches those there too. `own`
    adds or replaces keys (`userinfo_endpoint=...` is given relative to that address)."""
    common: dict[str, Any] = {
        "issuer": public_url,
        "authorization_endpoint": f"{public_url}/authorize",
        "token_endpoint": server_url(request, "/token"),
        "jwks_uri": server_url(request, "/jwks.json"),
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "code_challenge_methods_supported": ["S256"],
        "scopes_supported": scopes,
        "claims_supported": claims,
        "ui_locales_supported": list(LANGS),
    }
    return {**common, **own}


def server_url(request: Request, path: str) -> str:
    """`path` on the address this request used (for server-to-server endpoints)."""
    return f"{str(request.base_url).rstrip('/')}{path}"
