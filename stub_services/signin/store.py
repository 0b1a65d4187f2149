"""Sign-in service state: accounts, authorization requests, SSO sessions, OIDC codes and tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
import string
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from stub_services.common.clock import Clock, parse_time
from stub_services.common.db import Database

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
    token_hash TEXT PRIMARY KEY, email TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS auth_codes (
    code_hash TEXT PRIMARY KEY, client_id TEXT NOT NULL, redirect_uri TEXT NOT NULL,
    nonce TEXT, code_challenge TEXT NOT NULL, email TEXT NOT NULL, issued_at TEXT NOT NULL,
    used INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS access_tokens (
    token_hash TEXT PRIMARY KEY, email TEXT NOT NULL, code_hash TEXT NOT NULL,
    expires_at TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0
);
"""

SESSION_COOKIE = "__Host-sid"
_ID_ALPHABET = string.ascii_letters


def digest(token: str) -> str:
    """Tokens are stored only as SHA-256 hashes, so a copied database grants nothing."""
    return hashlib.sha256(token.encode()).hexdigest()


def code_mac(key: bytes, token_hash: str, code: str) -> str:
    """Codes are kept only as an HMAC bound to their transaction."""
    return hmac.new(key, f"{token_hash}:{code}".encode(), "sha256").hexdigest()


def new_request_id() -> str:
    # Letters only: request IDs appear in mail links, which must hold no 4-digit number.
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(32))


@dataclass(frozen=True)
class Account:
    email: str
    sub: str
    locale: str
    created_at: datetime


@dataclass(frozen=True)
class AuthRequest:
    id: str
    client_id: str | None
    redirect_uri: str | None
    state: str | None
    nonce: str | None
    code_challenge: str | None
    lang: str
    intent: str


class Store:
    """Typed access to the sign-in service's SQLite file."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

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
    def save_request(self, request: AuthRequest) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO auth_requests (id, client_id, redirect_uri, state, nonce,"
                " code_challenge, lang, intent, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    request.id,
                    request.client_id,
                    request.redirect_uri,
                    request.state,
                    request.nonce,
                    request.code_challenge,
                    request.lang,
                    request.intent,
                    self.clock.now(conn).isoformat(),
                ),
            )

    def request(self, request_id: str) -> AuthRequest | None:
        if not request_id:
            return None
        with self.db.transaction() as conn:
            row = conn.execute("SELECT * FROM auth_requests WHERE id = ?", (request_id,)).fetchone()
        if row is None:
            return None
        return AuthRequest(
            row["id"],
            row["client_id"],
            row["redirect_uri"],
            row["state"],
            row["nonce"],
            row["code_challenge"],
            row["lang"],
            row["intent"],
        )

    # SSO sessions -----------------------------------------------------------------
    def start_session(self, email: str, previous_token: str | None) -> str:
        """A fresh 256-bit session token; the browser's earlier session (if any) ends."""
        token = secrets.token_urlsafe(32)
        with self.db.transaction() as conn:
            if previous_token:
                conn.execute("DELETE FROM sessions WHERE token_hash = ?", (digest(previous_token),))
            conn.execute(
                "INSERT INTO sessions (token_hash, email, created_at) VALUES (?, ?, ?)",
                (digest(token), email, self.clock.now(conn).isoformat()),
            )
        return token

    def session_email(self, token: str | None) -> str | None:
        if not token:
            return None
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT email FROM sessions WHERE token_hash = ?", (digest(token),)
            ).fetchone()
        return str(row["email"]) if row else None

    def end_session(self, token: str | None) -> str | None:
        """Delete the session row; returns the address it belonged to."""
        email = self.session_email(token)
        if token:
            with self.db.transaction() as conn:
                conn.execute("DELETE FROM sessions WHERE token_hash = ?", (digest(token),))
        return email

    # OIDC authorization codes and access tokens ---------------------------------------
    def issue_code(self, request: AuthRequest, email: str) -> str:
        code = secrets.token_urlsafe(32)
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO auth_codes (code_hash, client_id, redirect_uri, nonce,"
                " code_challenge, email, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    digest(code),
                    request.client_id,
                    request.redirect_uri,
                    request.nonce,
                    request.code_challenge,
                    email,
                    self.clock.now(conn).isoformat(),
                ),
            )
        return code

    def spend_code(self, code: str) -> sqlite3.Row | None:
        """Return the code's row and mark it used; a replay revokes tokens issued from it."""
        code_hash = digest(code)
        with self.db.transaction() as conn:
            row: sqlite3.Row | None = conn.execute(
                "SELECT * FROM auth_codes WHERE code_hash = ?", (code_hash,)
            ).fetchone()
            if row is None:
                return None
            if row["used"]:
                conn.execute(
                    "UPDATE access_tokens SET revoked = 1 WHERE code_hash = ?", (code_hash,)
                )
                return row
            conn.execute("UPDATE auth_codes SET used = 1 WHERE code_hash = ?", (code_hash,))
        return row

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
