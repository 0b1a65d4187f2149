"""Steps that take a real part of the world down: the email service (Mailpit) stopped or
frozen while a customer asks for her code, and stubs crashed and restarted."""

from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, then, when

from harness.environment import Environment
from harness.flows import faults as flow
from harness.tools.mailpit import MailpitProcess
from harness.ui import Customers
from harness.words import SERVICE
from steps import NAME


@given("the email service is down")
def email_down(email_service: MailpitProcess, request: pytest.FixtureRequest) -> None:
    """Mailpit is stopped (and comes back after the scenario whatever happens)."""
    flow.take_email_down(email_service, request)


@given("the email service stops answering")
def email_frozen(email_service: MailpitProcess, request: pytest.FixtureRequest) -> None:
    """Mailpit is frozen: it accepts connections and says nothing."""
    flow.freeze_email(email_service, request)


@when(parsers.re(r"the email service (?:is back|answers again)"))
def email_back(email_service: MailpitProcess) -> None:
    """Mailpit runs and answers again."""
    email_service.come_back()


@then(parsers.re(rf"{NAME} is told the code could not be sent and to try again later"))
def told_not_sent(customers: Customers, name: str) -> None:
    """The address form says the code could not be sent, and to try later."""
    flow.expect_told_code_not_sent(customers[name])


@when(parsers.re(rf"{NAME} tries to get a sign-in code"))
def tries_to_get_code(customers: Customers, name: str) -> None:
    """She asks for a code and waits as long as the service takes to answer."""
    flow.try_to_get_code(customers[name])


@when(
    parsers.re(
        rf"the (?P<first>{SERVICE})(?: and the (?P<second>{SERVICE}))? "
        r"(?:crash and are|crashes and is) restarted"
    )
)
def services_restart(environment: Environment, first: str, second: str | None) -> None:
    """The services crash (SIGKILL) and the world restarts them."""
    flow.restart_services(environment, first, second)
