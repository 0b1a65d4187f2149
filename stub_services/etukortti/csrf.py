"""CSRF tokens of the site's forms: bound to the session cookie by a key kept in SQLite."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from stub_services.common.db import Database

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class CsrfTokens:
    """One token a session, the same for every form of the site."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def token(self, session_token: str) -> str:
        """A keyed hash of the session cookie, so no other session's token fits."""
        message = hashlib.sha256(f"csrf:{session_token}".encode()).digest()
        return hmac.new(self._key(), message, "sha256").hexdigest()

    def ok(self, session_token: str, given: str) -> bool:
        # As bytes: compare_digest refuses str with non-ASCII, and a form field may hold any.
        expected = self.token(session_token).encode()
        return bool(given) and hmac.compare_digest(expected, given.encode())

    def _key(self) -> bytes:
        with self.db.transaction() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'csrf_key'").fetchone()
            if row:
                return bytes.fromhex(row["value"])
            key = secrets.token_bytes(32)
            conn.execute("INSERT INTO meta (key, value) VALUES ('csrf_key', ?)", (key.hex(),))
            return key
