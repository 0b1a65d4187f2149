"""Purchases made with a card, once per (shop, order_ref), and the household's Bonus months."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from stub_services.common.clock import Clock
from stub_services.common.db import Database
from stub_services.register import customers, households
from stub_services.register.bonus import BonusTable, MonthSummary
from stub_services.register.customers import Customer


@dataclass(frozen=True)
class Purchase:
    shop: str
    order_ref: str
    amount_cents: int
    owner_saving_cents: int
    purchased_on: date


class Purchases:
    def __init__(self, db: Database, clock: Clock, table: BonusTable) -> None:
        self.db = db
        self.clock = clock
        self.table = table

    def _insert(self, conn: sqlite3.Connection, customer: Customer, purchase: Purchase) -> bool:
        # Idempotent by (shop, order_ref): a shop may report an order again (a retry after a
        # timeout) without it counting twice; the first report wins.
        cursor = conn.execute(
            "INSERT INTO purchases (shop, order_ref, customer_id, card_number, amount_cents,"
            " owner_saving_cents, purchased_on, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (shop, order_ref) DO NOTHING",
            (
                purchase.shop,
                purchase.order_ref,
                customer.customer_id,
                customer.card_number,
                purchase.amount_cents,
                purchase.owner_saving_cents,
                purchase.purchased_on.isoformat(),
                self.clock.now(conn).isoformat(),
            ),
        )
        return cursor.rowcount == 1

    def record(self, customer: Customer, purchase: Purchase) -> bool:
        """Store a purchase made with the customer's card; False when already recorded."""
        with self.db.transaction() as conn:
            return self._insert(conn, customer, purchase)

    def record_for_login(self, s_login: str, purchase: Purchase) -> bool | None:
        """Store a purchase on the card linked to `s_login`: None when there is no card,
        else whether it was new."""
        with self.db.transaction() as conn:
            customer = customers.of_login(conn, s_login)
            if customer is None:
                return None
            return self._insert(conn, customer, purchase)

    def bonus_months(self, s_login: str) -> list[MonthSummary]:
        """The household's months, newest first; none without a linked card."""
        with self.db.transaction() as conn:
            customer = customers.of_login(conn, s_login)
            if customer is None:
                return []
            # A household's purchases count together; a business card's count alone.
            household_id = households.ensure_household(conn, customer, self.clock.now(conn))
            rows = conn.execute(
                "SELECT purchased_on, amount_cents, owner_saving_cents FROM purchases"
                " WHERE customer_id = ? OR customer_id IN"
                " (SELECT customer_id FROM household_members WHERE household_id = ?)",
                (customer.customer_id, household_id),
            ).fetchall()
        return self.table.months(
            (date.fromisoformat(r["purchased_on"]), r["amount_cents"], r["owner_saving_cents"])
            for r in rows
        )
