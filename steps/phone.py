"""Steps about the phone number: confirming it, and signing in with a text-message code."""

from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, then, when

from harness.clients.sms import SmsGatewayClient
from harness.flows import phone as flow
from harness.personas import PersonaBook
from harness.scenario_log import ScenarioLog
from harness.ui import Customers
from steps import NAME, PRONOUN


@given(parsers.re(rf"{NAME} has confirmed {PRONOUN} phone number"))
def has_confirmed_phone(customers: Customers, sms_gateway: SmsGatewayClient, name: str) -> None:
    """Her S-login has her mobile number, confirmed; she has signed out."""
    flow.have_confirmed_phone(customers[name], sms_gateway)


@when(
    parsers.re(
        rf"{NAME} confirms {PRONOUN} (?:new )?phone number with the code from a text message"
    )
)
def confirms_phone(customers: Customers, sms_gateway: SmsGatewayClient, name: str) -> None:
    """She adds her mobile number and confirms it with the texted code."""
    flow.confirm_phone(customers[name], sms_gateway)


@then(parsers.re(rf"{NAME}'s S-login shows {PRONOUN} phone number as confirmed"))
def phone_shown_confirmed(customers: Customers, name: str) -> None:
    """The S-login's details show her number as confirmed."""
    flow.expect_phone_confirmed(customers[name])


@when(parsers.re(rf"{NAME} signs in with a code from a text message"))
def signs_in_by_text_message(
    customers: Customers, sms_gateway: SmsGatewayClient, name: str
) -> None:
    """She signs in with the code texted to her mobile."""
    flow.sign_in_by_text_message(customers[name], sms_gateway)


@when(parsers.re(rf"{NAME} asks for a sign-in code by text message"))
def asks_for_sms_code(customers: Customers, name: str) -> None:
    """She asks for a code to her mobile number."""
    flow.ask_for_sms_code(customers[name])


@then(parsers.re(rf"{NAME} sees the usual code page"))
def usual_code_page(customers: Customers, name: str) -> None:
    """The same code page as for any number."""
    customers[name].signin.wait_for_code_form()


@then(parsers.re(rf"no text message reaches {NAME}'s phone"))
def no_text_message(customers: Customers, sms_gateway: SmsGatewayClient, name: str) -> None:
    """Her phone got no new text message."""
    flow.expect_no_text_message(customers[name], sms_gateway)


@when(parsers.re(rf"{NAME} gives {PRONOUN} home landline number"), target_fixture="typed")
def gives_landline(customers: Customers, name: str) -> str:
    """She offers a landline as her phone number; what she typed."""
    return flow.give_landline(customers[name])


@given("the text-message service is down")
def sms_service_down(sms_gateway: SmsGatewayClient, request: pytest.FixtureRequest) -> None:
    """The gateway refuses messages until the scenario ends."""
    sms_gateway.set_down(True)
    # The world outlives the scenario; the next one must find the service up again.
    request.addfinalizer(lambda: sms_gateway.set_down(False))


@when(parsers.re(rf"{NAME} tries to confirm {PRONOUN} phone number"))
def tries_to_confirm_phone(customers: Customers, name: str) -> None:
    """She adds her mobile number, which asks for a texted code."""
    flow.try_to_confirm_phone(customers[name])


@then(parsers.re(rf"{NAME} is told that the text message cannot be sent right now"))
def told_sms_unavailable(customers: Customers, name: str) -> None:
    """The page says the text message could not be sent, and asks for no code."""
    flow.expect_told_sms_unavailable(customers[name])


@given(parsers.re(rf"{NAME} gets a new phone number"))
def gets_new_number(personas: PersonaBook, scenario_log: ScenarioLog, name: str) -> None:
    """Her phone answers to a new number from now on."""
    flow.get_new_number(personas[name], scenario_log.of(name))


@then(parsers.re(rf"{NAME}'s old number no longer gets sign-in codes"))
def old_number_gets_nothing(customers: Customers, sms_gateway: SmsGatewayClient, name: str) -> None:
    """Asking for a code to her old number sends nothing there."""
    flow.expect_old_number_gets_nothing(customers[name], sms_gateway)
