"""Gateway state: the messages received and the fault switch."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from stub_services.common.clock import Clock
from stub_services.common.db import Database

SCHEMA = """
CREATE TABLE IF NOT EXISTS messages (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, recipient TEXT NOT NULL,
    sender TEXT NOT NULL, text TEXT NOT NULL, received_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_recipient ON messages (recipient);
CREATE TABLE IF NOT EXISTS switches (name TEXT PRIMARY KEY, is_on INTEGER NOT NULL);
"""


@dataclass(frozen=True)
class Received:
    """One text message as the gateway received it."""

    id: str
    to: str
    sender: str
    text: str
    received_at: str  # ISO 8601 on the gateway's clock, as the read API gives it


class Store:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def is_down(self) -> bool:
        with self.db.transaction() as conn:
            row = conn.execute("SELECT is_on FROM switches WHERE name = 'down'").fetchone()
        return bool(row and row["is_on"])

    def set_down(self, down: bool) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO switches (name, is_on) VALUES ('down', ?) "
                "ON CONFLICT (name) DO UPDATE SET is_on = excluded.is_on",
                (int(down),),
            )

    def add(self, to: str, sender: str, text: str) -> str:
        message_id = uuid.uuid4().hex
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO messages (id, recipient, sender, text, received_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (message_id, to, sender, text, self.clock.now(conn).isoformat()),
            )
        return message_id

    def messages(self, to: str | None) -> list[Received]:
        """Messages to exactly `to` (all when None), oldest first."""
        with self.db.transaction() as conn:
            if to is None:
                rows = conn.execute("SELECT * FROM messages ORDER BY seq").fetchall()
            else:
                rows = conn.execute(
                    "SELECT * FROM messages WHERE recipient = ? ORDER BY seq", (to,)
                ).fetchall()
        return [
            Received(r["id"], r["recipient"], r["sender"], r["text"], r["received_at"])
            for r in rows
        ]
