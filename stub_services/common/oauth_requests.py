"""The authorization requests an OAuth provider keeps server-side until the browser is back."""

from __future__ import annotations

import secrets
import sqlite3
import string
from collections.abc import Callable
from dataclasses import asdict, fields
from enum import Enum
from typing import Any, Generic, Protocol, TypeVar

from stub_services.common.clock import Clock
from stub_services.common.db import Database


def new_request_id() -> str:
    # Letters only: request IDs appear in mail links, which must hold no 4-digit number.
    return "".join(secrets.choice(string.ascii_letters) for _ in range(32))


class Identified(Protocol):
    """A request dataclass: its fields are the table's columns (besides created_at)."""

    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=Identified)


def row_values(row: sqlite3.Row, cls: type) -> dict[str, Any]:
    """The row's values of the dataclass `cls`'s fields, by name (for its `from_row`)."""
    return {field.name: row[field.name] for field in fields(cls)}


def _column(value: object) -> object:
    return value.value if isinstance(value, Enum) else value


class AuthRequests(Generic[R]):
    """Saves a provider's request dataclass as one row of `auth_requests`; `load` turns a
    row back into it (the provider's types, enums included)."""

    def __init__(self, db: Database, clock: Clock, load: Callable[[sqlite3.Row], R]) -> None:
        self._db = db
        self._clock = clock
        self._load = load

    def save(self, request: R) -> R:
        values: dict[str, Any] = {k: _column(v) for k, v in asdict(request).items()}  # type: ignore[call-overload]
        with self._db.transaction() as conn:
            values["created_at"] = self._clock.now(conn).isoformat()
            names = ", ".join(values)
            marks = ", ".join("?" for _ in values)
            conn.execute(
                f"INSERT OR REPLACE INTO auth_requests ({names}) VALUES ({marks})",  # noqa: S608 - field names
                tuple(values.values()),
            )
        return request

    def get(self, request_id: str) -> R | None:
        if not request_id:
            return None
        with self._db.transaction() as conn:
            row = conn.execute("SELECT * FROM auth_requests WHERE id = ?", (request_id,)).fetchone()
        return None if row is None else self._load(row)
