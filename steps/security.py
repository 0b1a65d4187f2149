"""Steps about what strangers can and cannot do to a customer's S-login."""

from __future__ import annotations

from pytest_bdd import parsers, then, when

from harness.environment import Environment
from harness.flows import abuse as flow
from harness.personas import PersonaBook
from steps import NAME

_COUNTS = {"a dozen": 12, "a hundred": 100}


@when(parsers.re(rf"someone asks for a sign-in code for {NAME}'s address a hundred times"))
def flood(environment: Environment, personas: PersonaBook, name: str) -> None:
    """A script submits her address to the plain sign-in form, without cookies."""
    flow.flood_with_code_requests(environment, personas[name], _COUNTS["a hundred"])


@when(parsers.re(rf"someone enters a dozen wrong codes for {NAME}'s address"))
def guesses(environment: Environment, personas: PersonaBook, name: str) -> None:
    """A script asks for codes for her address and guesses at them."""
    flow.guess_codes(environment, personas[name], _COUNTS["a dozen"])


@then(parsers.re(rf"{NAME}'s inbox holds no more than five emails from the sign-in service"))
def few_emails(personas: PersonaBook, name: str) -> None:
    """The flood is capped per address, whoever asks."""
    flow.expect_at_most_code_emails(personas[name], flow.CODE_EMAILS_PER_QUARTER_HOUR)
