"""Account site state: pending authorization requests, local sessions and known accounts."""

from __future__ import annotations

import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from contract import cookies
from stub_services.common.clock import Clock, parse_time
from stub_services.common.db import Database, take
from stub_services.common.relying_party import RequestSecrets
from stub_services.common.tokens import digest

SCHEMA = """
CREATE TABLE IF NOT EXISTS rp_requests (
    binding_hash TEXT PRIMARY KEY, state TEXT NOT NULL, nonce TEXT NOT NULL,
    verifier TEXT NOT NULL, lang TEXT NOT NULL, created_at TEXT NOT NULL,
    next_path TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY, sub TEXT NOT NULL, created_at TEXT NOT NULL, sid TEXT
);
CREATE TABLE IF NOT EXISTS session_tokens (
    token_hash TEXT PRIMARY KEY, access_token TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS accounts (
    sub TEXT PRIMARY KEY, email TEXT NOT NULL, signin_created_at TEXT NOT NULL,
    first_seen_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS logout_jtis (jti TEXT PRIMARY KEY, seen_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS session_id_tokens (
    token_hash TEXT PRIMARY KEY, id_token TEXT NOT NULL
);
"""
# Columns added after the first release: state folders survive restarts, so files made
# before them get them by ALTER TABLE.
ADDED_COLUMNS = (
    ("rp_requests", "next_path", "TEXT NOT NULL DEFAULT ''"),
    ("sessions", "sid", "TEXT"),
)

SESSION_COOKIE = cookies.ETUKORTTI_SESSION


@dataclass(frozen=True)
class PendingLogin:
    """What the callback needs to check: kept server-side, found through the binding cookie."""

    secrets: RequestSecrets
    lang: str
    next_path: str = ""  # a same-site path to return to after sign-in ("" → the profile)


@dataclass(frozen=True)
class LocalAccount:
    sub: str
    email: str
    signin_created_at: datetime


def _account(row: sqlite3.Row) -> LocalAccount:
    return LocalAccount(row["sub"], row["email"], parse_time(row["signin_created_at"]))


class Store:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        with db.transaction() as conn:
            for table, column, declaration in ADDED_COLUMNS:
                known = {row["name"] for row in conn.execute(f"PRAGMA table_info({table})")}
                if column not in known:
                    conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")

    def save_pending(self, pending: PendingLogin) -> str:
        """Store the request and return the binding token for the browser cookie."""
        return pending.secrets.save(
            self.db, self.clock, "rp_requests", lang=pending.lang, next_path=pending.next_path
        )

    def take_pending(self, binding: str | None) -> PendingLogin | None:
        """Return and forget the pending request: each one completes at most once."""
        if not binding:
            return None
        with self.db.transaction() as conn:
            row = take(conn, "rp_requests", {"binding_hash": digest(binding)})
        if row is None:
            return None
        return PendingLogin(RequestSecrets.of_row(row), row["lang"], row["next_path"])

    def remember_account(self, sub: str, email: str, signin_created_at: str) -> bool:
        """Store or refresh the account; True when it was seen for the first time."""
        with self.db.transaction() as conn:
            known = conn.execute("SELECT 1 FROM accounts WHERE sub = ?", (sub,)).fetchone()
            if known:
                conn.execute("UPDATE accounts SET email = ? WHERE sub = ?", (email, sub))
                return False
            conn.execute(
                "INSERT INTO accounts (sub, email, signin_created_at, first_seen_at)"
                " VALUES (?, ?, ?, ?)",
                (sub, email, signin_created_at, self.clock.now(conn).isoformat()),
            )
            return True

    def start_session(self, sub: str, previous_token: str | None, sid: str | None = None) -> str:
        """A new local session; `sid` is the sign-in service's session id from the ID token
        (optional there), by which a back-channel logout finds it."""
        token = secrets.token_urlsafe(32)
        with self.db.transaction() as conn:
            if previous_token:
                conn.execute("DELETE FROM sessions WHERE token_hash = ?", (digest(previous_token),))
            conn.execute(
                "INSERT INTO sessions (token_hash, sub, sid, created_at) VALUES (?, ?, ?, ?)",
                (digest(token), sub, sid, self.clock.now(conn).isoformat()),
            )
        return token

    def session_account(self, token: str | None) -> LocalAccount | None:
        if not token:
            return None
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT a.* FROM sessions s JOIN accounts a ON a.sub = s.sub"
                " WHERE s.token_hash = ?",
                (digest(token),),
            ).fetchone()
        return _account(row) if row else None

    def end_session(self, token: str | None) -> LocalAccount | None:
        account = self.session_account(token)
        if token:
            with self.db.transaction() as conn:
                conn.execute("DELETE FROM sessions WHERE token_hash = ?", (digest(token),))
                conn.execute("DELETE FROM session_tokens WHERE token_hash = ?", (digest(token),))
        return account

    def end_sessions_of(self, sid: str, sub: str) -> LocalAccount | None:
        """End every session of the sign-in session `sid` (of `sub`), or, when none has that
        sid, every session of `sub`; returns the account when a session ended."""
        with self.db.transaction() as conn:
            hashes = [
                row["token_hash"]
                for row in conn.execute(
                    "SELECT token_hash FROM sessions WHERE sid = ? AND sub = ?", (sid, sub)
                )
            ] or [
                row["token_hash"]
                for row in conn.execute("SELECT token_hash FROM sessions WHERE sub = ?", (sub,))
            ]
            for token_hash in hashes:
                conn.execute("DELETE FROM sessions WHERE token_hash = ?", (token_hash,))
                conn.execute("DELETE FROM session_tokens WHERE token_hash = ?", (token_hash,))
            row = conn.execute("SELECT * FROM accounts WHERE sub = ?", (sub,)).fetchone()
        return _account(row) if hashes and row else None

    def first_use_of_logout_token(self, jti: str) -> bool:
        """Remember a logout token's `jti`; False when it was seen before (a replay)."""
        with self.db.transaction() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO logout_jtis (jti, seen_at) VALUES (?, ?)",
                (jti, self.clock.now(conn).isoformat()),
            )
            return cursor.rowcount == 1

    # The sign-in service's access token of a session: the site reads the current address
    # with it, so a changed S-login address shows without signing in again.
    def save_access_token(self, session_token: str, access_token: str) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO session_tokens (token_hash, access_token) VALUES (?, ?)",
                (digest(session_token), access_token),
            )

    def access_token(self, session_token: str | None) -> str | None:
        if not session_token:
            return None
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT access_token FROM session_tokens WHERE token_hash = ?",
                (digest(session_token),),
            ).fetchone()
        return str(row["access_token"]) if row else None

    # The ID token a session began with: the sign-out sends it as id_token_hint, so the
    # sign-in service ends its session without asking (RP-Initiated Logout 1.0).
    def save_id_token(self, session_token: str, id_token: str) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO session_id_tokens (token_hash, id_token) VALUES (?, ?)",
                (digest(session_token), id_token),
            )

    def take_id_token(self, session_token: str | None) -> str | None:
        if not session_token:
            return None
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT id_token FROM session_id_tokens WHERE token_hash = ?",
                (digest(session_token),),
            ).fetchone()
            conn.execute(
                "DELETE FROM session_id_tokens WHERE token_hash = ?", (digest(session_token),)
            )
        return str(row["id_token"]) if row else None

    def update_email(self, sub: str, email: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("UPDATE accounts SET email = ? WHERE sub = ?", (email, sub))
