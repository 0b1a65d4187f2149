"""Published versions of the terms of use and privacy notice, and each account's acceptance."""

from __future__ import annotations

import re
import sqlite3

from stub_services.signin.store import Store

SCHEMA = """
CREATE TABLE IF NOT EXISTS terms_acceptance (
    sub TEXT PRIMARY KEY, version TEXT NOT NULL, accepted_at TEXT NOT NULL
);
"""

# The version in force before any is published; accounts without a record accepted it.
INITIAL_VERSION = "2026-01"
# A label such as "2026-12"; any short label of letters, digits, dots and dashes is taken.
VERSION_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$"
_PARTS = re.compile(r"\d+|\D+")


def version_key(version: str) -> tuple[tuple[int, int, str], ...]:
    """Natural order: digit runs compare as numbers, so "2026-12" < "2027-1" < "2027-10"."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part) for part in _PARTS.findall(version)
    )


class Terms:
    """One version covers both documents; it is kept in the sign-in service's SQLite file."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.db = store.db

    def current(self) -> str:
        with self.db.transaction() as conn:
            return self._current(conn)

    def publish(self, version: str) -> str:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('terms_version', ?)", (version,)
            )
        return version

    def accepted(self, sub: str) -> str:
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT version FROM terms_acceptance WHERE sub = ?", (sub,)
            ).fetchone()
        return str(row["version"]) if row else INITIAL_VERSION

    def outdated(self, sub: str) -> bool:
        """True when the account accepted an older version than the published one."""
        return version_key(self.accepted(sub)) < version_key(self.current())

    def accept(self, sub: str, conn: sqlite3.Connection | None = None) -> str:
        """Record acceptance of the published version now; returns that version."""
        if conn is None:
            with self.db.transaction() as own:
                return self.accept(sub, own)
        version = self._current(conn)
        conn.execute(
            "INSERT OR REPLACE INTO terms_acceptance (sub, version, accepted_at) VALUES (?, ?, ?)",
            (sub, version, self._store.clock.now(conn).isoformat()),
        )
        return version

    def _current(self, conn: sqlite3.Connection) -> str:
        row = conn.execute("SELECT value FROM meta WHERE key = 'terms_version'").fetchone()
        return str(row["value"]) if row else INITIAL_VERSION


def terms_url(lang: str, request_id: str = "") -> str:
    """The page that asks for acceptance; the flow's request ID carries it on afterwards."""
    return f"/{lang}/terms" + (f"?request={request_id}" if request_id else "")
