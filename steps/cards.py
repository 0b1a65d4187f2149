"""Steps about S-Förmånskort: owner-customers, linking a card, and when linking fails."""

from __future__ import annotations

import random

from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from harness.clients.identity import BankControl, RegisterControl
from harness.identity_data import random_business_id
from harness.identity_labels import SV
from harness.pages.identity import BankPages, LinkCardPages
from harness.personas import Persona, PersonaBook
from harness.ui import UI, CustomerUI
from steps import NAME, PRONOUN
from steps.sign_in import ask_for_code, enter_emailed_code

# How a feature says the bank identification will go, and what the bank is told to do.
BANK_OUTCOME_WORDS = {"is cancelled": "cancel", "fails": "fail", "takes too long": "timeout"}


def known_to_the_bank(persona: Persona, bank: BankControl) -> None:
    bank.add_identity(persona.identity.hetu, persona.name, persona.last_name)


def identify_at_bank(customer: CustomerUI) -> None:
    """Choose a bank and identify; if the bank was told to time out, go back as told."""
    bank = BankPages(customer.page)
    bank.identify(customer.persona.identity.hetu)
    if customer.persona.notes.get("bank_outcome") == "timeout":
        bank.back_after_taking_too_long()


def link_card(customer: CustomerUI, *, business: bool) -> None:
    link = LinkCardPages(customer.page)
    if business:
        business_id = customer.persona.business_id
        assert business_id, f"{customer.persona.name} acts for no business in this scenario"
        link.as_business_customer(business_id)
    else:
        link.as_personal_customer()
    identify_at_bank(customer)


def open_card_section(customer: CustomerUI) -> None:
    customer.etukortti.open_my_details()
    customer.etukortti.wait_for_my_details()


@given(parsers.re(rf"{NAME} is an owner-customer with an S-Förmånskort"))
def owner_customer(
    personas: PersonaBook, register_control: RegisterControl, bank_control: BankControl, name: str
) -> None:
    persona = personas[name]
    persona.card = register_control.add_person(
        persona.identity.hetu, persona.name, persona.last_name
    )
    known_to_the_bank(persona, bank_control)


@given(parsers.re(rf"{NAME} has no S-Förmånskort"))
def no_card(personas: PersonaBook, bank_control: BankControl, name: str) -> None:
    known_to_the_bank(personas[name], bank_control)


@given(parsers.re(rf"{NAME} acts for (?P<company>[^,]+) as its business customer"))
def business_customer(
    personas: PersonaBook,
    register_control: RegisterControl,
    bank_control: BankControl,
    name: str,
    company: str,
) -> None:
    persona = personas[name]
    persona.business_id = random_business_id(random.Random())
    persona.card = register_control.add_business(
        persona.business_id, company, authorised_hetu=persona.identity.hetu
    )
    known_to_the_bank(persona, bank_control)


@given(parsers.re(rf"{NAME}'s S-Förmånskort is already linked to another S-login"))
def linked_elsewhere(personas: PersonaBook, register_control: RegisterControl, name: str) -> None:
    card = personas[name].card
    assert card is not None, f"{name} needs a card first"
    register_control.link_to_another_s_login(card)


@given(parsers.re(rf"{NAME}'s bank identification (?P<how>{'|'.join(BANK_OUTCOME_WORDS)})"))
def bank_outcome(personas: PersonaBook, bank_control: BankControl, name: str, how: str) -> None:
    persona = personas[name]
    outcome = BANK_OUTCOME_WORDS[how]
    bank_control.script_next_outcome(persona.identity.hetu, outcome)
    persona.notes["bank_outcome"] = outcome


@given(parsers.re(rf"{NAME} has linked {PRONOUN} S-Förmånskort to {PRONOUN} S-login"))
def has_linked_card(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    ask_for_code(customer, create=True)
    enter_emailed_code(customer)
    link_card(customer, business=False)
    link = LinkCardPages(customer.page)
    link.wait_for_linked()
    link.continue_to_service()
    customer.etukortti.wait_for_my_details()
    customer.etukortti.sign_out()


@when(
    parsers.re(
        rf"{NAME} creates an S-login and adds {PRONOUN} card as a "
        r"(?P<kind>personal|business) customer"
    )
)
def create_with_card(personas: PersonaBook, ui: UI, name: str, kind: str) -> None:
    customer = ui.of(personas[name])
    ask_for_code(customer, create=True)
    enter_emailed_code(customer)
    link_card(customer, business=kind == "business")


def start_adding_card(customer: CustomerUI, section: str) -> None:
    assert section == SV.cards_section, f'The page calls the section "{SV.cards_section}"'
    open_card_section(customer)
    customer.page.get_by_role("link", name=SV.add_card).click()
    link_card(customer, business=False)


@when(parsers.re(rf'{NAME} adds {PRONOUN} S-Förmånskort under "(?P<section>[^"]+)"'))
def add_card_afterwards(personas: PersonaBook, ui: UI, name: str, section: str) -> None:
    customer = ui.of(personas[name])
    start_adding_card(customer, section)
    link = LinkCardPages(customer.page)
    link.wait_for_linked()
    link.continue_to_service()


@when(parsers.re(rf'{NAME} tries to add {PRONOUN} S-Förmånskort under "(?P<section>[^"]+)"'))
def try_adding_card(personas: PersonaBook, ui: UI, name: str, section: str) -> None:
    start_adding_card(ui.of(personas[name]), section)


@when(parsers.re(rf"{NAME} tries to add the card of a business that is not a customer"))
def add_unknown_business(personas: PersonaBook, ui: UI, name: str) -> None:
    persona = personas[name]
    persona.business_id = random_business_id(random.Random())
    customer = ui.of(persona)
    open_card_section(customer)
    customer.page.get_by_role("link", name=SV.add_card).click()
    link_card(customer, business=True)


@then(parsers.re(rf"{NAME} is identified as an? (?P<kind>owner|business) customer at once"))
def identified_at_once(personas: PersonaBook, ui: UI, name: str, kind: str) -> None:
    customer = ui.of(personas[name])
    card = customer.persona.card
    assert card is not None
    link = LinkCardPages(customer.page)
    link.wait_for_linked()
    expected = SV.owner_customer_now if kind == "owner" else "företagskund"
    text = link.main_text()
    assert expected in text, f"The confirmation should say {expected!r}; it says:\n{text}"
    assert card.last_four in text, f"The confirmation should show the card ending {card.last_four}"
    link.continue_to_service()
    card_on_my_details(personas, ui, name, SV.cards_section)


@then(parsers.re(rf'"Mina uppgifter" shows {NAME}\'s card under "(?P<section>[^"]+)"'))
def card_on_my_details(personas: PersonaBook, ui: UI, name: str, section: str) -> None:
    customer = ui.of(personas[name])
    card = customer.persona.card
    assert card is not None
    if customer.page.get_by_role("heading", name=customer.labels.my_details).count() == 0:
        customer.etukortti.open_my_details()
    customer.etukortti.wait_for_my_details()
    expect(customer.page.get_by_role("heading", name=section)).to_be_visible()
    text = customer.page.locator("main").inner_text()
    for needed in (card.last_four, SV.owner_customer):
        assert needed in text, (
            f'"{section}" should show {name}\'s card ending {card.last_four} and '
            f'"{SV.owner_customer}"; the page says:\n{text}'
        )


@then(parsers.re(rf"{NAME} is directed to owner-customer service"))
def directed_to_service(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    link = LinkCardPages(customer.page)
    link.wait_for_failure()
    text = link.main_text()
    for needed in (SV.service_phone, SV.service_hours, SV.feedback_topic):
        assert needed in text, f"The failure page should tell {needed!r}; it says:\n{text}"
    form = customer.page.get_by_role("link", name=SV.feedback_form)
    expect(form).to_have_attribute("href", "https://www.s-kanava.fi/sv/responsblankett")


@then(parsers.re(rf"no card is linked to {NAME}'s S-login"))
def no_card_linked(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    open_card_section(customer)
    expect(customer.page.get_by_role("link", name=SV.add_card)).to_be_visible()
    card = customer.persona.card
    if card is not None:
        text = customer.page.locator("main").inner_text()
        assert card.last_four not in text, f"Card ending {card.last_four} shows as linked"
