"""Steps about signing in with bank codes (strong bank authentication)."""

from __future__ import annotations

from pytest_bdd import parsers, then, when

from harness.flows.cards import sign_in_with_bank_codes
from harness.ui import Customers
from steps import NAME


@when(parsers.re(rf"{NAME} signs in with bank codes"))
def signs_in_with_bank_codes(customers: Customers, name: str) -> None:
    """She chooses bank codes on the sign-in page and identifies at her bank."""
    sign_in_with_bank_codes(customers[name])


@then(parsers.re(rf"{NAME} is told that bank codes work once a card is linked"))
def bank_codes_unavailable(customers: Customers, name: str) -> None:
    """The page says bank codes need a linked S-Förmånskort."""
    customers[name].bank.wait_for_unavailable()
