"""Journeys of signing in with an emailed code, and what the sign-in service then shows."""

from __future__ import annotations

from playwright.sync_api import Locator, expect

from harness.clients.accounts import create_s_login
from harness.environment import Environment
from harness.personas import Persona
from harness.ui import Customer
from harness.words import TOLD


def have_s_login(persona: Persona, environment: Environment) -> None:
    """State, not behaviour: an S-login made over HTTP through the same public forms, so no
    browser opens before the scenario has chosen her device. A user the environment already
    has (its [users]) has one."""
    if persona.provisioned is None:
        create_s_login(environment, persona.mailbox, persona.language)


def ask_for_code(customer: Customer, *, create: bool = False) -> None:
    """From the account site to the code form, as the customer clicks through it."""
    if create:
        customer.etukortti.start_creating_s_login()
    else:
        customer.etukortti.start_sign_in()
    customer.signin.submit_email(customer.persona.email)
    customer.signin.wait_for_code_form()


def open_sign_in(customer: Customer) -> None:
    """From the account site to the sign-in service's email form."""
    customer.etukortti.start_sign_in()
    expect(customer.signin.email_field()).to_be_visible()


def enter_emailed_code(customer: Customer) -> str:
    code = customer.persona.mailbox.next_message().one_time_code()
    customer.log.codes.append(code)
    customer.signin.enter_code(code)
    return code


def sign_in(customer: Customer) -> str:
    """Ask for a code and enter it; the code."""
    ask_for_code(customer)
    return enter_emailed_code(customer)


def create_s_login_in_browser(customer: Customer) -> None:
    ask_for_code(customer, create=True)
    enter_emailed_code(customer)


def sign_in_if_asked(customer: Customer, landed: Locator) -> bool:
    """Wait until `landed` shows or the sign-in service asks for the address; if it asks,
    sign in with an emailed code. Whether she was asked; `landed` shows afterwards."""
    expect(customer.signin.email_field().or_(landed)).to_be_visible()
    asked = not landed.is_visible()
    if asked:
        customer.signin.submit_email(customer.persona.email)
        customer.signin.wait_for_code_form()
        enter_emailed_code(customer)
    expect(landed).to_be_visible()
    return asked


def open_my_details(customer: Customer) -> None:
    """On S-Etukortti's "Mina uppgifter", signing in with an emailed code if asked."""
    customer.etukortti.open_my_details()
    sign_in_if_asked(customer, customer.etukortti.my_details_heading())


def be_signed_in_on_etukortti(customer: Customer) -> None:
    have_s_login(customer.persona, customer.environment)
    sign_in(customer)
    customer.etukortti.wait_for_my_details()


def have_signed_in_earlier(customer: Customer) -> str:
    """Sign in and out again; the code that was used."""
    code = sign_in(customer)
    customer.etukortti.wait_for_my_details()
    customer.etukortti.sign_out()
    return code


def a_wrong_code(right: str, attempt: int) -> str:
    return f"{(int(right) + 1 + attempt) % 10000:04d}"


def enter_wrong_codes(customer: Customer, times: int = 5) -> None:
    """Enter wrong codes until the last try; the right one is noted, never entered."""
    right = customer.persona.mailbox.next_message().one_time_code()
    customer.log.codes.append(right)
    for attempt in range(times):
        customer.signin.enter_code(a_wrong_code(right, attempt))
        if attempt < times - 1:
            customer.signin.shows(customer.labels.wrong_code)


def expect_told(customer: Customer, what: str) -> None:
    """`what` in the feature's words (see `TOLD`)."""
    customer.signin.shows(getattr(customer.labels, TOLD[what]))


def expect_not_signed_in(customer: Customer) -> None:
    host = customer.etukortti.site.host
    assert host not in customer.page.url, (
        f"{customer.name} reached {customer.page.url} although the code should have been refused"
    )
    expect(customer.etukortti.my_details_heading()).to_have_count(0)


def expect_last_code_refused(customer: Customer) -> None:
    customer.signin.enter_code(customer.log.last_code)
    customer.signin.shows(customer.labels.too_many_attempts)
    expect_not_signed_in(customer)


def expect_new_code_signs_in(customer: Customer) -> None:
    enter_emailed_code(customer)
    customer.etukortti.wait_for_my_details()


def ask_with_mistyped_address(customer: Customer) -> str:
    """Ask for a code at an address sent before its domain was typed out (sara@example for
    sara@example.com); what was typed."""
    # A typical slip. Browsers accept it; the service must not. Cut at the domain's first
    # dot, not by removing ".com": an environment's mail domain may be qa.staging.example.
    local, _, domain = customer.persona.email.partition("@")
    mistyped = f"{local}@{domain.split('.')[0]}"
    customer.etukortti.start_sign_in()
    customer.signin.submit_email(mistyped)
    return mistyped


def expect_no_email(customer: Customer, mistyped: str) -> None:
    persona = customer.persona
    # The service answers only after it has (or has not) handed the mail to SMTP,
    # so the inbox can be checked right away.
    fresh = persona.mailbox.unseen_count()
    assert fresh == 0, f"{fresh} new email(s) went to {persona.email}, expected none"
    stray = persona.mailbox.client.mailbox(mistyped).count()
    assert stray == 0, f"{stray} email(s) went to the mistyped address {mistyped}"


def expect_same_page(customer: Customer, other: Customer) -> None:
    mine, theirs = customer.signin.body_text(), other.signin.body_text()
    assert mine == theirs, (
        "An address without an S-login got a different page from one with an S-login: "
        f"{mine!r} vs {theirs!r}"
    )
    assert customer.page.url.split("?")[0] == other.page.url.split("?")[0], (
        f"{customer.name} landed on {customer.page.url}, {other.name} on {other.page.url}"
    )


def expect_no_account_email(customer: Customer) -> None:
    email = customer.persona.mailbox.next_message()
    assert "/register" in email.text, (
        f"The email to {customer.persona.email} should offer to create an S-login; it says:"
        f"\n{email.text}"
    )
    try:
        email.one_time_code()
    except AssertionError:
        return
    raise AssertionError(f"An address without an S-login was sent a code:\n{email.text}")
