"""Bearer-token guard for the server APIs of the register and the text-message gateway."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request


def require_bearer(request: Request, authorization: Annotated[str, Header()] = "") -> None:
    """401 unless `Authorization: Bearer <token>` carries the app's `state.bearer_token`."""
    token: str = request.app.state.bearer_token
    scheme, _, given = authorization.partition(" ")
    # As bytes: compare_digest refuses str with non-ASCII, and a header (read as latin-1)
    # may hold some.
    same = hmac.compare_digest(given.strip().encode(), token.encode())
    if scheme.lower() != "bearer" or not same:
        raise HTTPException(
            status_code=401,
            detail="missing or wrong bearer token",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )


# For `dependencies=[...]` of a router or route: the API answers only its callers.
BEARER = Depends(require_bearer)
