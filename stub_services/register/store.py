"""Register state: customers, their cards and links, and the schema of every register table."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from enum import Enum

from stub_services.common.clock import Clock
from stub_services.common.db import Database
from stub_services.register import coupons, customers, households
from stub_services.register.customers import Customer

SCHEMA = """
CREATE TABLE IF NOT EXISTS customers (
    customer_id TEXT PRIMARY KEY, kind TEXT NOT NULL, hetu TEXT UNIQUE,
    business_id TEXT UNIQUE, name TEXT NOT NULL, card_number TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS authorised_persons (
    customer_id TEXT NOT NULL, hetu TEXT NOT NULL, PRIMARY KEY (customer_id, hetu)
);
CREATE TABLE IF NOT EXISTS links (
    card_number TEXT PRIMARY KEY, s_login TEXT NOT NULL, linked_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS links_s_login ON links (s_login);
CREATE TABLE IF NOT EXISTS households (
    household_id TEXT PRIMARY KEY, owner_customer_id TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS household_members (
    customer_id TEXT PRIMARY KEY, household_id TEXT NOT NULL, role TEXT NOT NULL,
    joined_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS household_members_household ON household_members (household_id);
CREATE TABLE IF NOT EXISTS purchases (
    shop TEXT NOT NULL, order_ref TEXT NOT NULL, customer_id TEXT NOT NULL,
    card_number TEXT NOT NULL, amount_cents INTEGER NOT NULL,
    owner_saving_cents INTEGER NOT NULL, purchased_on TEXT NOT NULL, recorded_at TEXT NOT NULL,
    PRIMARY KEY (shop, order_ref)
);
CREATE INDEX IF NOT EXISTS purchases_customer ON purchases (customer_id);
CREATE TABLE IF NOT EXISTS coupons (
    coupon_id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, origin TEXT NOT NULL,
    title TEXT NOT NULL, description TEXT NOT NULL, ean13 TEXT NOT NULL UNIQUE,
    valid_until TEXT NOT NULL, issued_at TEXT NOT NULL, redeemed_at TEXT
);
CREATE INDEX IF NOT EXISTS coupons_customer ON coupons (customer_id);
CREATE TABLE IF NOT EXISTS invitations (
    token_hash TEXT PRIMARY KEY, household_id TEXT NOT NULL, inviter_customer_id TEXT NOT NULL,
    email TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL, used_at TEXT,
    used_by TEXT
);
"""


@dataclass(frozen=True)
class Card:
    card_number: str
    customer_id: str


class LinkResult(Enum):
    LINKED = "linked"
    UNKNOWN_CARD = "unknown_card"
    LINKED_TO_OTHER = "linked_to_other"


class Store:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # Seeding ----------------------------------------------------------------------
    def add_person(self, hetu: str, name: str) -> Card:
        """A fresh owner-customer; seeding the same person again replaces the old one."""
        with self.db.transaction() as conn:
            self._drop(conn, "hetu", hetu)
            return self._insert(conn, customers.PERSON, name, hetu=hetu)

    def add_business(self, business_id: str, name: str, authorised_hetu: str) -> Card:
        """A fresh business customer whose card `authorised_hetu` may link."""
        with self.db.transaction() as conn:
            self._drop(conn, "business_id", business_id)
            card = self._insert(conn, customers.BUSINESS, name, business_id=business_id)
            conn.execute(
                "INSERT INTO authorised_persons (customer_id, hetu) VALUES (?, ?)",
                (card.customer_id, authorised_hetu),
            )
            return card

    def _drop(self, conn: sqlite3.Connection, column: str, value: str) -> None:
        # Seeding declares a state: an earlier customer (its card, link, coupons, purchases
        # and the household it heads) goes away, so a scenario never inherits another's.
        row = conn.execute(
            f"SELECT card_number FROM customers WHERE {column} = ?",  # noqa: S608
            (value,),
        ).fetchone()
        earlier = customers.by_card(conn, row["card_number"]) if row else None
        if earlier is not None:
            households.drop_owned(conn, earlier)
            customers.forget(conn, earlier)

    def _insert(
        self,
        conn: sqlite3.Connection,
        kind: str,
        name: str,
        *,
        hetu: str | None = None,
        business_id: str | None = None,
    ) -> Card:
        customer = customers.insert_customer(
            conn, self.clock.now(conn), kind, name, hetu=hetu, business_id=business_id
        )
        return Card(customer.card_number, customer.customer_id)

    # Look-ups ---------------------------------------------------------------------
    def customer(
        self, *, hetu: str | None = None, card_number: str | None = None
    ) -> Customer | None:
        """A customer by personal identity code or by card number."""
        with self.db.transaction() as conn:
            if hetu is not None:
                return customers.by_hetu(conn, hetu)
            return customers.by_card(conn, card_number) if card_number is not None else None

    def person_card(self, hetu: str) -> Card | None:
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT card_number, customer_id FROM customers WHERE hetu = ?", (hetu,)
            ).fetchone()
        return Card(row["card_number"], row["customer_id"]) if row else None

    def business_card(self, business_id: str) -> tuple[Card, frozenset[str]] | None:
        """The business's card and the people who may act for it."""
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT card_number, customer_id FROM customers WHERE business_id = ?",
                (business_id,),
            ).fetchone()
            if row is None:
                return None
            people = conn.execute(
                "SELECT hetu FROM authorised_persons WHERE customer_id = ?", (row["customer_id"],)
            ).fetchall()
        return Card(row["card_number"], row["customer_id"]), frozenset(p["hetu"] for p in people)

    # Links ------------------------------------------------------------------------
    def link(self, card_number: str, s_login: str) -> LinkResult:
        with self.db.transaction() as conn:
            known = conn.execute(
                "SELECT 1 FROM customers WHERE card_number = ?", (card_number,)
            ).fetchone()
            if known is None:
                return LinkResult.UNKNOWN_CARD
            row = conn.execute(
                "SELECT s_login FROM links WHERE card_number = ?", (card_number,)
            ).fetchone()
            if row is not None:
                if row["s_login"] == s_login:
                    return LinkResult.LINKED
                return LinkResult.LINKED_TO_OTHER
            now = self.clock.now(conn)
            conn.execute(
                "INSERT INTO links (card_number, s_login, linked_at) VALUES (?, ?, ?)",
                (card_number, s_login, now.isoformat()),
            )
            customer = customers.by_card(conn, card_number)
            if customer is not None and customer.kind == customers.PERSON:
                # A person's linked card makes them the owner of their own household, and
                # the first link brings the welcome coupons.
                households.ensure_household(conn, customer, now)
                coupons.welcome(conn, customer.customer_id, now)
        return LinkResult.LINKED

    def unlink(self, card_number: str, s_login: str) -> bool | None:
        """True when unlinked, False when there was no link, None when linked to another."""
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT s_login FROM links WHERE card_number = ?", (card_number,)
            ).fetchone()
            if row is None:
                return False
            if row["s_login"] != s_login:
                return None
            conn.execute("DELETE FROM links WHERE card_number = ?", (card_number,))
        return True

    def card_of(self, s_login: str) -> str | None:
        """The card linked to an S-login (the latest, should there be several)."""
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT card_number FROM links WHERE s_login = ? ORDER BY linked_at DESC LIMIT 1",
                (s_login,),
            ).fetchone()
        return str(row["card_number"]) if row else None

    def s_login_of(self, card_number: str) -> str | None:
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT s_login FROM links WHERE card_number = ?", (card_number,)
            ).fetchone()
        return str(row["s_login"]) if row else None
