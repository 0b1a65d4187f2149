"""Small OAuth helpers: PKCE S256, adding query parameters, token-endpoint errors."""

from __future__ import annotations

import base64
import hashlib
from urllib.parse import urlencode, urlsplit, urlunsplit

from fastapi.responses import JSONResponse


def pkce_s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def with_query(uri: str, **params: str | None) -> str:
    """Append parameters to a URI that may already carry a query."""
    parts = urlsplit(uri)
    extra = urlencode({k: v for k, v in params.items() if v is not None})
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urlunsplit(parts._replace(query=query))


def token_error(error: str, description: str, status: int = 400) -> JSONResponse:
    return JSONResponse(
        {"error": error, "error_description": description},
        status_code=status,
        headers={"Cache-Control": "no-store"},
    )
