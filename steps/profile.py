"""Steps about the customer's own details: the S-login's email address, customer data."""

from __future__ import annotations

from pytest_bdd import parsers, then, when

from harness.flows import account as flow
from harness.ui import Customers
from steps import NAME, PRONOUN


@when(parsers.re(rf"{NAME} changes {PRONOUN} S-login email address"))
def changes_email(customers: Customers, name: str) -> None:
    """She changes her address, confirmed with the code sent to the new one."""
    flow.change_email(customers[name])


@when(
    parsers.re(rf"{NAME} changes {PRONOUN} S-login email address to one with a typo"),
    target_fixture="typed",
)
def changes_email_with_typo(customers: Customers, name: str) -> str:
    """She asks to change to a mistyped address; what she typed."""
    return flow.change_email_with_typo(customers[name])


@then(parsers.re(rf"{NAME}'s S-login shows {PRONOUN} new email address"))
def shows_new_email(customers: Customers, name: str) -> None:
    """The S-login's details say the address changed, and show the new one."""
    flow.expect_new_email_shown(customers[name])


@then(parsers.re(rf"{NAME}'s old address is told that the address was changed"))
def old_address_told(customers: Customers, name: str) -> None:
    """Her old inbox gets a notice, with no code in it."""
    flow.expect_old_address_told(customers[name])


@then(parsers.re(rf'"Mina uppgifter" shows {NAME}\'s new email address'))
def my_details_show_new_email(customers: Customers, name: str) -> None:
    """S-Etukortti shows the new address too."""
    flow.expect_my_details_show_new_email(customers[name])


@when(parsers.re(rf'{NAME} updates {PRONOUN} postal address on "Mina uppgifter"'))
def updates_address(customers: Customers, name: str) -> None:
    """She saves a new postal address."""
    flow.update_postal_address(customers[name])


@when(parsers.re(rf"{NAME} enters a postal code with only four digits"), target_fixture="typed")
def enters_short_postal_code(customers: Customers, name: str) -> str:
    """She saves an address with a four-digit postal code; what she typed."""
    return flow.enter_short_postal_code(customers[name])


@then(parsers.re(rf'"Mina uppgifter" shows {NAME}\'s new postal address'))
def shows_new_address(customers: Customers, name: str) -> None:
    """The saved address shows on "Mina uppgifter"."""
    flow.expect_new_postal_address(customers[name])
