"""Coupons targeted at a customer: EAN-13 codes, welcome coupons, single-use redemption."""

from __future__ import annotations

import dataclasses
import secrets
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

from stub_services.common.clock import Clock, parse_time
from stub_services.common.db import Database
from stub_services.register import customers

VALID_DAYS = 30
# GS1 prefix 99 is set aside for coupons, so a code never collides with a product's.
EAN_PREFIX = "99"
WELCOME = (
    ("Välkommen som ägarkund", "5 € rabatt på ett köp över 30 € i Prisma."),
    ("Kaffe till ägarkundspris", "Kaffe 500 g för 3,99 € i S-market och Prisma."),
)
_WELCOME = "welcome"
_TARGETED = "targeted"


def ean13_check_digit(first_twelve: str) -> int:
    """Weights 1 and 3 alternate from the left; the check digit tops the sum up to a ten."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first_twelve))
    return (10 - total % 10) % 10


def is_valid_ean13(code: str) -> bool:
    return len(code) == 13 and code.isdigit() and ean13_check_digit(code[:12]) == int(code[12])


def new_ean13() -> str:
    body = EAN_PREFIX + "".join(str(secrets.randbelow(10)) for _ in range(12 - len(EAN_PREFIX)))
    return body + str(ean13_check_digit(body))


@dataclass(frozen=True)
class CouponRecord:
    coupon_id: str
    title: str
    description: str
    ean13: str
    valid_until: date
    redeemed_at: datetime | None


class Redeemed(Enum):
    DONE = "done"
    NOT_FOUND = "not_found"
    ALREADY_USED = "already_used"


_COLUMNS = "coupon_id, title, description, ean13, valid_until, redeemed_at"


def _record(row: sqlite3.Row) -> CouponRecord:
    redeemed = row["redeemed_at"]
    return CouponRecord(
        row["coupon_id"],
        row["title"],
        row["description"],
        row["ean13"],
        date.fromisoformat(row["valid_until"]),
        parse_time(redeemed) if redeemed else None,
    )


def issue(
    conn: sqlite3.Connection,
    customer_id: str,
    title: str,
    description: str,
    now: datetime,
    origin: str = _TARGETED,
) -> CouponRecord:
    """A new coupon for a customer, with a unique EAN-13, valid 30 days from today."""
    code = new_ean13()
    while conn.execute("SELECT 1 FROM coupons WHERE ean13 = ?", (code,)).fetchone():
        code = new_ean13()
    record = CouponRecord(
        uuid.uuid4().hex, title, description, code, now.date() + timedelta(VALID_DAYS), None
    )
    conn.execute(
        "INSERT INTO coupons (coupon_id, customer_id, origin, title, description, ean13,"
        " valid_until, issued_at, redeemed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)",
        (
            record.coupon_id,
            customer_id,
            origin,
            title,
            description,
            code,
            record.valid_until.isoformat(),
            now.isoformat(),
        ),
    )
    return record


def welcome(conn: sqlite3.Connection, customer_id: str, now: datetime) -> None:
    """The two welcome coupons, once per customer however often the card is relinked."""
    given = conn.execute(
        "SELECT 1 FROM coupons WHERE customer_id = ? AND origin = ?", (customer_id, _WELCOME)
    ).fetchone()
    if given is None:
        for title, description in WELCOME:
            issue(conn, customer_id, title, description, now, _WELCOME)


class Coupons:
    """Coupons as an S-login's holder sees them."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def add(self, customer: customers.Customer, title: str, description: str) -> CouponRecord:
        with self.db.transaction() as conn:
            return issue(conn, customer.customer_id, title, description, self.clock.now(conn))

    def of_login(self, s_login: str) -> list[CouponRecord]:
        """The coupons of the customer whose card is linked to `s_login`, oldest first."""
        with self.db.transaction() as conn:
            customer = customers.of_login(conn, s_login)
            if customer is None:
                return []
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM coupons WHERE customer_id = ?"  # noqa: S608
                " ORDER BY issued_at, rowid",
                (customer.customer_id,),
            ).fetchall()
        return [_record(row) for row in rows]

    def redeem(self, s_login: str, coupon_id: str) -> tuple[Redeemed, CouponRecord | None]:
        """Use a coupon once; another customer's coupon is not found (never revealed)."""
        with self.db.transaction() as conn:
            customer = customers.of_login(conn, s_login)
            if customer is None:
                return Redeemed.NOT_FOUND, None
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM coupons WHERE coupon_id = ? AND customer_id = ?",  # noqa: S608
                (coupon_id, customer.customer_id),
            ).fetchone()
            if row is None:
                return Redeemed.NOT_FOUND, None
            if row["redeemed_at"] is not None:
                return Redeemed.ALREADY_USED, _record(row)
            now = self.clock.now(conn)
            conn.execute(
                "UPDATE coupons SET redeemed_at = ? WHERE coupon_id = ?",
                (now.isoformat(), coupon_id),
            )
        return Redeemed.DONE, dataclasses.replace(_record(row), redeemed_at=now)
