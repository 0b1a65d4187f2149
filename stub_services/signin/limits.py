"""Rate limits of the code flows: codes sent, and wrong codes entered.

A code has 10 000 values and allows 5 tries (`codes.MAX_ATTEMPTS`). What bounds an
attacker's guesses at one S-login is how many codes it can be sent: every guessable
transaction needs a code that went to the owner. So the one guess budget of an account is
its **send cap** times 5 tries, across email and text messages alike (a text-message
sign-in counts against the account that owns the number):

- at most SEND_LIMIT_WINDOW codes a recipient (an account; else the address or number
  typed) in 15 minutes, and SEND_LIMIT_DAY a day, whoever asks: one client cannot flood
  an inbox or a phone, and at most 10 x 5 = 50 guesses a day reach one account (0.5 %);
- at most CLIENT_SEND_LIMIT sends an hour from one client address, whatever the recipient
  (SIGNIN_CLIENT_SEND_LIMIT; a stub world started by stub_services.world turns it off,
  because every browser of a test run reaches it from one address).

A capped request gets exactly the answer of one that was sent (the code page, a
transaction cookie), and only the event log says it was capped, so caps tell nobody which
addresses have an S-login.

Wrong codes are still counted per client address (`request.client.host`, what uvicorn
sees): while a client has CLIENT_LIMIT wrong codes in 15 minutes, its code checks are
refused before the code is compared. There is deliberately no per-address failure limit
checked before the comparison any more: anyone could use it to lock the owner out (a dozen
wrong guesses made her own correct code fail for 15 minutes). The send cap bounds the
guesses instead, and a correct code from the owner's own transaction always passes.

Unknown addresses count exactly like known ones, so no limit reveals which exist.
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
CREATE TABLE IF NOT EXISTS code_sends (
    id INTEGER PRIMARY KEY AUTOINCREMENT, recipient TEXT NOT NULL, client TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS code_sends_recipient ON code_sends (recipient, at);
CREATE INDEX IF NOT EXISTS code_sends_client ON code_sends (client, at);
"""

WINDOW = timedelta(minutes=15)
SEND_WINDOW = timedelta(minutes=15)
SEND_DAY = timedelta(days=1)
# A customer who asks again because a mail is slow is served; a flood is not.
SEND_LIMIT_WINDOW = 5
SEND_LIMIT_DAY = 10
# Many customers may share one network address (an office, a mobile operator's NAT).
CLIENT_SEND_LIMIT = 300
CLIENT_SEND_WINDOW = timedelta(hours=1)
# Several people behind one network address (an office, a mobile operator's NAT) may
# fumble at once; one machine trying many addresses is still stopped after 30 guesses.
CLIENT_LIMIT = 30


class Limit(Enum):
    CLIENT = "client"
    RECIPIENT = "recipient"
    RECIPIENT_DAY = "recipient_day"
    CLIENT_SENDS = "client_sends"


def client_address(request: Request) -> str:
    """The peer address as the server sees it (no forwarded headers are trusted)."""
    return request.client.host if request.client is not None else ""


def _since(now: datetime) -> float:
    return (now - WINDOW).timestamp()


def reached(conn: sqlite3.Connection, client: str, now: datetime) -> Limit | None:
    """Which limit, if any, refuses another code check from `client` now."""
    by_client = conn.execute(
        "SELECT COUNT(*) FROM code_failures WHERE client = ? AND at > ?", (client, _since(now))
    ).fetchone()[0]
    return Limit.CLIENT if by_client >= CLIENT_LIMIT else None


def _count(conn: sqlite3.Connection, column: str, value: str, since: datetime) -> int:
    count: int = conn.execute(
        f"SELECT COUNT(*) FROM code_sends WHERE {column} = ? AND at > ?",  # noqa: S608 - own names
        (value, since.timestamp()),
    ).fetchone()[0]
    return count


def take_send(
    conn: sqlite3.Connection,
    recipient: str,
    client: str,
    now: datetime,
    client_limit: int = CLIENT_SEND_LIMIT,
) -> Limit | None:
    """Count one code sent to `recipient` for `client`, or the cap that refuses it
    (`client_limit` sends an hour from one client; 0 for no per-client cap)."""
    conn.execute("DELETE FROM code_sends WHERE at <= ?", ((now - SEND_DAY).timestamp(),))
    if _count(conn, "recipient", recipient, now - SEND_WINDOW) >= SEND_LIMIT_WINDOW:
        return Limit.RECIPIENT
    if _count(conn, "recipient", recipient, now - SEND_DAY) >= SEND_LIMIT_DAY:
        return Limit.RECIPIENT_DAY
    if client_limit and _count(conn, "client", client, now - CLIENT_SEND_WINDOW) >= client_limit:
        return Limit.CLIENT_SENDS
    conn.execute(
        "INSERT INTO code_sends (recipient, client, at) VALUES (?, ?, ?)",
        (recipient, client, now.timestamp()),
    )
    return None


def record_failure(conn: sqlite3.Connection, subject: str, client: str, now: datetime) -> None:
    """Count one wrong code; rows older than the window are forgotten on the way."""
    conn.execute("DELETE FROM code_failures WHERE at <= ?", (_since(now),))
    conn.execute(
        "INSERT INTO code_failures (subject, client, at) VALUES (?, ?, ?)",
        (subject, client, now.timestamp()),
    )
