"""Moving an S-login to a new email address: every row keyed by the address follows it."""

from __future__ import annotations

import sqlite3

# Tables whose rows belong to an account through its address (events keep their history).
_BY_ADDRESS = (
    "accounts",
    "sessions",
    "auth_codes",
    "access_tokens",
    "phones",
    "card_links",
    "bank_tx",
)


def move_account(conn: sqlite3.Connection, old: str, new: str) -> bool:
    """Give the account `old` the address `new`; False (nothing changed) when `new` is taken.

    Live sessions and tokens follow, so the user stays signed in and clients read the new
    address; unfinished code transactions of the old address end, so it signs in to nothing.
    """
    if conn.execute("SELECT 1 FROM accounts WHERE email = ?", (new,)).fetchone():
        return False
    for table in _BY_ADDRESS:
        conn.execute(f'UPDATE "{table}" SET email = ? WHERE email = ?', (new, old))  # noqa: S608 - fixed names
    conn.execute(
        "UPDATE login_tx SET status = 'used' WHERE email = ? AND status = 'active'", (old,)
    )
    return True
