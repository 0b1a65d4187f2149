"""Steps about the customer's own details: the S-login's email address, customer data."""

from __future__ import annotations

import re
import uuid

from faker import Faker
from playwright.sync_api import expect
from pytest_bdd import parsers, then, when

from harness.clients.inbox import MailpitClient
from harness.identity_labels import SV
from harness.pages.identity import CustomerDataForm, EmailChangePages
from harness.personas import EMAIL_DOMAIN, PersonaBook
from harness.ui import UI
from steps import NAME, PRONOUN
from steps.phone import open_s_login_details

_FAKER = Faker("fi_FI")


@when(parsers.re(rf"{NAME} changes {PRONOUN} S-login email address"))
def changes_email(personas: PersonaBook, ui: UI, inbox: MailpitClient, name: str) -> None:
    persona = personas[name]
    customer = ui.of(persona)
    new_address = f"{persona.name.lower()}.new.{uuid.uuid4().hex[:10]}@{EMAIL_DOMAIN}"
    new_mailbox = inbox.mailbox(new_address)
    open_s_login_details(customer)
    change = EmailChangePages(customer.page)
    change.request_change(new_address)
    change.confirm(new_mailbox.next_message().one_time_code())
    persona.previous_mailbox = persona.mailbox
    persona.email, persona.mailbox = new_address, new_mailbox


@when(parsers.re(rf"{NAME} changes {PRONOUN} S-login email address to one with a typo"))
def changes_email_with_typo(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    typo = customer.persona.email.replace("@", "@@")
    customer.persona.notes["typed"] = typo
    open_s_login_details(customer)
    EmailChangePages(customer.page).request_change(typo)


@then(parsers.re(rf"{NAME}'s S-login shows {PRONOUN} new email address"))
def shows_new_email(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    expect(customer.page.get_by_text(SV.email_changed)).to_be_visible()
    expect(customer.page.get_by_text(customer.persona.email).first).to_be_visible()


@then(parsers.re(rf"{NAME}'s old address is told that the address was changed"))
def old_address_told(personas: PersonaBook, name: str) -> None:
    old = personas[name].previous_mailbox
    assert old is not None, f"{name} has not changed her address in this scenario"
    notice = old.next_message()
    codes = [line for line in notice.text.splitlines() if re.fullmatch(r"\s*\d{4}\s*", line)]
    assert not codes, f"The notice to the old address must carry no code:\n{notice.text}"


@then(parsers.re(rf'"Mina uppgifter" shows {NAME}\'s new email address'))
def my_details_show_new_email(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    customer.etukortti.open_my_details()
    customer.etukortti.wait_for_my_details()
    shown = customer.etukortti.shown_email()
    assert shown == customer.persona.email, (
        f'"Mina uppgifter" shows {shown!r}, not the new address {customer.persona.email!r}'
    )


@when(parsers.re(rf'{NAME} updates {PRONOUN} postal address on "Mina uppgifter"'))
def updates_address(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    street, postal_code, city = _FAKER.street_address(), _FAKER.postcode(), _FAKER.city()
    customer.persona.notes.update(street=street, postal_code=postal_code, city=city)
    customer.etukortti.open_my_details()
    CustomerDataForm(customer.page).save(street, postal_code, city)


@when(parsers.re(rf"{NAME} enters a postal code with only four digits"))
def enters_short_postal_code(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    customer.persona.notes["typed"] = "0010"
    customer.etukortti.open_my_details()
    CustomerDataForm(customer.page).save(_FAKER.street_address(), "0010", _FAKER.city())


@then(parsers.re(rf'"Mina uppgifter" shows {NAME}\'s new postal address'))
def shows_new_address(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    customer.etukortti.wait_for_my_details()
    expect(customer.page.get_by_text(SV.saved)).to_be_visible()
    text = customer.page.locator("main").inner_text()
    for key in ("street", "postal_code", "city"):
        value = customer.persona.notes[key]
        assert value in text, f'"Mina uppgifter" should show {value!r}; it says:\n{text}'
