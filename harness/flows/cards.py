"""Journeys with the S-Förmånskort: becoming known to the register and the bank, linking
the card (when creating an S-login or afterwards) and signing in with bank codes."""

from __future__ import annotations

import random

from playwright.sync_api import expect

from harness.clients.identity import BankControl, BankOutcome, Card, RegisterControl
from harness.flows.sign_in import create_s_login_in_browser
from harness.identity_data import random_business_id
from harness.personas import Persona
from harness.scenario_log import CustomerLog
from harness.ui import Customer


def card_of(persona: Persona) -> Card:
    assert persona.card is not None, f"{persona.name} has no S-Förmånskort in this scenario"
    return persona.card


def known_to_the_bank(persona: Persona, bank: BankControl) -> None:
    bank.add_identity(persona.identity.hetu, persona.name, persona.last_name)


def become_owner_customer(persona: Persona, register: RegisterControl, bank: BankControl) -> Card:
    """A card in the register for her, and a bank that knows her."""
    persona.card = register.add_person(persona.identity.hetu, persona.name, persona.last_name)
    known_to_the_bank(persona, bank)
    return persona.card


def become_business_customer(
    persona: Persona, company: str, register: RegisterControl, bank: BankControl
) -> None:
    persona.business_id = random_business_id(random.Random())
    persona.card = register.add_business(
        persona.business_id, company, authorised_hetu=persona.identity.hetu
    )
    known_to_the_bank(persona, bank)


def script_bank(
    persona: Persona, log: CustomerLog, bank: BankControl, outcome: BankOutcome
) -> None:
    bank.script_next_outcome(persona.identity.hetu, outcome)
    log.bank_outcome = outcome


def identify_at_bank(customer: Customer) -> None:
    """Choose a bank and identify; if the bank was told to time out, go back as told."""
    customer.bank.identify(customer.persona.identity.hetu)
    if customer.log.bank_outcome is BankOutcome.TIMEOUT:
        customer.bank.back_after_taking_too_long()


def link_card(customer: Customer, *, business: bool = False) -> None:
    """On the link-card form: say who she is, then identify at the bank."""
    if business:
        business_id = customer.persona.business_id
        assert business_id, f"{customer.name} acts for no business in this scenario"
        customer.link_card.as_business_customer(business_id)
    else:
        customer.link_card.as_personal_customer()
    identify_at_bank(customer)


def finish_linking(customer: Customer) -> None:
    customer.link_card.wait_for_linked()
    customer.link_card.continue_to_service()


def create_s_login_without_card(customer: Customer) -> None:
    create_s_login_in_browser(customer)
    # A new S-login is offered to add the S-Förmånskort; this customer has none to add.
    customer.link_card.skip()


def create_s_login_with_card(customer: Customer, *, business: bool = False) -> None:
    create_s_login_in_browser(customer)
    link_card(customer, business=business)


def have_linked_card(customer: Customer) -> None:
    """State: an S-login with her card linked, signed out again."""
    create_s_login_with_card(customer)
    finish_linking(customer)
    customer.etukortti.wait_for_my_details()
    customer.etukortti.sign_out()


def start_adding_card(customer: Customer, section: str | None = None) -> None:
    """From "Mina uppgifter", the link under the card section (named `section` in the
    feature, which must be the page's own name)."""
    own = customer.labels.cards_section
    assert section in (None, own), f'The page calls the section "{own}", not "{section}"'
    customer.etukortti.open_my_details()
    customer.etukortti.wait_for_my_details()
    customer.etukortti.add_card_link().click()


def open_link_card_form(customer: Customer) -> None:
    """From "Mina uppgifter" to the form that links her card."""
    start_adding_card(customer)
    customer.link_card.wait_for_form()


def add_card_afterwards(customer: Customer, section: str, *, finish: bool = True) -> None:
    start_adding_card(customer, section)
    link_card(customer)
    if finish:
        finish_linking(customer)


def add_unknown_business_card(customer: Customer) -> None:
    customer.persona.business_id = random_business_id(random.Random())
    start_adding_card(customer)
    link_card(customer, business=True)


def expect_identified_at_once(customer: Customer, kind: str) -> None:
    """`kind` is "owner" or "business"."""
    card = card_of(customer.persona)
    customer.link_card.wait_for_linked()
    labels = customer.labels
    expected = labels.owner_customer_now if kind == "owner" else labels.business_customer_now
    text = customer.link_card.main_text()
    assert expected in text, f"The confirmation should say {expected!r}; it says:\n{text}"
    assert card.last_four in text, f"The confirmation should show the card ending {card.last_four}"
    customer.link_card.continue_to_service()
    expect_card_on_my_details(customer, labels.cards_section)


def expect_card_on_my_details(customer: Customer, section: str) -> None:
    card = card_of(customer.persona)
    if customer.etukortti.my_details_heading().count() == 0:
        customer.etukortti.open_my_details()
    customer.etukortti.wait_for_my_details()
    expect(customer.page.get_by_role("heading", name=section)).to_be_visible()
    text = customer.etukortti.main_text()
    for needed in (card.last_four, customer.labels.owner_customer):
        assert needed in text, (
            f'"{section}" should show {customer.name}\'s card ending {card.last_four} and '
            f'"{customer.labels.owner_customer}"; the page says:\n{text}'
        )


def expect_directed_to_service(customer: Customer) -> None:
    labels = customer.labels
    customer.link_card.wait_for_failure()
    text = customer.link_card.main_text()
    for needed in (labels.service_phone, labels.card_service_hours, labels.feedback_topic):
        assert needed in text, f"The failure page should tell {needed!r}; it says:\n{text}"
    form = customer.link_card.feedback_form_address()
    assert form == labels.feedback_form_url, (
        f"The feedback form link goes to {form}, not {labels.feedback_form_url}"
    )


def expect_no_card_linked(customer: Customer) -> None:
    customer.etukortti.open_my_details()
    customer.etukortti.wait_for_my_details()
    expect(customer.etukortti.add_card_link()).to_be_visible()
    card = customer.persona.card
    if card is not None:
        text = customer.etukortti.main_text()
        assert card.last_four not in text, f"Card ending {card.last_four} shows as linked"


def sign_in_with_bank_codes(customer: Customer) -> None:
    customer.etukortti.start_sign_in()
    customer.signin.choose_bank_codes()
    identify_at_bank(customer)
