"""Customer data on "Mina uppgifter" (C05): postal address, stored in the site's SQLite."""

from __future__ import annotations

import re
from dataclasses import dataclass

from stub_services.common.clock import Clock
from stub_services.common.db import Database

SCHEMA = """
CREATE TABLE IF NOT EXISTS customer_data (
    sub TEXT PRIMARY KEY, street TEXT NOT NULL, postal_code TEXT NOT NULL, city TEXT NOT NULL,
    saved_at TEXT NOT NULL
);
"""

FIELDS = ("street", "postal_code", "city")
_POSTAL_CODE = re.compile(r"[0-9]{5}")
_MAX_LENGTH = 200


@dataclass(frozen=True)
class Address:
    street: str
    postal_code: str
    city: str


def validate(street: str, postal_code: str, city: str) -> tuple[Address, dict[str, str]]:
    """The trimmed address and the error label of each field that is not acceptable."""
    address = Address(street.strip(), postal_code.strip(), city.strip())
    errors: dict[str, str] = {}
    for name in FIELDS:
        value = getattr(address, name)
        if not value or len(value) > _MAX_LENGTH:
            errors[name] = "customer.required"
    if "postal_code" not in errors and not _POSTAL_CODE.fullmatch(address.postal_code):
        errors["postal_code"] = "customer.postal_code_invalid"
    return address, errors


class CustomerData:
    """Addresses by S-login `sub`."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def address(self, sub: str) -> Address | None:
        with self.db.transaction() as conn:
            row = conn.execute("SELECT * FROM customer_data WHERE sub = ?", (sub,)).fetchone()
        return Address(row["street"], row["postal_code"], row["city"]) if row else None

    def save(self, sub: str, address: Address) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO customer_data (sub, street, postal_code, city, saved_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    sub,
                    address.street,
                    address.postal_code,
                    address.city,
                    self.clock.now(conn).isoformat(),
                ),
            )
