"""Sign-in service state for strong identification: bank transactions, card links, phones."""

from __future__ import annotations

import hmac
import secrets
import sqlite3
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from contract import cookies
from stub_services.common.clock import parse_time
from stub_services.common.rows import insert, row_values
from stub_services.common.tokens import digest
from stub_services.signin.store import Store

SCHEMA = """
CREATE TABLE IF NOT EXISTS bank_tx (
    binding_hash TEXT PRIMARY KEY, purpose TEXT NOT NULL, state TEXT NOT NULL,
    nonce TEXT NOT NULL, verifier TEXT NOT NULL, lang TEXT NOT NULL, request_id TEXT NOT NULL,
    return_url TEXT NOT NULL, email TEXT, kind TEXT NOT NULL, business_id TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS card_links (
    email TEXT PRIMARY KEY, card_number TEXT NOT NULL, kind TEXT NOT NULL,
    hetu_mac TEXT NOT NULL, linked_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS card_links_hetu ON card_links (hetu_mac);
CREATE TABLE IF NOT EXISTS phones (
    email TEXT PRIMARY KEY, phone TEXT NOT NULL UNIQUE, confirmed_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS after_sign_in (request_id TEXT PRIMARY KEY, target TEXT NOT NULL);
"""

BANK_TX_COOKIE = cookies.BANK_TX
BANK_TX_TTL = timedelta(minutes=10)


class BankPurpose(StrEnum):
    """Why the browser went to the bank: to link a card, or to sign in with bank codes."""

    LINK = "link"
    LOGIN = "login"


@dataclass(frozen=True, kw_only=True)
class BankTx:
    """One trip to the broker, kept server-side; the browser holds only a random binding."""

    purpose: BankPurpose
    state: str
    nonce: str
    verifier: str
    lang: str
    request_id: str = ""
    return_url: str = ""
    email: str | None = None
    kind: str = "person"
    business_id: str = ""


@dataclass(frozen=True)
class CardLink:
    email: str
    card_number: str
    kind: str
    linked_at: datetime


class IdentityStore:
    """Typed access to the identification tables (in the sign-in service's SQLite file)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.db = store.db

    # Bank transactions ----------------------------------------------------------
    def save_bank_tx(self, tx: BankTx) -> str:
        binding = secrets.token_urlsafe(32)
        with self.db.transaction() as conn:
            created_at = self._store.clock.now(conn).isoformat()
            values = asdict(tx)
            insert(conn, "bank_tx", binding_hash=digest(binding), **values, created_at=created_at)
        return binding

    def take_bank_tx(self, binding: str | None) -> BankTx | None:
        """Return and forget the transaction: a callback completes each one at most once."""
        if not binding:
            return None
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT * FROM bank_tx WHERE binding_hash = ?", (digest(binding),)
            ).fetchone()
            conn.execute("DELETE FROM bank_tx WHERE binding_hash = ?", (digest(binding),))
            now = self._store.clock.now(conn)
        if row is None or now - parse_time(row["created_at"]) > BANK_TX_TTL:
            return None
        return BankTx(**row_values(row, BankTx, purpose=BankPurpose(row["purpose"])))

    # Card links --------------------------------------------------------------------
    def hetu_mac(self, hetu: str) -> str:
        """Identity codes are kept only as a keyed hash: enough to find the link again."""
        return hmac.new(self._store.code_key(), f"hetu:{hetu}".encode(), "sha256").hexdigest()

    def save_link(self, email: str, card_number: str, kind: str, hetu: str) -> None:
        mac = self.hetu_mac(hetu)
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO card_links (email, card_number, kind, hetu_mac, linked_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (email, card_number, kind, mac, self._store.clock.now(conn).isoformat()),
            )

    def link_of(self, email: str) -> CardLink | None:
        with self.db.transaction() as conn:
            row = conn.execute("SELECT * FROM card_links WHERE email = ?", (email,)).fetchone()
        return _link(row)

    def link_by_hetu(self, hetu: str) -> CardLink | None:
        mac = self.hetu_mac(hetu)
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT * FROM card_links WHERE hetu_mac = ? ORDER BY linked_at DESC LIMIT 1",
                (mac,),
            ).fetchone()
        return _link(row)

    # Phones ---------------------------------------------------------------------------
    def confirm_phone(self, email: str, phone: str) -> None:
        """The latest confirmation wins: a number signs in to one S-login only."""
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM phones WHERE phone = ? AND email != ?", (phone, email))
            conn.execute(
                "INSERT OR REPLACE INTO phones (email, phone, confirmed_at) VALUES (?, ?, ?)",
                (email, phone, self._store.clock.now(conn).isoformat()),
            )

    def phone_of(self, email: str) -> str | None:
        with self.db.transaction() as conn:
            row = conn.execute("SELECT phone FROM phones WHERE email = ?", (email,)).fetchone()
        return str(row["phone"]) if row else None

    def account_of_phone(self, phone: str) -> str | None:
        with self.db.transaction() as conn:
            row = conn.execute("SELECT email FROM phones WHERE phone = ?", (phone,)).fetchone()
        return str(row["email"]) if row else None

    # Where a flow continues once the user has signed in ----------------------------
    def set_after_sign_in(self, request_id: str, target: str) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO after_sign_in (request_id, target) VALUES (?, ?)",
                (request_id, target),
            )

    def after_sign_in(self, request_id: str) -> str | None:
        if not request_id:
            return None
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT target FROM after_sign_in WHERE request_id = ?", (request_id,)
            ).fetchone()
        return str(row["target"]) if row else None


def _link(row: sqlite3.Row | None) -> CardLink | None:
    if row is None:
        return None
    return CardLink(**row_values(row, CardLink, linked_at=parse_time(row["linked_at"])))
