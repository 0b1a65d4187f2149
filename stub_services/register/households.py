"""Owner-customer households: who belongs, who may invite, and single-use invitations."""

from __future__ import annotations

import secrets
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from stub_services.common.clock import Clock, parse_time
from stub_services.common.db import Database
from stub_services.common.finnish_ids import parse_hetu
from stub_services.common.tokens import digest
from stub_services.register import coupons, customers
from stub_services.register.customers import Customer

OWNER = "owner"
MEMBER = "member"
ADULT_AGE = 18
INVITATION_LIFETIME = timedelta(days=7)

# Why a customer may not invite (None: they may); the same words go over the API.
NO_CARD = "no_card"
MINOR = "minor"
NOT_OWNER = "not_owner"
FULL = "full"
# Why an invitation cannot be accepted.
UNKNOWN = "unknown"
USED = "used"
EXPIRED = "expired"
HAS_CARD = "has_card"


@dataclass(frozen=True)
class MemberView:
    """A member as the household page lists them (the API masks the card)."""

    name: str
    role: str
    card_number: str


@dataclass(frozen=True)
class HouseholdView:
    """The household of one S-login, and whether they may invite (else why not)."""

    members: list[MemberView]
    can_invite: bool
    reason: str | None


@dataclass(frozen=True)
class Invited:
    """A new invitation: the token is only ever shown here (the register keeps its hash)."""

    token: str
    expires_at: datetime


def age_on(birthdate: date, today: date) -> int:
    """Completed years; someone born on 29 February comes of age on 1 March."""
    before_birthday = (today.month, today.day) < (birthdate.month, birthdate.day)
    return today.year - birthdate.year - before_birthday


def ensure_household(conn: sqlite3.Connection, customer: Customer, now: datetime) -> str | None:
    """The customer's household, created when a person customer first needs one. A business
    has none; a member is always in the household that invited them."""
    row = conn.execute(
        "SELECT household_id FROM household_members WHERE customer_id = ?",
        (customer.customer_id,),
    ).fetchone()
    if row is not None:
        return str(row["household_id"])
    if customer.kind != customers.PERSON:
        return None
    household_id = uuid.uuid4().hex
    conn.execute(
        "INSERT INTO households (household_id, owner_customer_id, created_at) VALUES (?, ?, ?)",
        (household_id, customer.customer_id, now.isoformat()),
    )
    _add_member(conn, household_id, customer.customer_id, OWNER, now)
    return household_id


def _add_member(
    conn: sqlite3.Connection, household_id: str, customer_id: str, role: str, now: datetime
) -> None:
    conn.execute(
        "INSERT INTO household_members (household_id, customer_id, role, joined_at)"
        " VALUES (?, ?, ?, ?)",
        (household_id, customer_id, role, now.isoformat()),
    )


def drop_owned(conn: sqlite3.Connection, owner: Customer) -> None:
    """Forget the household an owner heads, with its members and invitations (re-seeding
    an owner declares a fresh state)."""
    row = conn.execute(
        "SELECT household_id FROM households WHERE owner_customer_id = ?", (owner.customer_id,)
    ).fetchone()
    if row is None:
        return
    household_id = row["household_id"]
    members = conn.execute(
        "SELECT c.card_number FROM household_members m JOIN customers c USING (customer_id)"
        " WHERE m.household_id = ? AND m.role = ?",
        (household_id, MEMBER),
    ).fetchall()
    for member in members:
        found = customers.by_card(conn, member["card_number"])
        if found is not None:
            customers.forget(conn, found)
    for table in ("invitations", "household_members", "households"):
        conn.execute(
            f"DELETE FROM {table} WHERE household_id = ?",  # noqa: S608 - fixed table names
            (household_id,),
        )


class Households:
    """Household views, invitations and joining, on the register's clock."""

    def __init__(self, db: Database, clock: Clock, max_members: int) -> None:
        if max_members < 1:
            raise ValueError("HOUSEHOLD_MAX_MEMBERS must be at least 1 (the owner)")
        self.db = db
        self.clock = clock
        self.max_members = max_members

    def _members(self, conn: sqlite3.Connection, household_id: str) -> list[MemberView]:
        rows = conn.execute(
            "SELECT c.name, m.role, c.card_number FROM household_members m"
            " JOIN customers c USING (customer_id) WHERE m.household_id = ?"
            " ORDER BY m.role = 'member', m.joined_at, c.name",
            (household_id,),
        ).fetchall()
        return [MemberView(row["name"], row["role"], row["card_number"]) for row in rows]

    def _refusal(
        self, conn: sqlite3.Connection, customer: Customer | None, now: datetime
    ) -> tuple[str | None, list[MemberView]]:
        """Why this customer may not invite (None: they may), and their household."""
        if customer is None:
            return NO_CARD, []
        household_id = ensure_household(conn, customer, now)
        if household_id is None:
            return NOT_OWNER, []
        members = self._members(conn, household_id)
        role = conn.execute(
            "SELECT role FROM household_members WHERE customer_id = ?", (customer.customer_id,)
        ).fetchone()["role"]
        if role != OWNER or customer.hetu is None:
            return NOT_OWNER, members
        if age_on(parse_hetu(customer.hetu).birthdate, now.date()) < ADULT_AGE:
            return MINOR, members
        if len(members) >= self.max_members:
            return FULL, members
        return None, members

    def view(self, s_login: str) -> HouseholdView:
        with self.db.transaction() as conn:
            customer = customers.of_login(conn, s_login)
            reason, members = self._refusal(conn, customer, self.clock.now(conn))
        return HouseholdView(members, reason is None, reason)

    def invite(self, s_login: str, email: str) -> Invited | str:
        """A new single-use invitation, or the reason the customer may not invite."""
        with self.db.transaction() as conn:
            now = self.clock.now(conn)
            customer = customers.of_login(conn, s_login)
            reason, _ = self._refusal(conn, customer, now)
            if reason is not None or customer is None:
                return reason or NO_CARD
            household_id = ensure_household(conn, customer, now)
            token = secrets.token_urlsafe(32)
            expires_at = now + INVITATION_LIFETIME
            conn.execute(
                "INSERT INTO invitations (token_hash, household_id, inviter_customer_id, email,"
                " created_at, expires_at, used_at, used_by) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL)",
                (
                    digest(token),
                    household_id,
                    customer.customer_id,
                    email,
                    now.isoformat(),
                    expires_at.isoformat(),
                ),
            )
        return Invited(token, expires_at)

    def accept(self, token: str, s_login: str, name: str) -> Customer | str:
        """The new member (own card, linked to `s_login`), or why the token is refused."""
        with self.db.transaction() as conn:
            now = self.clock.now(conn)
            row = conn.execute(
                "SELECT household_id, expires_at, used_at FROM invitations WHERE token_hash = ?",
                (digest(token),),
            ).fetchone()
            if row is None:
                return UNKNOWN
            if row["used_at"] is not None:
                return USED
            if parse_time(row["expires_at"]) <= now:
                return EXPIRED
            if customers.of_login(conn, s_login) is not None:
                return HAS_CARD
            household_id = row["household_id"]
            if len(self._members(conn, household_id)) >= self.max_members:
                return FULL
            member = customers.insert_customer(conn, now, customers.MEMBER, name)
            _add_member(conn, household_id, member.customer_id, MEMBER, now)
            conn.execute(
                "INSERT INTO links (card_number, s_login, linked_at) VALUES (?, ?, ?)",
                (member.card_number, s_login, now.isoformat()),
            )
            coupons.welcome(conn, member.customer_id, now)
            conn.execute(
                "UPDATE invitations SET used_at = ?, used_by = ? WHERE token_hash = ?",
                (now.isoformat(), s_login, digest(token)),
            )
        return member
