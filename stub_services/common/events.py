"""What happened, per email address, as read by GET /_control/events (never codes)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from stub_services.common.clock import Clock
from stub_services.common.db import Database


@dataclass(frozen=True)
class Event:
    """One business event: what happened, to whom, when (service clock) and its details."""

    type: str
    email: str | None
    at: str
    detail: dict[str, Any]


class EventLog:
    """Append-only log of business events of one stub."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def record(
        self,
        type_: str,
        email: str | None,
        conn: sqlite3.Connection | None = None,
        **detail: str | int | bool | None,
    ) -> None:
        """Store one event; pass `conn` to join an open transaction."""
        if conn is None:
            with self._db.transaction() as own:
                self.record(type_, email, own, **detail)
            return
        conn.execute(
            "INSERT INTO events (type, email, at, detail) VALUES (?, ?, ?, ?)",
            (type_, email, self._clock.now(conn).isoformat(), json.dumps(detail, sort_keys=True)),
        )

    def for_email(self, email: str | None) -> list[Event]:
        """Events of one address (all events when `email` is None), oldest first."""
        with self._db.transaction() as conn:
            if email is None:
                rows = conn.execute("SELECT * FROM events ORDER BY id").fetchall()
            else:
                rows = conn.execute(
                    "SELECT * FROM events WHERE email = ? ORDER BY id", (email.strip().lower(),)
                ).fetchall()
        return [Event(r["type"], r["email"], r["at"], json.loads(r["detail"])) for r in rows]
