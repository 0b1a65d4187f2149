"""Bearer-token guard for the server APIs of the register and the text-message gateway."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import Annotated

from fastapi import Header, HTTPException


def bearer_guard(token: str) -> Callable[[str], None]:
    """A dependency that answers 401 unless `Authorization: Bearer <token>` is sent."""

    def require(authorization: Annotated[str, Header()] = "") -> None:
        scheme, _, given = authorization.partition(" ")
        # As bytes: compare_digest refuses str with non-ASCII, and a header (read as
        # latin-1) may hold some.
        same = hmac.compare_digest(given.strip().encode(), token.encode())
        if scheme.lower() != "bearer" or not same:
            raise HTTPException(
                status_code=401,
                detail="missing or wrong bearer token",
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )

    return require
