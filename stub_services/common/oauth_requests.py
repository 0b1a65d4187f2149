"""What an OAuth provider keeps server-side: authorization requests and the codes issued."""

from __future__ import annotations

import secrets
import sqlite3
import string
from dataclasses import asdict, dataclass, field, fields
from enum import Enum
from typing import Any, Generic, Self, TypeVar

from stub_services.common.clock import Clock
from stub_services.common.db import Database
from stub_services.common.oauth import with_query
from stub_services.common.rows import insert, row_values
from stub_services.common.tokens import digest


def new_request_id() -> str:
    # Letters only: request IDs appear in mail links, which must hold no 4-digit number.
    return "".join(secrets.choice(string.ascii_letters) for _ in range(32))


@dataclass(frozen=True, kw_only=True)
class AuthorizationRequest:
    """What a client's authorization request asked for. A provider adds its own fields,
    each a column of its `auth_requests` table; its own flows (without a client) have no
    client, redirect URI, state, nonce or challenge."""

    id: str = field(default_factory=new_request_id)
    client_id: str | None = None
    redirect_uri: str | None = None
    state: str | None = None
    nonce: str | None = None
    code_challenge: str | None = None
    lang: str

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Self:
        """The request a row holds; a field with an enum default is read back as its enum."""
        values = row_values(row, cls)
        for each in fields(cls):
            if isinstance(each.default, Enum):
                values[each.name] = type(each.default)(values[each.name])
        return cls(**values)

    def back_to_client(self, **params: str | None) -> str:
        """The client's redirect URI with `params` and the request's state."""
        return with_query(self.redirect_uri or "", **params, state=self.state)


R = TypeVar("R", bound=AuthorizationRequest)


class AuthRequests(Generic[R]):
    """Saves a provider's request dataclass (`kind`) as one row of `auth_requests`."""

    def __init__(self, db: Database, clock: Clock, kind: type[R]) -> None:
        self._db = db
        self._clock = clock
        self._kind = kind

    def save(self, request: R) -> R:
        values: dict[str, Any] = asdict(request)
        with self._db.transaction() as conn:
            insert(conn, "auth_requests", **values, created_at=self._clock.now(conn).isoformat())
        return request

    def get(self, request_id: str) -> R | None:
        if not request_id:
            return None
        with self._db.transaction() as conn:
            row = conn.execute("SELECT * FROM auth_requests WHERE id = ?", (request_id,)).fetchone()
        return None if row is None else self._kind.from_row(row)


def insert_code(
    conn: sqlite3.Connection, request: AuthorizationRequest, issued_at: str, **whom: object
) -> str:
    """A new authorization code for `request`, kept as a digest with whom it is for."""
    code = secrets.token_urlsafe(32)
    insert(
        conn,
        "auth_codes",
        code_hash=digest(code),
        client_id=request.client_id,
        redirect_uri=request.redirect_uri,
        nonce=request.nonce,
        code_challenge=request.code_challenge,
        issued_at=issued_at,
        **whom,
    )
    return code


def spend_code(conn: sqlite3.Connection, code: str) -> sqlite3.Row | None:
    """The code's row as it was (`used` says whether it had been spent), used from now on."""
    row: sqlite3.Row | None = conn.execute(
        "SELECT * FROM auth_codes WHERE code_hash = ?", (digest(code),)
    ).fetchone()
    if row is not None and not row["used"]:
        conn.execute("UPDATE auth_codes SET used = 1 WHERE code_hash = ?", (digest(code),))
    return row
