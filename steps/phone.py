"""Steps about the phone number: confirming it, and signing in with a text-message code."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from harness.clients.sms import SmsGatewayClient
from harness.identity_data import random_identity
from harness.identity_labels import SV
from harness.pages.identity import AccountPage
from harness.personas import PersonaBook
from harness.ui import UI, CustomerUI
from steps import NAME, PRONOUN


def open_s_login_details(customer: CustomerUI) -> AccountPage:
    customer.etukortti.open_my_details()
    customer.page.get_by_role("link", name=SV.edit_s_login).click()
    account = AccountPage(customer.page)
    account.wait_for()
    return account


def confirm_phone(customer: CustomerUI, gateway: SmsGatewayClient) -> None:
    account = open_s_login_details(customer)
    account.add_phone(customer.persona.identity.mobile_national)
    code = customer.persona.phone(gateway).next_message().one_time_code()
    account.confirm_phone(code)


def ask_for_sms_code(customer: CustomerUI, number: str) -> None:
    customer.etukortti.start_sign_in()
    customer.page.get_by_role("link", name=SV.sms_login).click()
    customer.page.get_by_label(SV.phone_field).fill(number)
    customer.page.get_by_role("button", name=customer.labels.send_code).click()


@when(parsers.re(rf"{NAME} confirms {PRONOUN} phone number with the code from a text message"))
def confirms_phone(personas: PersonaBook, ui: UI, sms_gateway: SmsGatewayClient, name: str) -> None:
    confirm_phone(ui.of(personas[name]), sms_gateway)


@given(parsers.re(rf"{NAME} has confirmed {PRONOUN} phone number"))
def has_confirmed_phone(
    personas: PersonaBook, ui: UI, sms_gateway: SmsGatewayClient, name: str
) -> None:
    customer = ui.of(personas[name])
    confirm_phone(customer, sms_gateway)
    expect(customer.page.get_by_text(SV.phone_confirmed)).to_be_visible()
    customer.etukortti.open_my_details()
    customer.etukortti.sign_out()


@then(parsers.re(rf"{NAME}'s S-login shows {PRONOUN} phone number as confirmed"))
def phone_shown_confirmed(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    expect(customer.page.get_by_text(SV.phone_confirmed)).to_be_visible()
    text = customer.page.locator("main").inner_text().replace(" ", "")
    last_digits = customer.persona.identity.mobile_e164[-7:]
    assert last_digits in text, f"The number ending {last_digits} should show; page:\n{text}"


@when(parsers.re(rf"{NAME} signs in with a code from a text message"))
def signs_in_by_text_message(
    personas: PersonaBook, ui: UI, sms_gateway: SmsGatewayClient, name: str
) -> None:
    customer = ui.of(personas[name])
    ask_for_sms_code(customer, customer.persona.identity.mobile_national)
    customer.signin.wait_for_code_form()
    code = customer.persona.phone(sms_gateway).next_message().one_time_code()
    customer.signin.enter_code(code)


@when(parsers.re(rf"{NAME} asks for a sign-in code by text message"))
def asks_for_sms_code(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    ask_for_sms_code(customer, customer.persona.identity.mobile_national)


@then(parsers.re(rf"{NAME} sees the usual code page"))
def usual_code_page(personas: PersonaBook, ui: UI, name: str) -> None:
    ui.of(personas[name]).signin.wait_for_code_form()


@then(parsers.re(rf"no text message reaches {NAME}'s phone"))
def no_text_message(personas: PersonaBook, sms_gateway: SmsGatewayClient, name: str) -> None:
    # The service answers after it has (or has not) handed the message to the gateway.
    count = personas[name].phone(sms_gateway).unseen_count()
    assert count == 0, f"{count} text message(s) reached {name}'s unconfirmed number"


@when(parsers.re(rf"{NAME} gives {PRONOUN} home landline number"))
def gives_landline(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    # A Helsinki landline: a real number, but no text message can reach it.
    landline = "09 3157 4376"
    customer.persona.notes["typed"] = landline
    open_s_login_details(customer).add_phone(landline)


@given("the text-message service is down")
def sms_service_down(sms_gateway: SmsGatewayClient, request: pytest.FixtureRequest) -> None:
    sms_gateway.set_down(True)
    # The world outlives the scenario; the next one must find the service up again.
    request.addfinalizer(lambda: sms_gateway.set_down(False))


@when(parsers.re(rf"{NAME} tries to confirm {PRONOUN} phone number"))
def tries_to_confirm_phone(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    open_s_login_details(customer).add_phone(customer.persona.identity.mobile_national)


@then(parsers.re(rf"{NAME} is told that the text message cannot be sent right now"))
def told_sms_unavailable(personas: PersonaBook, ui: UI, name: str) -> None:
    page = ui.of(personas[name]).page
    expect(page.get_by_text(SV.sms_unavailable)).to_be_visible()
    expect(page.get_by_role("heading", name=SV.confirm_phone_heading)).to_have_count(0)


@given(parsers.re(rf"{NAME} gets a new phone number"))
def gets_new_number(personas: PersonaBook, name: str) -> None:
    persona = personas[name]
    old = persona.identity
    persona.notes["old_mobile"] = old.mobile_e164
    new = random_identity(random.Random())
    persona.identity = replace(old, mobile_e164=new.mobile_e164)
    persona.phone_inbox = None  # her phone now answers to the new number


@when(parsers.re(rf"{NAME} confirms {PRONOUN} new phone number with the code from a text message"))
def confirms_new_phone(
    personas: PersonaBook, ui: UI, sms_gateway: SmsGatewayClient, name: str
) -> None:
    confirm_phone(ui.of(personas[name]), sms_gateway)


@then(parsers.re(rf"{NAME}'s old number no longer gets sign-in codes"))
def old_number_gets_nothing(
    personas: PersonaBook, ui: UI, sms_gateway: SmsGatewayClient, name: str
) -> None:
    customer = ui.of(personas[name])
    old = customer.persona.notes["old_mobile"]
    old_phone = sms_gateway.phone(old)
    before = old_phone.unseen_count()
    customer.etukortti.open_my_details()
    customer.etukortti.sign_out()
    national = f"0{old.removeprefix('+358')}"
    ask_for_sms_code(customer, national)
    # The same code page as for any number, so nobody learns which numbers are confirmed.
    customer.signin.wait_for_code_form()
    after = old_phone.unseen_count()
    assert after == before, f"{after - before} sign-in code(s) went to the old number {old}"
