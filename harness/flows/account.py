"""Journeys on the customer's own details: "Mina uppgifter", the S-login's email address,
the postal address, and updated terms accepted at sign-in."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import expect

from harness.flows.sign_in import sign_in
from harness.personas import EMAIL_DOMAIN, shared_faker
from harness.scenario_log import PostalAddress
from harness.ui import Customer


def expect_own_details(customer: Customer, heading: str) -> None:
    """`heading` is how the feature names the page; it must be the page's own name."""
    own = customer.labels.my_details
    assert heading == own, (
        f'The feature names the page "{heading}" but in {customer.persona.language} it is "{own}"'
    )
    expect_shown_email(customer, heading)


def expect_shown_email(customer: Customer, page_name: str | None = None) -> None:
    """Her details page (`page_name` as the feature calls it) shows her current address."""
    page_name = page_name or customer.labels.my_details
    customer.etukortti.wait_for_my_details()
    shown = customer.etukortti.shown_email()
    assert shown == customer.persona.email, (
        f'"{page_name}" shows {shown!r}, not {customer.name}\'s own address '
        f"{customer.persona.email!r}"
    )


def expect_never_asked_for_password(customer: Customer) -> None:
    seen = customer.signin.password_fields_seen
    assert seen == 0, f"{customer.name} was shown {seen} password field(s) on the way in"


def expect_must_sign_in_again(customer: Customer, heading: str) -> None:
    customer.etukortti.open_my_details()
    expect(customer.signin.email_field()).to_be_visible()
    expect(customer.page.get_by_role("heading", name=heading)).to_have_count(0)


def open_s_login_details(customer: Customer) -> None:
    customer.etukortti.open_s_login_details()
    customer.account.wait_for()


def change_email(customer: Customer) -> None:
    """Change the S-login's address to a new one, confirmed with the code sent there."""
    persona = customer.persona
    new_address = f"{persona.name.lower()}.new.{uuid.uuid4().hex[:10]}@{EMAIL_DOMAIN}"
    new_mailbox = persona.mailbox.client.mailbox(new_address)
    open_s_login_details(customer)
    customer.account.request_email_change(new_address)
    customer.account.confirm_email(new_mailbox.next_message().one_time_code())
    persona.previous_mailbox = persona.mailbox
    persona.email, persona.mailbox = new_address, new_mailbox


def change_email_with_typo(customer: Customer) -> str:
    """Ask to change the address to one with a doubled "@"; what was typed."""
    typo = customer.persona.email.replace("@", "@@")
    open_s_login_details(customer)
    customer.account.request_email_change(typo)
    return typo


def expect_new_email_shown(customer: Customer) -> None:
    expect(customer.page.get_by_text(customer.labels.email_changed)).to_be_visible()
    expect(customer.page.get_by_text(customer.persona.email).first).to_be_visible()


def expect_old_address_told(customer: Customer) -> None:
    old = customer.persona.previous_mailbox
    assert old is not None, f"{customer.name} has not changed her address in this scenario"
    notice = old.next_message()
    codes = [line for line in notice.text.splitlines() if re.fullmatch(r"\s*\d{4}\s*", line)]
    assert not codes, f"The notice to the old address must carry no code:\n{notice.text}"


def expect_my_details_show_new_email(customer: Customer) -> None:
    customer.etukortti.open_my_details()
    expect_shown_email(customer)


def update_postal_address(customer: Customer) -> None:
    faker = shared_faker()
    address = PostalAddress(faker.street_address(), faker.postcode(), faker.city())
    customer.log.postal_address = address
    customer.etukortti.open_my_details()
    customer.customer_data.save(*address.lines())


def enter_short_postal_code(customer: Customer) -> str:
    """Save an address whose postal code has four digits; the code typed."""
    short = "0010"
    customer.etukortti.open_my_details()
    faker = shared_faker()
    customer.customer_data.save(faker.street_address(), short, faker.city())
    return short


def expect_new_postal_address(customer: Customer) -> None:
    address = customer.log.postal_address
    assert address is not None, f"{customer.name} saved no postal address in this scenario"
    customer.etukortti.wait_for_my_details()
    expect(customer.page.get_by_text(customer.labels.saved)).to_be_visible()
    text = customer.etukortti.main_text()
    for value in address.lines():
        assert value in text, (
            f'"{customer.labels.my_details}" should show {value!r}; it says:\n{text}'
        )


def expect_asked_to_check(customer: Customer, message: str, field: str, typed: str) -> None:
    """The form says `message` and keeps `typed` in the field labelled `field`."""
    expect(customer.page.get_by_text(message)).to_be_visible()
    expect(customer.page.get_by_label(field)).to_have_value(typed)


def accept_updated_terms_at_sign_in(customer: Customer) -> None:
    sign_in(customer)
    customer.terms.accept()
    customer.etukortti.wait_for_my_details()
    customer.etukortti.sign_out()


def expect_asked_to_accept_terms(customer: Customer) -> None:
    customer.terms.wait_for()
    for document in (customer.labels.terms_of_use, customer.labels.privacy_notice):
        expect(customer.page.get_by_role("link", name=document)).to_be_visible()
    expect(customer.etukortti.my_details_heading()).to_have_count(0)


def expect_told_must_accept(customer: Customer) -> None:
    expect(customer.page.get_by_text(customer.labels.must_accept)).to_be_visible()
    customer.terms.wait_for()
