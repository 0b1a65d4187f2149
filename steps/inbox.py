"""Steps about what arrives in a customer's inbox and what the sign-in page gives away."""

from __future__ import annotations

from pytest_bdd import parsers, then

from harness.flows.sign_in import expect_no_account_email, expect_same_page
from harness.ui import Customers
from steps import NAME, named


@then(parsers.re(rf"{NAME} sees the same page as {named('other')}"))
def same_page(customers: Customers, name: str, other: str) -> None:
    """Two customers see the same page, whether or not their address has an S-login."""
    expect_same_page(customers[name], customers[other])


@then(parsers.re(rf"{NAME}'s email says there is no S-login for (?:her|his) address"))
def no_account_email(customers: Customers, name: str) -> None:
    """Her email offers to create an S-login, and carries no code."""
    expect_no_account_email(customers[name])
