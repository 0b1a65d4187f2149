"""Rate limits on wrong codes across transactions: per address and per client address.

A code has 10 000 values and allows 5 tries, but asking for a new code is free, so without
a cap across transactions an attacker could keep guessing. Wrong entries are counted in a
sliding 15-minute window, per address typed (email, or the number for text-message
sign-in) and per client address (`request.client.host`, what uvicorn sees). While either
count is at its limit, code checks are refused before the code is compared; refusals are
not counted, so the block ends at most 15 minutes after the last wrong code.

Unknown addresses count exactly like known ones (their transactions hold no code, so every
entry is wrong), so the limit reveals nothing about which addresses have an S-login.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from enum import Enum

from fastapi import Request

SCHEMA = """
CREATE TABLE IF NOT EXISTS code_failures (
    id INTEGER PRIMARY KEY AUTOINCREMENT, subject TEXT NOT NULL, client TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS code_failures_subject ON code_failures (subject, at);
CREATE INDEX IF NOT EXISTS code_failures_client ON code_failures (client, at);
"""

WINDOW = timedelta(minutes=15)
# Two whole codes' worth of tries: a user who fumbles one code and then a new one is not
# blocked, while an attacker gets at most 10 guesses a quarter-hour at one address.
ACCOUNT_LIMIT = 10
# Several people behind one network address (an office, a mobile operator's NAT) may
# fumble at once; one machine trying many addresses is still stopped after 30 guesses.
CLIENT_LIMIT = 30


class Limit(Enum):
    ACCOUNT = "account"
    CLIENT = "client"


def client_address(request: Request) -> str:
    """The peer address as the server sees it (no forwarded headers are trusted)."""
    return request.client.host if request.client is not None else ""


def _since(now: datetime) -> float:
    return (now - WINDOW).timestamp()


def reached(conn: sqlite3.Connection, subject: str, client: str, now: datetime) -> Limit | None:
    """Which limit, if any, refuses another code check for `subject` from `client` now."""
    since = _since(now)
    by_subject = conn.execute(
        "SELECT COUNT(*) FROM code_failures WHERE subject = ? AND at > ?", (subject, since)
    ).fetchone()[0]
    if by_subject >= ACCOUNT_LIMIT:
        return Limit.ACCOUNT
    by_client = conn.execute(
        "SELECT COUNT(*) FROM code_failures WHERE client = ? AND at > ?", (client, since)
    ).fetchone()[0]
    if by_client >= CLIENT_LIMIT:
        return Limit.CLIENT
    return None


def record_failure(conn: sqlite3.Connection, subject: str, client: str, now: datetime) -> None:
    """Count one wrong code; rows older than the window are forgotten on the way."""
    conn.execute("DELETE FROM code_failures WHERE at <= ?", (_since(now),))
    conn.execute(
        "INSERT INTO code_failures (subject, client, at) VALUES (?, ?, ?)",
        (subject, client, now.timestamp()),
    )
