"""SQLite storage in WAL mode: a fresh connection per operation, serialised by a lock."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

# Tables every stub has: the clock offset and the event log read by /_control/events.
COMMON_SCHEMA = """
CREATE TABLE IF NOT EXISTS clock (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    offset_seconds REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    type TEXT NOT NULL,
    email TEXT,
    at TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_email ON events (email);
"""


class Database:
    """A SQLite file whose schema is created on start; safe for uvicorn's thread pool."""

    def __init__(self, path: Path, schema: str) -> None:
        self.path = path
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            conn = self._connect()
            try:
                conn.executescript(COMMON_SCHEMA + schema)  # commits on its own
            finally:
                conn.close()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA busy_timeout=10000")
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit of work: commits on success, rolls back on error."""
        with self._lock:
            conn = self._connect()
            try:
                conn.execute("BEGIN IMMEDIATE")
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            finally:
                conn.close()

    def wipe(self) -> None:
        """Delete every row of every table (the schema stays)."""
        with self.transaction() as conn:
            tables = [
                row["name"]
                for row in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%'"
                )
            ]
            for table in tables:
                conn.execute(f'DELETE FROM "{table}"')  # noqa: S608 - names come from sqlite_master


def insert(conn: sqlite3.Connection, table: str, values: Mapping[str, object]) -> None:
    """INSERT one row given as column → value (names are the store's own, never input)."""
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(values.values()))  # noqa: S608


def take(conn: sqlite3.Connection, table: str, where: Mapping[str, object]) -> sqlite3.Row | None:
    """Read and delete the row matching every column of `where`: a one-time use."""
    condition = " AND ".join(f"{column} = ?" for column in where)
    row: sqlite3.Row | None = conn.execute(
        f"SELECT * FROM {table} WHERE {condition}",  # noqa: S608 - the store's own names
        tuple(where.values()),
    ).fetchone()
    if row is not None:
        conn.execute(f"DELETE FROM {table} WHERE {condition}", tuple(where.values()))  # noqa: S608
    return row
