"""Journeys with the phone number: confirming it, and signing in with a text-message code."""

from __future__ import annotations

import random
from dataclasses import replace

from playwright.sync_api import expect

from harness.clients.sms import SmsGatewayClient
from harness.flows.account import open_s_login_details
from harness.identity_data import random_identity
from harness.personas import Persona
from harness.scenario_log import CustomerLog
from harness.ui import Customer

# A Helsinki landline: a real number, but no text message can reach it.
LANDLINE = "09 3157 4376"


def confirm_phone(customer: Customer, gateway: SmsGatewayClient) -> None:
    open_s_login_details(customer)
    customer.account.add_phone(customer.persona.identity.mobile_national)
    code = customer.persona.phone(gateway).next_message().one_time_code()
    customer.log.codes.append(code)
    customer.account.confirm_phone(code)


def have_confirmed_phone(customer: Customer, gateway: SmsGatewayClient) -> None:
    confirm_phone(customer, gateway)
    expect(customer.page.get_by_text(customer.labels.phone_confirmed)).to_be_visible()
    customer.etukortti.open_my_details()
    customer.etukortti.sign_out()


def expect_phone_confirmed(customer: Customer) -> None:
    expect(customer.page.get_by_text(customer.labels.phone_confirmed)).to_be_visible()
    text = customer.account.main_text().replace(" ", "")
    last_digits = customer.persona.identity.mobile_e164[-7:]
    assert last_digits in text, f"The number ending {last_digits} should show; page:\n{text}"


def ask_for_sms_code(customer: Customer, number: str | None = None) -> None:
    """Ask for a sign-in code by text message to `number` (her own mobile by default)."""
    customer.etukortti.start_sign_in()
    customer.signin.submit_phone(number or customer.persona.identity.mobile_national)


def sign_in_by_text_message(customer: Customer, gateway: SmsGatewayClient) -> None:
    ask_for_sms_code(customer)
    customer.signin.wait_for_code_form()
    code = customer.persona.phone(gateway).next_message().one_time_code()
    customer.log.codes.append(code)
    customer.signin.enter_code(code)


def expect_no_text_message(customer: Customer, gateway: SmsGatewayClient) -> None:
    # The service answers after it has (or has not) handed the message to the gateway.
    count = customer.persona.phone(gateway).unseen_count()
    assert count == 0, f"{count} text message(s) reached {customer.name}'s unconfirmed number"


def give_landline(customer: Customer) -> str:
    """Offer a landline as her phone number; the number typed."""
    open_s_login_details(customer)
    customer.account.add_phone(LANDLINE)
    return LANDLINE


def try_to_confirm_phone(customer: Customer) -> None:
    open_s_login_details(customer)
    customer.account.add_phone(customer.persona.identity.mobile_national)


def expect_told_sms_unavailable(customer: Customer) -> None:
    labels = customer.labels
    expect(customer.page.get_by_text(labels.sms_unavailable)).to_be_visible()
    heading = customer.page.get_by_role("heading", name=labels.confirm_phone_heading)
    expect(heading).to_have_count(0)


def get_new_number(persona: Persona, log: CustomerLog) -> None:
    old = persona.identity
    log.old_mobile = old.mobile_e164
    new = random_identity(random.Random())
    persona.identity = replace(old, mobile_e164=new.mobile_e164)
    persona.phone_inbox = None  # her phone now answers to the new number


def expect_old_number_gets_nothing(customer: Customer, gateway: SmsGatewayClient) -> None:
    old = customer.log.old_mobile
    assert old is not None, f"{customer.name} has not changed her number in this scenario"
    old_phone = gateway.phone(old)
    before = old_phone.unseen_count()
    customer.etukortti.open_my_details()
    customer.etukortti.sign_out()
    ask_for_sms_code(customer, f"0{old.removeprefix('+358')}")
    # The same code page as for any number, so nobody learns which numbers are confirmed.
    customer.signin.wait_for_code_form()
    after = old_phone.unseen_count()
    assert after == before, f"{after - before} sign-in code(s) went to the old number {old}"
