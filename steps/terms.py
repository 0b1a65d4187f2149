"""Steps about updated terms of use and privacy notice, acknowledged at the next sign-in."""

from __future__ import annotations

import time

from pytest_bdd import given, parsers, then, when

from harness.clients.control import ControlClient
from harness.flows import account as flow
from harness.ui import Customers
from steps import NAME


@given("the terms of use and the privacy notice have been updated")
def terms_updated(signin_control: ControlClient) -> None:
    """New terms are published, newer than any an account accepted before."""
    signin_control.publish_terms(f"2099-{time.time_ns()}")


@given(parsers.re(rf"{NAME} has accepted the updated terms"))
def has_accepted_terms(customers: Customers, name: str) -> None:
    """She signed in, accepted the new terms and signed out."""
    flow.accept_updated_terms_at_sign_in(customers[name])


@then(parsers.re(rf"{NAME} is asked to accept the updated terms before continuing"))
def asked_to_accept(customers: Customers, name: str) -> None:
    """The terms page stands between her and "Mina uppgifter"."""
    flow.expect_asked_to_accept_terms(customers[name])


@when(parsers.re(rf"{NAME} accepts the updated terms"))
def accepts_terms(customers: Customers, name: str) -> None:
    """She ticks that she has read them and continues."""
    customers[name].terms.accept()


@when(parsers.re(rf"{NAME} tries to continue without accepting the terms"))
def continues_without_accepting(customers: Customers, name: str) -> None:
    """She continues without ticking the box."""
    customers[name].terms.continue_without_accepting()


@then(parsers.re(rf"{NAME} is told that the terms must be accepted to continue"))
def told_must_accept(customers: Customers, name: str) -> None:
    """The terms page stays, saying they must be accepted."""
    flow.expect_told_must_accept(customers[name])
