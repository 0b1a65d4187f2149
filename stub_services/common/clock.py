"""The service clock: real UTC time plus an offset stored in the database."""

from __future__ import annotations

import math
import sqlite3
from datetime import UTC, datetime, timedelta

from stub_services.common.db import Database

# How far the service clock may be from real time: a century covers every scenario (codes,
# sessions, coupons, Bonus months) and keeps dates well inside what `datetime` can hold.
MAX_OFFSET_SECONDS = 100 * 366 * 86_400


class ClockOutOfRange(ValueError):
    """An advance that would move the service clock more than a century from real time."""


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
        """Move the clock by `seconds`; refuses (and changes nothing) beyond the range, since
        an offset `datetime` cannot add would break every later request until a reset."""
        with self._db.transaction() as conn:
            offset = self.offset(conn) + seconds
            if not math.isfinite(offset) or abs(offset) > MAX_OFFSET_SECONDS:
                raise ClockOutOfRange(
                    f"the clock may be at most {MAX_OFFSET_SECONDS} seconds from real time"
                )
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
