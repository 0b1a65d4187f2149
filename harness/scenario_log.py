"""What has happened so far in one scenario, typed: the codes, purchases, coupons and
invitations that later steps check. A new log for every scenario, like cucumber's World."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from harness.clients.identity import BankOutcome, Coupon
from harness.pages.shop import Prices


@dataclass(frozen=True)
class Purchase:
    """One order a customer paid for in a web shop."""

    shop: str
    product: str
    prices: Prices
    paid: Decimal


@dataclass(frozen=True)
class PostalAddress:
    """The postal address a customer saved on "Mina uppgifter"."""

    street: str
    postal_code: str
    city: str

    def lines(self) -> tuple[str, str, str]:
        return (self.street, self.postal_code, self.city)


@dataclass
class CustomerLog:
    """What one customer did or was given in this scenario."""

    # Every one-time code she entered or was sent, oldest first.
    codes: list[str] = field(default_factory=list)
    # How the bank was told to answer her next identification (None: it approves).
    bank_outcome: BankOutcome | None = None
    # The sites on which signing in asked her for her address and a code.
    asked_for_code_on: list[str] = field(default_factory=list)
    # The app she uses, as the feature names it ("S-kaupat").
    app: str | None = None
    purchases: list[Purchase] = field(default_factory=list)
    # The household invitation link from her email.
    invitation: str | None = None
    # Her mobile number before she got a new one.
    old_mobile: str | None = None
    postal_address: PostalAddress | None = None

    @property
    def last_code(self) -> str:
        assert self.codes, "No one-time code has been sent or entered in this scenario yet"
        return self.codes[-1]

    def last_purchase(self) -> Purchase:
        assert self.purchases, "No purchase has been made in this scenario yet"
        return self.purchases[-1]


@dataclass
class ScenarioLog:
    """The whole scenario's log: each customer's, and what belongs to no one customer."""

    customers: dict[str, CustomerLog] = field(default_factory=dict)
    # Coupons the register offered, by their title.
    coupons: dict[str, Coupon] = field(default_factory=dict)
    # Coupon title → the name of who used it.
    redeemed: dict[str, str] = field(default_factory=dict)
    # Addresses invited into a household that belong to no persona.
    invited_addresses: list[str] = field(default_factory=list)

    def of(self, name: str) -> CustomerLog:
        return self.customers.setdefault(name, CustomerLog())

    def spent(self) -> Decimal:
        """What all customers paid in this scenario."""
        paid = (p.paid for log in self.customers.values() for p in log.purchases)
        return sum(paid, Decimal(0))

    def coupon(self, title: str) -> Coupon:
        assert title in self.coupons, f'No coupon "{title}" was offered in this scenario'
        return self.coupons[title]
