"""Steps about the S-Etukortti account site: "Mina uppgifter" and signing out."""

from __future__ import annotations

from pytest_bdd import parsers, then, when

from harness.flows import account as flow
from harness.ui import Customers
from steps import NAME, PRONOUN, fi, sv


@then(parsers.re(rf'{NAME} sees {PRONOUN} own details on "(?P<heading>[^"]+)"'))
@then(sv(rf'ser {NAME} sina egna uppgifter på "(?P<heading>[^"]+)"'))
@then(fi(rf'{NAME} näkee omat tietonsa sivulla "(?P<heading>[^"]+)"'))
def sees_own_details(customers: Customers, name: str, heading: str) -> None:
    """The page the feature names shows her own address."""
    flow.expect_own_details(customers[name], heading)


@then(parsers.re(rf"{NAME} was never asked for a password"))
def never_asked_for_password(customers: Customers, name: str) -> None:
    """No form on her way in had a password field."""
    flow.expect_never_asked_for_password(customers[name])


@when(parsers.re(rf"{NAME} signs out"))
def signs_out(customers: Customers, name: str) -> None:
    """She signs out of S-Etukortti."""
    customers[name].etukortti.sign_out()


@then(parsers.re(rf'{NAME} must sign in again to see "(?P<heading>[^"]+)"'))
def must_sign_in_again(customers: Customers, name: str, heading: str) -> None:
    """Opening the page asks for her address instead of showing it."""
    flow.expect_must_sign_in_again(customers[name], heading)
