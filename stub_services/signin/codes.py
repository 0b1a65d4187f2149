"""Code transactions: 4-digit codes by email or text, HMAC-stored, single use, 10 min, 5 tries.

Besides signing in, they confirm a phone number or a new email address of an S-login. Wrong
codes are also limited across transactions, per address and per client (`limits`).
"""

from __future__ import annotations

import hmac
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from contract import cookies
from stub_services.common.clock import parse_time
from stub_services.common.events import EventLog
from stub_services.common.i18n import Lang, as_lang
from stub_services.common.rows import row_values
from stub_services.common.tokens import digest
from stub_services.signin import limits
from stub_services.signin.intents import SIGN_IN_INTENTS, Intent
from stub_services.signin.store import Store, code_mac

TX_COOKIE = cookies.LOGIN_TX
CODE_TTL = timedelta(minutes=10)
RESEND_COOLDOWN = timedelta(seconds=30)
MAX_ATTEMPTS = 5
# A transaction with where its code went: a phone number or a new email address, if any.
_SELECT_TX = (
    "SELECT t.*, p.phone, n.new_email FROM login_tx t"
    " LEFT JOIN login_tx_phone p ON p.token_hash = t.token_hash"
    " LEFT JOIN login_tx_new_email n ON n.token_hash = t.token_hash"
)


class MailKind(Enum):
    CODE = "code"
    NO_ACCOUNT = "no_account"
    ADDRESS_IN_USE = "address_in_use"  # an email change to another S-login's address


@dataclass(frozen=True)
class Started:
    """Outcome of submitting an address: the cookie value and the mail to send, if any."""

    token: str
    mail: MailKind | None
    code: str


class Outcome(Enum):
    NO_TRANSACTION = "no_transaction"
    WRONG = "wrong"
    LOCKED = "locked"
    EXPIRED = "expired"
    USED = "used"
    RATE_LIMITED = "rate_limited"  # too many wrong codes for this address or client
    OK = "ok"


@dataclass(frozen=True)
class Checked:
    outcome: Outcome
    email: str | None = None
    intent: Intent | None = None
    lang: Lang | None = None
    request_id: str | None = None
    phone: str | None = None
    new_email: str | None = None


def new_code() -> str:
    """Four digits from the operating system's CSPRNG (`secrets`), never `random`."""
    return f"{secrets.randbelow(10_000):04d}"


@dataclass(frozen=True)
class Transaction:
    """One row of `login_tx`, with where its code went: a phone number or a new address."""

    token_hash: str
    request_id: str
    email: str  # "" for a text message to a number that belongs to no S-login
    intent: Intent
    lang: Lang
    code_mac: str | None
    issued_at: datetime
    attempts: int
    status: str  # active, used or locked
    phone: str | None
    new_email: str | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Transaction:
        return cls(
            **row_values(
                row,
                cls,
                email=row["email"] or "",
                intent=Intent(row["intent"]),
                lang=as_lang(row["lang"]),
                issued_at=parse_time(row["issued_at"]),
                attempts=int(row["attempts"]),
            )
        )

    def limit_subject(self) -> str:
        """Whose wrong codes these are: the account (one budget across email and text
        messages), else the number typed for an unknown one."""
        return self.email or f"phone:{self.phone}"


def send_recipient(address: str, intent: Intent, phone: str | None, new_email: str | None) -> str:
    """What a send counts against: a sign-in code against the account (`address`, also for
    a text to its confirmed number), so email and text messages share one budget; a code to
    confirm a new address or number against that address or number; an unknown number
    against itself."""
    if new_email is not None:
        return new_email
    if phone is not None and not (address and intent in SIGN_IN_INTENTS):
        return f"phone:{phone}"
    return address


def _transaction(conn: sqlite3.Connection, where: str, token_hash: str) -> Transaction | None:
    row = conn.execute(f"{_SELECT_TX} WHERE {where}", (token_hash,)).fetchone()
    return None if row is None else Transaction.from_row(row)


class Codes:
    """Creates and checks login transactions; the browser holds only a random token."""

    def __init__(
        self, store: Store, events: EventLog, client_send_limit: int = limits.CLIENT_SEND_LIMIT
    ) -> None:
        self._store = store
        self._events = events
        self._client_send_limit = client_send_limit

    def start(
        self,
        previous_token: str | None,
        request_id: str,
        email: str,
        intent: Intent,
        lang: Lang,
        *,
        client: str,
    ) -> Started:
        """Create a transaction, or reuse the browser's own within the resend cool-down.
        `client` is the browser's network address, for the per-client send cap."""
        return self._start(previous_token, request_id, email, intent, lang, None, client=client)

    def start_phone(
        self,
        previous_token: str | None,
        request_id: str,
        email: str | None,
        phone: str,
        intent: Intent,
        lang: Lang,
        *,
        client: str,
    ) -> Started:
        """A transaction whose code goes by text message to `phone`.

        `email` is the account the code belongs to; None (an unknown or unconfirmed number)
        still creates a transaction, so the browser sees the same thing, but no code.
        """
        return self._start(previous_token, request_id, email, intent, lang, phone, client=client)

    def start_email_change(
        self,
        previous_token: str | None,
        email: str,
        new_email: str,
        intent: Intent,
        lang: Lang,
        *,
        client: str,
    ) -> Started:
        """A transaction whose code goes by email to `new_email`, for the account `email`.

        When `new_email` already belongs to an S-login, the transaction exists all the same
        (the browser sees the same thing) but holds no code: that address is only told.
        """
        return self._start(previous_token, "", email, intent, lang, None, new_email, client=client)

    def _start(
        self,
        previous_token: str | None,
        request_id: str,
        email: str | None,
        intent: Intent,
        lang: Lang,
        phone: str | None,
        new_email: str | None = None,
        *,
        client: str,
    ) -> Started:
        now = self._store.clock.now()
        code = new_code()  # always drawn, so known and unknown addresses cost the same
        key = self._store.code_key()
        address = email or ""
        with self._store.db.transaction() as conn:
            if previous_token:
                old = _transaction(
                    conn, "t.token_hash = ? AND t.status = 'active'", digest(previous_token)
                )
                if (
                    old is not None
                    and (old.email, old.request_id, old.intent, old.phone, old.new_email)
                    == (address, request_id, intent, phone, new_email)
                    and now - old.issued_at < RESEND_COOLDOWN
                ):
                    self._events.record(
                        "code_resend_suppressed", email or None, conn, intent=intent
                    )
                    return Started(previous_token, None, "")
            if new_email is not None:
                taken = self._store.account(new_email, conn) is not None
                kind = MailKind.ADDRESS_IN_USE if taken else MailKind.CODE
            elif phone is None:
                known = self._store.account(address, conn) is not None
                kind = MailKind.CODE if known or intent is Intent.CREATE else MailKind.NO_ACCOUNT
            else:
                kind = MailKind.CODE if email else MailKind.NO_ACCOUNT
            recipient = send_recipient(address, intent, phone, new_email)
            capped = limits.take_send(conn, recipient, client, now, self._client_send_limit)
            if capped is not None:
                # The same answer as a send (a transaction, the code page); no code exists.
                self._events.record("code_send_capped", email or None, conn, limit=capped.value)
            token = secrets.token_urlsafe(32)
            token_hash = digest(token)
            # Computed either way (same work, same timing); stored only if a code was sent.
            mac: str | None = code_mac(key, token_hash, code)
            if kind is not MailKind.CODE or capped is not None:
                mac = None
            conn.execute(
                "INSERT INTO login_tx (token_hash, request_id, email, intent, lang, code_mac,"
                " issued_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'active')",
                (token_hash, request_id, address, intent, lang, mac, now.isoformat()),
            )
            if phone is not None:
                conn.execute(
                    "INSERT INTO login_tx_phone (token_hash, phone) VALUES (?, ?)",
                    (token_hash, phone),
                )
            if new_email is not None:
                conn.execute(
                    "INSERT INTO login_tx_new_email (token_hash, new_email) VALUES (?, ?)",
                    (token_hash, new_email),
                )
        if capped is not None or (phone is not None and kind is MailKind.NO_ACCOUNT):
            return Started(token, None, "")  # nothing is sent: capped, or an unknown number
        return Started(token, kind, code if kind is MailKind.CODE else "")

    def discard(self, token: str) -> None:
        """Forget a transaction whose mail or text message could not be sent."""
        with self._store.db.transaction() as conn:
            conn.execute("DELETE FROM login_tx WHERE token_hash = ?", (digest(token),))
            conn.execute("DELETE FROM login_tx_phone WHERE token_hash = ?", (digest(token),))
            conn.execute("DELETE FROM login_tx_new_email WHERE token_hash = ?", (digest(token),))

    def email_of_request(self, request_id: str) -> str | None:
        """The address last submitted in an authorization request (for the event log)."""
        if not request_id:
            return None
        with self._store.db.transaction() as conn:
            row = conn.execute(
                "SELECT email FROM login_tx WHERE request_id = ? ORDER BY rowid DESC LIMIT 1",
                (request_id,),
            ).fetchone()
        return str(row["email"]) if row else None

    def check(
        self,
        token: str | None,
        code: str,
        intents: frozenset[Intent] = SIGN_IN_INTENTS,
        *,
        client: str,
    ) -> Checked:
        """Apply the code rules to one submitted code; spends the code on success.

        A transaction of another purpose than `intents` counts as no transaction at all.
        `client` is the browser's network address, for the per-client limit.
        """
        if not token:
            return Checked(Outcome.NO_TRANSACTION)
        token_hash = digest(token)
        now = self._store.clock.now()
        key = self._store.code_key()
        with self._store.db.transaction() as conn:
            tx = _transaction(conn, "t.token_hash = ?", token_hash)
            if tx is None or tx.intent not in intents:
                return Checked(Outcome.NO_TRANSACTION)
            email = tx.email or None

            def result(outcome: Outcome) -> Checked:
                return Checked(
                    outcome, email, tx.intent, tx.lang, tx.request_id, tx.phone, tx.new_email
                )

            if tx.status == "used":
                self._events.record("code_rejected", email, conn, reason="already_used")
                return result(Outcome.USED)
            if tx.status == "locked":
                self._events.record("code_rejected", email, conn, reason="locked")
                return result(Outcome.LOCKED)
            if now - tx.issued_at > CODE_TTL:
                self._events.record("code_expired", email, conn)
                return result(Outcome.EXPIRED)
            subject = tx.limit_subject()
            limit = limits.reached(conn, client, now)
            if limit is not None:
                # Refused before comparing, so a blocked guess learns nothing.
                self._events.record("code_rate_limited", email, conn, limit=limit.value)
                return result(Outcome.RATE_LIMITED)
            given = code_mac(key, token_hash, code.strip())
            if tx.code_mac is not None and hmac.compare_digest(tx.code_mac, given):
                conn.execute(
                    "UPDATE login_tx SET status = 'used' WHERE token_hash = ?", (token_hash,)
                )
                return result(Outcome.OK)
            limits.record_failure(conn, subject, client, now)
            attempts = tx.attempts + 1
            locked = attempts >= MAX_ATTEMPTS
            conn.execute(
                "UPDATE login_tx SET attempts = ?, status = ? WHERE token_hash = ?",
                (attempts, "locked" if locked else "active", token_hash),
            )
            if locked:
                self._events.record("code_locked", email, conn, attempts=attempts)
                return result(Outcome.LOCKED)
            self._events.record("code_rejected", email, conn, reason="wrong", attempts=attempts)
            return result(Outcome.WRONG)

    def transaction(self, token: str | None) -> Transaction | None:
        """The browser's transaction in any state (the pages name where its code went)."""
        if not token:
            return None
        with self._store.db.transaction() as conn:
            return _transaction(conn, "t.token_hash = ?", digest(token))
