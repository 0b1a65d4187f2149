"""The service clock: real UTC time plus an offset stored in the database."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

from stub_services.common.db import Database


class Clock:
    """Time as the stub sees it; tests move it forward through /_control/clock/advance."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def offset(self, conn: sqlite3.Connection | None = None) -> float:
        """Seconds the service clock is ahead; pass `conn` when inside a transaction."""
        if conn is None:
            with self._db.transaction() as own:
                return self.offset(own)
        row = conn.execute("SELECT offset_seconds FROM clock WHERE id = 1").fetchone()
        return float(row["offset_seconds"]) if row else 0.0

    def now(self, conn: sqlite3.Connection | None = None) -> datetime:
        return datetime.now(UTC) + timedelta(seconds=self.offset(conn))

    def advance(self, seconds: float) -> datetime:
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO clock (id, offset_seconds) VALUES (1, ?) "
                "ON CONFLICT (id) DO UPDATE "
                "SET offset_seconds = offset_seconds + excluded.offset_seconds",
                (seconds,),
            )
        return self.now()


def parse_time(value: str) -> datetime:
    """Read a timestamp written by `datetime.isoformat()`."""
    return datetime.fromisoformat(value)
