"""The authorization requests an OAuth provider keeps server-side until the browser is back."""

from __future__ import annotations

import secrets
import sqlite3
import string
from collections.abc import Callable
from dataclasses import asdict
from typing import Any, Generic, Protocol, TypeVar

from stub_services.common.clock import Clock
from stub_services.common.db import Database
from stub_services.common.rows import insert


def new_request_id() -> str:
    # Letters only: request IDs appear in mail links, which must hold no 4-digit number.
    return "".join(secrets.choice(string.ascii_letters) for _ in range(32))


class Identified(Protocol):
    """A request dataclass: its fields are the table's columns (besides created_at)."""

    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=Identified)


class AuthRequests(Generic[R]):
    """Saves a provider's request dataclass as one row of `auth_requests`; `load` turns a
    row back into it (the provider's types, enums included)."""

    def __init__(self, db: Database, clock: Clock, load: Callable[[sqlite3.Row], R]) -> None:
        self._db = db
        self._clock = clock
        self._load = load

    def save(self, request: R) -> R:
        values: dict[str, Any] = asdict(request)  # type: ignore[call-overload]
        with self._db.transaction() as conn:
            insert(conn, "auth_requests", **values, created_at=self._clock.now(conn).isoformat())
        return request

    def get(self, request_id: str) -> R | None:
        if not request_id:
            return None
        with self._db.transaction() as conn:
            row = conn.execute("SELECT * FROM auth_requests WHERE id = ?", (request_id,)).fetchone()
        return None if row is None else self._load(row)
