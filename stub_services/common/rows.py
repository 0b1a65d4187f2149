"""Typed rows: a store's dataclasses to and from SQLite rows, by column name."""

from __future__ import annotations

import sqlite3
from dataclasses import fields
from enum import Enum
from typing import Any


def row_values(row: sqlite3.Row, cls: type, **converted: Any) -> dict[str, Any]:
    """The row's values of the dataclass `cls`'s fields, by name; `converted` replaces the
    ones that need more than the stored value (enums, times, booleans)."""
    return {**{field.name: row[field.name] for field in fields(cls)}, **converted}


def insert(conn: sqlite3.Connection, table: str, **values: object) -> None:
    """INSERT one row; enums are stored by value. `table` and the names are code's own."""
    names = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    stored = tuple(v.value if isinstance(v, Enum) else v for v in values.values())
    conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', stored)  # noqa: S608
