"""Sign-in service state: accounts, authorization requests, SSO sessions, OIDC codes and tokens."""

from __future__ import annotations

import hmac
import secrets
import sqlite3
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from contract import cookies
from stub_services.common.clock import Clock, parse_time
from stub_services.common.db import Database
from stub_services.common.oauth import IssuedCode
from stub_services.common.oauth_requests import (
    AuthorizationRequest,
    AuthRequests,
    insert_code,
    spend_code,
)
from stub_services.common.tokens import digest
from stub_services.signin.intents import Intent

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS accounts (
    email TEXT PRIMARY KEY, sub TEXT NOT NULL UNIQUE, locale TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS auth_requests (
    id TEXT PRIMARY KEY, client_id TEXT, redirect_uri TEXT, state TEXT, nonce TEXT,
    code_challenge TEXT, lang TEXT NOT NULL, intent TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS login_tx (
    token_hash TEXT PRIMARY KEY, request_id TEXT NOT NULL, email TEXT NOT NULL,
    intent TEXT NOT NULL, lang TEXT NOT NULL, code_mac TEXT, issued_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS login_tx_request ON login_tx (request_id);
CREATE TABLE IF NOT EXISTS login_tx_phone (token_hash TEXT PRIMARY KEY, phone TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS login_tx_new_email (
    token_hash TEXT PRIMARY KEY, new_email TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY, email TEXT NOT NULL, created_at TEXT NOT NULL, sid TEXT
);
CREATE TABLE IF NOT EXISTS auth_codes (
    code_hash TEXT PRIMARY KEY, client_id TEXT NOT NULL, redirect_uri TEXT NOT NULL,
    nonce TEXT, code_challenge TEXT NOT NULL, email TEXT NOT NULL, issued_at TEXT NOT NULL,
    used INTEGER NOT NULL DEFAULT 0, sid TEXT
);
CREATE TABLE IF NOT EXISTS session_clients (
    sid TEXT NOT NULL, client_id TEXT NOT NULL, first_code_at TEXT NOT NULL,
    PRIMARY KEY (sid, client_id)
);
CREATE TABLE IF NOT EXISTS access_tokens (
    token_hash TEXT PRIMARY KEY, email TEXT NOT NULL, code_hash TEXT NOT NULL,
    expires_at TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0
);
"""

# Columns added after state files were first written: (table, column, declaration).
_ADDED_COLUMNS = (("sessions", "sid", "TEXT"), ("auth_codes", "sid", "TEXT"))

SESSION_COOKIE = cookies.SESSION
# An SSO session ends this long after sign-in, however busy (a replayed cookie of an older
# one signs in nobody). A working day: long enough that no sign-in is asked for twice in
# one, short enough that a cookie copied from a shared computer goes stale overnight.
SESSION_TTL = timedelta(hours=12)


def code_mac(key: bytes, token_hash: str, code: str) -> str:
    """Codes are kept only as an HMAC bound to their transaction."""
    return hmac.new(key, f"{token_hash}:{code}".encode(), "sha256").hexdigest()


def upgrade(db: Database) -> None:
    """Give a state file written by an earlier version the columns added since, so its
    accounts and sessions keep working (a session without a sid gets one when next used)."""
    with db.transaction() as conn:
        for table, column, declaration in _ADDED_COLUMNS:
            columns = {row["name"] for row in conn.execute(f'PRAGMA table_info("{table}")')}
            if column not in columns:
                conn.execute(f'ALTER TABLE "{table}" ADD COLUMN "{column}" {declaration}')
        conn.execute("CREATE UNIQUE INDEX IF NOT EXISTS sessions_sid ON sessions (sid)")


def new_sid() -> str:
    """A session id for ID and logout tokens: random, unrelated to the cookie's token."""
    return secrets.token_urlsafe(24)


@dataclass(frozen=True)
class Account:
    email: str
    sub: str
    locale: str
    created_at: datetime


@dataclass(frozen=True)
class Session:
    """A live SSO session: whose it is and its `sid` (what clients know it by)."""

    email: str
    sid: str


@dataclass(frozen=True)
class EndedSession:
    """A session just ended, with the clients that got a code in it (oldest first)."""

    email: str
    sid: str
    client_ids: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class AuthRequest(AuthorizationRequest):
    """A client's authorization request, or this service's own flow (which has no client,
    redirect URI, state, nonce or challenge): a code is always bound to one."""

    intent: Intent = Intent.LOGIN


@dataclass(frozen=True, kw_only=True)
class SessionCode(IssuedCode):
    """A code for the account `email`, issued in the SSO session `sid`."""

    email: str
    sid: str | None  # codes issued before sessions had sids carry none


class Store:
    """Typed access to the sign-in service's SQLite file."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        self.requests = AuthRequests(db, clock, AuthRequest)
        upgrade(db)

    # Secrets ------------------------------------------------------------------
    def code_key(self) -> bytes:
        """The HMAC key for codes; generated on first use and kept across restarts."""
        with self.db.transaction() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'code_key'").fetchone()
            if row:
                return bytes.fromhex(row["value"])
            key = secrets.token_bytes(32)
            conn.execute("INSERT INTO meta (key, value) VALUES ('code_key', ?)", (key.hex(),))
            return key

    # Accounts -----------------------------------------------------------------
    def account(self, email: str, conn: sqlite3.Connection | None = None) -> Account | None:
        if conn is None:
            with self.db.transaction() as own:
                return self.account(email, own)
        row = conn.execute("SELECT * FROM accounts WHERE email = ?", (email,)).fetchone()
        if row is None:
            return None
        return Account(row["email"], row["sub"], row["locale"], parse_time(row["created_at"]))

    def create_account(self, conn: sqlite3.Connection, email: str, locale: str) -> Account:
        account = Account(email, str(uuid.uuid4()), locale, self.clock.now(conn))
        conn.execute(
            "INSERT INTO accounts (email, sub, locale, created_at) VALUES (?, ?, ?, ?)",
            (email, account.sub, locale, account.created_at.isoformat()),
        )
        return account

    # Authorization requests -----------------------------------------------------
    def save_request(self, request: AuthRequest) -> AuthRequest:
        return self.requests.save(request)

    def request(self, request_id: str) -> AuthRequest | None:
        return self.requests.get(request_id)

    # SSO sessions -----------------------------------------------------------------
    def start_session(self, email: str, previous_tokens: Iterable[str] = ()) -> tuple[str, Session]:
        """A fresh 256-bit session token and a new sid; the browser's earlier sessions end
        (clients that got a code in them are not told: the browser signs in again)."""
        token = secrets.token_urlsafe(32)
        session = Session(email, new_sid())
        with self.db.transaction() as conn:
            for previous in previous_tokens:
                self._delete_session(conn, previous)
            conn.execute(
                "INSERT INTO sessions (token_hash, email, created_at, sid) VALUES (?, ?, ?, ?)",
                (digest(token), email, self.clock.now(conn).isoformat(), session.sid),
            )
        return token, session

    def session(self, token: str | None) -> Session | None:
        if not token:
            return None
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT email, sid, created_at FROM sessions WHERE token_hash = ?",
                (digest(token),),
            ).fetchone()
            if row is None:
                return None
            if self.clock.now(conn) - parse_time(row["created_at"]) >= SESSION_TTL:
                self._delete_session(conn, token)
                return None
            sid = row["sid"]
            if not sid:  # a session from a state file older than sids
                sid = new_sid()
                conn.execute(
                    "UPDATE sessions SET sid = ? WHERE token_hash = ?", (sid, digest(token))
                )
        return Session(str(row["email"]), str(sid))

    def session_email(self, token: str | None) -> str | None:
        session = self.session(token)
        return session.email if session else None

    def end_session(self, token: str | None) -> EndedSession | None:
        """Delete the session; returns whose it was and which clients got a code in it."""
        if not token:
            return None
        with self.db.transaction() as conn:
            return self._delete_session(conn, token)

    def _delete_session(self, conn: sqlite3.Connection, token: str) -> EndedSession | None:
        row = conn.execute(
            "SELECT email, sid FROM sessions WHERE token_hash = ?", (digest(token),)
        ).fetchone()
        if row is None:
            return None
        conn.execute("DELETE FROM sessions WHERE token_hash = ?", (digest(token),))
        sid = str(row["sid"] or "")
        clients = conn.execute(
            "SELECT client_id FROM session_clients WHERE sid = ? ORDER BY rowid", (sid,)
        ).fetchall()
        conn.execute("DELETE FROM session_clients WHERE sid = ?", (sid,))
        return EndedSession(str(row["email"]), sid, tuple(str(c["client_id"]) for c in clients))

    # OIDC authorization codes and access tokens ---------------------------------------
    def issue_code(self, request: AuthRequest, session: Session) -> str:
        """A code for `request`'s client; the client is recorded as one of the session's
        (it will be told when the session ends)."""
        with self.db.transaction() as conn:
            now = self.clock.now(conn).isoformat()
            code = insert_code(conn, request, now, email=session.email, sid=session.sid)
            conn.execute(
                "INSERT OR IGNORE INTO session_clients (sid, client_id, first_code_at)"
                " VALUES (?, ?, ?)",
                (session.sid, request.client_id, now),
            )
        return code

    def spend_code(self, code: str) -> SessionCode | None:
        """The code as issued, marked used from now on; a replay (`used`) also revokes the
        tokens issued from it."""
        with self.db.transaction() as conn:
            row = spend_code(conn, code)
            if row is not None and row["used"]:
                conn.execute(
                    "UPDATE access_tokens SET revoked = 1 WHERE code_hash = ?", (digest(code),)
                )
        return None if row is None else SessionCode.from_row(row)

    def issue_access_token(self, email: str, code: str, lifetime: timedelta) -> str:
        token = secrets.token_urlsafe(32)
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO access_tokens (token_hash, email, code_hash, expires_at)"
                " VALUES (?, ?, ?, ?)",
                (digest(token), email, digest(code), (self.clock.now(conn) + lifetime).isoformat()),
            )
        return token

    def token_email(self, token: str) -> str | None:
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT * FROM access_tokens WHERE token_hash = ?", (digest(token),)
            ).fetchone()
            now = self.clock.now(conn)
        if row is None or row["revoked"] or parse_time(row["expires_at"]) <= now:
            return None
        return str(row["email"])
