"""Broker state: added identities, scripted outcomes, authorization requests and codes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from contract.outcomes import BankOutcome
from stub_services.bank.identities import BUILT_IN, Identity
from stub_services.common.clock import Clock
from stub_services.common.db import Database
from stub_services.common.oauth import IssuedCode
from stub_services.common.oauth_requests import (
    AuthorizationRequest,
    AuthRequests,
    insert_code,
    spend_code,
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS identities (
    hetu TEXT PRIMARY KEY, given_name TEXT NOT NULL, family_name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS outcomes (target TEXT PRIMARY KEY, outcome TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS auth_requests (
    id TEXT PRIMARY KEY, client_id TEXT NOT NULL, redirect_uri TEXT NOT NULL, state TEXT,
    nonce TEXT NOT NULL, code_challenge TEXT NOT NULL, lang TEXT NOT NULL,
    created_at TEXT NOT NULL, status TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS auth_codes (
    code_hash TEXT PRIMARY KEY, client_id TEXT NOT NULL, redirect_uri TEXT NOT NULL,
    nonce TEXT NOT NULL, code_challenge TEXT NOT NULL, hetu TEXT NOT NULL, bank TEXT NOT NULL,
    issued_at TEXT NOT NULL, used INTEGER NOT NULL DEFAULT 0
);
"""

ANYONE = "*"  # outcome target of the global script
Outcome = BankOutcome  # what the harness may script: part of the contract


class Status(Enum):
    OPEN = "open"
    TIMED_OUT = "timed_out"
    DONE = "done"


@dataclass(frozen=True, kw_only=True)
class IdentifiedCode(IssuedCode):
    """A code for the person identified (`hetu`) at the bank `bank` (its ftn_idp)."""

    hetu: str
    bank: str


@dataclass(frozen=True, kw_only=True)
class AuthRequest(AuthorizationRequest):
    """A client's authorization request, open until the person identified or gave up."""

    status: Status = Status.OPEN


class Store:
    """Typed access to the broker's SQLite file."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        self.requests = AuthRequests(db, clock, AuthRequest)

    # Identities -------------------------------------------------------------------
    def add_identity(self, identity: Identity) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO identities (hetu, given_name, family_name)"
                " VALUES (?, ?, ?)",
                (identity.hetu, identity.given_name, identity.family_name),
            )

    def identity(self, hetu: str) -> Identity | None:
        with self.db.transaction() as conn:
            row = conn.execute("SELECT * FROM identities WHERE hetu = ?", (hetu,)).fetchone()
        if row is not None:
            return Identity(row["hetu"], row["given_name"], row["family_name"])
        return BUILT_IN.get(hetu)

    def identities(self) -> list[Identity]:
        with self.db.transaction() as conn:
            rows = conn.execute("SELECT * FROM identities ORDER BY hetu").fetchall()
        added = {r["hetu"]: Identity(r["hetu"], r["given_name"], r["family_name"]) for r in rows}
        return list({**BUILT_IN, **added}.values())

    # Scripted outcomes ------------------------------------------------------------
    def script(self, outcome: Outcome, hetu: str | None) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO outcomes (target, outcome) VALUES (?, ?)",
                (hetu or ANYONE, outcome.value),
            )

    def take_outcome(self, hetu: str) -> Outcome:
        """The identity's own script first, else the global one, else approve; used once."""
        with self.db.transaction() as conn:
            for target in (hetu, ANYONE):
                row = conn.execute(
                    "SELECT outcome FROM outcomes WHERE target = ?", (target,)
                ).fetchone()
                if row is not None:
                    conn.execute("DELETE FROM outcomes WHERE target = ?", (target,))
                    return Outcome(row["outcome"])
        return Outcome.APPROVE

    # Authorization requests -------------------------------------------------------
    def save_request(self, request: AuthRequest) -> AuthRequest:
        return self.requests.save(request)

    def request(self, request_id: str) -> AuthRequest | None:
        return self.requests.get(request_id)

    def set_status(self, request_id: str, status: Status) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE auth_requests SET status = ? WHERE id = ?", (status.value, request_id)
            )

    # Authorization codes ----------------------------------------------------------
    def issue_code(self, request: AuthRequest, hetu: str, bank: str) -> str:
        with self.db.transaction() as conn:
            issued_at = self.clock.now(conn).isoformat()
            code = insert_code(conn, request, issued_at, hetu=hetu, bank=bank)
            conn.execute(
                "UPDATE auth_requests SET status = ? WHERE id = ?", (Status.DONE.value, request.id)
            )
        return code

    def spend_code(self, code: str) -> IdentifiedCode | None:
        """The code as issued, marked used from now on (`used` tells whether it already was)."""
        with self.db.transaction() as conn:
            row = spend_code(conn, code)
        return None if row is None else IdentifiedCode.from_row(row)
