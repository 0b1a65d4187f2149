"""Shop platform state: pending sign-ins, local sessions, orders and seen logout tokens.

Every row carries the shop it belongs to; a token of one shop is never valid at another."""

from __future__ import annotations

import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from stub_services.common.clock import Clock, parse_time
from stub_services.common.db import Database, take
from stub_services.common.relying_party import RequestSecrets
from stub_services.common.tokens import digest

SCHEMA = """
CREATE TABLE IF NOT EXISTS shop_requests (
    binding_hash TEXT PRIMARY KEY, shop TEXT NOT NULL, purpose TEXT NOT NULL,
    state TEXT NOT NULL, nonce TEXT NOT NULL, verifier TEXT NOT NULL, lang TEXT NOT NULL,
    return_to TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS shop_sessions (
    token_hash TEXT PRIMARY KEY, shop TEXT NOT NULL, sub TEXT NOT NULL, email TEXT NOT NULL,
    sid TEXT NOT NULL, via_sso INTEGER NOT NULL, created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS shop_sessions_sid ON shop_sessions (shop, sid);
CREATE TABLE IF NOT EXISTS shop_handoffs (
    binding_hash TEXT PRIMARY KEY, shop TEXT NOT NULL, token_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS orders (
    id TEXT PRIMARY KEY, shop TEXT NOT NULL, order_key TEXT NOT NULL, sub TEXT NOT NULL,
    email TEXT NOT NULL, product TEXT NOT NULL, lang TEXT NOT NULL,
    amount_cents INTEGER NOT NULL, normal_cents INTEGER NOT NULL,
    saving_cents INTEGER NOT NULL, owner_price INTEGER NOT NULL, report TEXT NOT NULL,
    created_at TEXT NOT NULL, UNIQUE (shop, sub, order_key)
);
CREATE INDEX IF NOT EXISTS orders_email ON orders (email);
CREATE TABLE IF NOT EXISTS shop_id_tokens (
    shop TEXT NOT NULL, sid TEXT NOT NULL, id_token TEXT NOT NULL, PRIMARY KEY (shop, sid)
);
CREATE TABLE IF NOT EXISTS logout_jtis (
    shop TEXT NOT NULL, jti TEXT NOT NULL, seen_at TEXT NOT NULL, PRIMARY KEY (shop, jti)
);
"""

Purpose = Literal["login", "sso"]
# How an order stands with the register: no card at purchase, not yet reported (the
# register was down), recorded, or refused (the card was unlinked meanwhile).
Report = Literal["none", "pending", "recorded", "refused"]

PENDING_LIFETIME = timedelta(minutes=10)
HANDOFF_LIFETIME = timedelta(seconds=60)


@dataclass(frozen=True)
class PendingLogin:
    """An authorization request of one browser: checked by the callback, used once."""

    shop: str
    purpose: Purpose
    secrets: RequestSecrets
    lang: str
    return_to: str


@dataclass(frozen=True)
class ShopSession:
    shop: str
    sub: str
    email: str
    sid: str
    via_sso: bool


@dataclass(frozen=True)
class NewOrder:
    """What the front page's "Köp" asks for; `order_key` makes a resubmitted form harmless."""

    shop: str
    order_key: str
    sub: str
    email: str
    product: str
    lang: str
    amount_cents: int
    normal_cents: int
    owner_price: bool


@dataclass(frozen=True)
class Order(NewOrder):
    """A placed order: what was asked for, its id and saving, and how it stands with the
    register."""

    id: str
    saving_cents: int
    report: Report
    created_at: datetime


def _order(row: sqlite3.Row) -> Order:
    return Order(
        id=row["id"],
        shop=row["shop"],
        order_key=row["order_key"],
        sub=row["sub"],
        email=row["email"],
        product=row["product"],
        lang=row["lang"],
        amount_cents=int(row["amount_cents"]),
        normal_cents=int(row["normal_cents"]),
        saving_cents=int(row["saving_cents"]),
        owner_price=bool(row["owner_price"]),
        report=row["report"],
        created_at=parse_time(row["created_at"]),
    )


def _session(row: sqlite3.Row) -> ShopSession:
    return ShopSession(row["shop"], row["sub"], row["email"], row["sid"], bool(row["via_sso"]))


class Store:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # --- pending authorization requests -------------------------------------------------
    def save_pending(self, pending: PendingLogin) -> str:
        """Store the request and return the binding token for the browser's cookie."""
        return pending.secrets.save(
            self.db,
            self.clock,
            "shop_requests",
            shop=pending.shop,
            purpose=pending.purpose,
            lang=pending.lang,
            return_to=pending.return_to,
        )

    def _take_fresh(
        self, conn: sqlite3.Connection, table: str, lifetime: timedelta, **where: str
    ) -> sqlite3.Row | None:
        """A row bound to a browser, used once and only within its lifetime."""
        row = take(conn, table, where)
        if row is None or self.clock.now(conn) - parse_time(row["created_at"]) > lifetime:
            return None
        return row

    def take_pending(self, binding: str | None, shop: str, purpose: Purpose) -> PendingLogin | None:
        """Return and forget the request: each completes at most once, within 10 minutes."""
        if not binding:
            return None
        with self.db.transaction() as conn:
            row = self._take_fresh(
                conn,
                "shop_requests",
                PENDING_LIFETIME,
                binding_hash=digest(binding),
                shop=shop,
                purpose=purpose,
            )
        if row is None:
            return None
        request = RequestSecrets.of_row(row)
        return PendingLogin(row["shop"], row["purpose"], request, row["lang"], row["return_to"])

    # --- local sessions ---------------------------------------------------------------
    def start_session(
        self, fields: ShopSession, previous_token: str | None, handoff_binding: str | None = None
    ) -> str:
        """A new session (ending the browser's earlier one at this shop); returns its token."""
        token = secrets.token_urlsafe(32)
        with self.db.transaction() as conn:
            if previous_token:
                conn.execute(
                    "DELETE FROM shop_sessions WHERE token_hash = ? AND shop = ?",
                    (digest(previous_token), fields.shop),
                )
            conn.execute(
                "INSERT INTO shop_sessions (token_hash, shop, sub, email, sid, via_sso,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    digest(token),
                    fields.shop,
                    fields.sub,
                    fields.email,
                    fields.sid,
                    int(fields.via_sso),
                    self.clock.now(conn).isoformat(),
                ),
            )
            if handoff_binding:
                # The silent check's iframe may not be allowed to set the session cookie
                # (a cross-site redirect chain); its page fetches /sso/finish, which does.
                conn.execute(
                    "INSERT OR REPLACE INTO shop_handoffs (binding_hash, shop, token_hash,"
                    " created_at) VALUES (?, ?, ?, ?)",
                    (
                        digest(handoff_binding),
                        fields.shop,
                        digest(token),
                        self.clock.now(conn).isoformat(),
                    ),
                )
        return token

    def take_handoff(self, binding: str | None, shop: str) -> str | None:
        """Rotate the session started by the silent check to a fresh token, once."""
        if not binding:
            return None
        with self.db.transaction() as conn:
            row = self._take_fresh(
                conn, "shop_handoffs", HANDOFF_LIFETIME, binding_hash=digest(binding), shop=shop
            )
            if row is None:
                return None
            token = secrets.token_urlsafe(32)
            moved = conn.execute(
                "UPDATE shop_sessions SET token_hash = ? WHERE token_hash = ? AND shop = ?",
                (digest(token), row["token_hash"], shop),
            ).rowcount
        return token if moved else None

    def session(self, token: str | None, shop: str) -> ShopSession | None:
        if not token:
            return None
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT * FROM shop_sessions WHERE token_hash = ? AND shop = ?",
                (digest(token), shop),
            ).fetchone()
        return _session(row) if row else None

    def end_session(self, token: str | None, shop: str) -> ShopSession | None:
        found = self.session(token, shop)
        if found is not None and token:
            with self.db.transaction() as conn:
                conn.execute(
                    "DELETE FROM shop_sessions WHERE token_hash = ? AND shop = ?",
                    (digest(token), shop),
                )
        return found

    # The ID token of a sign-in session at a shop (by its sid, which survives the silent
    # check's hand-over): the sign-out sends it as id_token_hint (RP-Initiated Logout 1.0).
    def save_id_token(self, shop: str, sid: str, id_token: str) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO shop_id_tokens (shop, sid, id_token) VALUES (?, ?, ?)",
                (shop, sid, id_token),
            )

    def id_token(self, shop: str, sid: str) -> str | None:
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT id_token FROM shop_id_tokens WHERE shop = ? AND sid = ?", (shop, sid)
            ).fetchone()
        return str(row["id_token"]) if row else None

    def end_sessions(self, shop: str, sid: str, sub: str) -> list[ShopSession]:
        """Back-channel logout: every session of `sid`, or of `sub` when none has that sid."""
        with self.db.transaction() as conn:
            rows = conn.execute(
                "SELECT * FROM shop_sessions WHERE shop = ? AND sid = ?", (shop, sid)
            ).fetchall()
            column, value = "sid", sid
            if not rows:
                rows = conn.execute(
                    "SELECT * FROM shop_sessions WHERE shop = ? AND sub = ?", (shop, sub)
                ).fetchall()
                column, value = "sub", sub
            conn.execute(
                f"DELETE FROM shop_sessions WHERE shop = ? AND {column} = ?",  # noqa: S608 - fixed names
                (shop, value),
            )
        return [_session(row) for row in rows]

    def first_use_of_jti(self, shop: str, jti: str) -> bool:
        """Remember a logout token's id; False when it was seen before (a replay)."""
        with self.db.transaction() as conn:
            try:
                conn.execute(
                    "INSERT INTO logout_jtis (shop, jti, seen_at) VALUES (?, ?, ?)",
                    (shop, jti, self.clock.now(conn).isoformat()),
                )
            except sqlite3.IntegrityError:
                return False
        return True

    # --- orders -------------------------------------------------------------------------
    def place_order(self, new: NewOrder) -> tuple[Order, bool]:
        """The order of this form submission; True when it was made now (not a resubmit)."""
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT * FROM orders WHERE shop = ? AND sub = ? AND order_key = ?",
                (new.shop, new.sub, new.order_key),
            ).fetchone()
            if row is not None:
                return _order(row), False
            order_id = secrets.token_hex(8)
            conn.execute(
                "INSERT INTO orders (id, shop, order_key, sub, email, product, lang, amount_cents,"
                " normal_cents, saving_cents, owner_price, report, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    order_id,
                    new.shop,
                    new.order_key,
                    new.sub,
                    new.email,
                    new.product,
                    new.lang,
                    new.amount_cents,
                    new.normal_cents,
                    new.normal_cents - new.amount_cents,
                    int(new.owner_price),
                    "pending" if new.owner_price else "none",
                    self.clock.now(conn).isoformat(),
                ),
            )
            row = conn.execute("SELECT * FROM orders WHERE id = ?", (order_id,)).fetchone()
        return _order(row), True

    def order(self, order_id: str, shop: str, sub: str) -> Order | None:
        """An order as its buyer sees it: another shop's or another person's is not found."""
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT * FROM orders WHERE id = ? AND shop = ? AND sub = ?",
                (order_id, shop, sub),
            ).fetchone()
        return _order(row) if row else None

    def set_report(self, order_id: str, report: Report) -> None:
        with self.db.transaction() as conn:
            conn.execute("UPDATE orders SET report = ? WHERE id = ?", (report, order_id))

    def orders_of(self, email: str | None) -> list[Order]:
        """Orders of one address (every order when None), oldest first."""
        with self.db.transaction() as conn:
            if email is None:
                rows = conn.execute("SELECT * FROM orders ORDER BY created_at, id").fetchall()
            else:
                rows = conn.execute(
                    "SELECT * FROM orders WHERE email = ? ORDER BY created_at, id",
                    (email.strip().lower(),),
                ).fetchall()
        return [_order(row) for row in rows]
