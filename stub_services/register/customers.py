"""Customer rows inside a transaction: create one with a fresh card, find one, forget one."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime

from stub_services.register.cards import new_card_number

PERSON = "person"
BUSINESS = "business"
# A household member made by accepting an invitation: a name and a card, no identity code.
MEMBER = "member"


@dataclass(frozen=True)
class Customer:
    customer_id: str
    kind: str
    name: str
    card_number: str
    hetu: str | None


_COLUMNS = "customer_id, kind, name, card_number, hetu"


def _customer(row: sqlite3.Row | None) -> Customer | None:
    if row is None:
        return None
    return Customer(row["customer_id"], row["kind"], row["name"], row["card_number"], row["hetu"])


def insert_customer(
    conn: sqlite3.Connection,
    now: datetime,
    kind: str,
    name: str,
    *,
    hetu: str | None = None,
    business_id: str | None = None,
) -> Customer:
    """A new customer with a card number no other customer has."""
    number = new_card_number()
    while conn.execute("SELECT 1 FROM customers WHERE card_number = ?", (number,)).fetchone():
        number = new_card_number()
    customer = Customer(uuid.uuid4().hex, kind, name, number, hetu)
    conn.execute(
        "INSERT INTO customers (customer_id, kind, hetu, business_id, name, card_number,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (customer.customer_id, kind, hetu, business_id, name, number, now.isoformat()),
    )
    return customer


def by_card(conn: sqlite3.Connection, card_number: str) -> Customer | None:
    return _customer(
        conn.execute(
            f"SELECT {_COLUMNS} FROM customers WHERE card_number = ?",  # noqa: S608
            (card_number,),
        ).fetchone()
    )


def by_hetu(conn: sqlite3.Connection, hetu: str) -> Customer | None:
    return _customer(
        conn.execute(
            f"SELECT {_COLUMNS} FROM customers WHERE hetu = ?",  # noqa: S608
            (hetu,),
        ).fetchone()
    )


def of_login(conn: sqlite3.Connection, s_login: str) -> Customer | None:
    """The customer whose card is linked to an S-login (the latest link, should there be
    several)."""
    row = conn.execute(
        "SELECT card_number FROM links WHERE s_login = ? ORDER BY linked_at DESC LIMIT 1",
        (s_login,),
    ).fetchone()
    return by_card(conn, row["card_number"]) if row else None


def forget(conn: sqlite3.Connection, customer: Customer) -> None:
    """Delete a customer and everything that hangs on it (link, coupons, purchases)."""
    conn.execute("DELETE FROM links WHERE card_number = ?", (customer.card_number,))
    for table in ("authorised_persons", "coupons", "purchases", "household_members"):
        conn.execute(
            f"DELETE FROM {table} WHERE customer_id = ?",  # noqa: S608 - fixed table names
            (customer.customer_id,),
        )
    conn.execute("DELETE FROM customers WHERE customer_id = ?", (customer.customer_id,))
