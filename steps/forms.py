"""Steps about what a form says when the customer typed something it cannot take."""

from __future__ import annotations

from pytest_bdd import parsers, then

from harness.flows.account import expect_asked_to_check
from harness.ui import Customers
from harness.words import CHECKS, alternatives
from steps import NAME


@then(
    parsers.re(
        rf"{NAME} is asked to check (?P<what>{alternatives(CHECKS)}), "
        r"with what (?:she|he) typed kept"
    )
)
def asked_to_check(customers: Customers, name: str, what: str, typed: str) -> None:
    """The form asks her to check the field, and keeps what she typed in it."""
    customer = customers[name]
    message, field = (getattr(customer.labels, label) for label in CHECKS[what])
    expect_asked_to_check(customer, message, field, typed)
