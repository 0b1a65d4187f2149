"""Steps about creating an S-login and signing in with an emailed code."""

from __future__ import annotations

from playwright.sync_api import Locator, expect
from pytest_bdd import given, parsers, then, when

from harness.clients.accounts import create_s_login
from harness.clients.inbox import MailpitClient
from harness.devices import DEVICE_WORDS
from harness.environment import Environment
from harness.pages.identity import LinkCardPages
from harness.personas import PersonaBook
from harness.ui import UI, CustomerUI
from steps import NAME, PRONOUN
from steps.devices import DEVICE


def ask_for_code(customer: CustomerUI, *, create: bool = False) -> None:
    """From the account site to the code form, as the customer clicks through it."""
    if create:
        customer.etukortti.start_creating_s_login()
    else:
        customer.etukortti.start_sign_in()
    customer.signin.submit_email(customer.persona.email)
    customer.signin.wait_for_code_form()


def enter_emailed_code(customer: CustomerUI) -> str:
    code = customer.persona.mailbox.next_message().one_time_code()
    customer.signin.enter_code(code)
    customer.persona.notes["last_code"] = code
    return code


def sign_in_if_asked(customer: CustomerUI, landed: Locator) -> bool:
    """Wait until `landed` shows or the sign-in service asks for the address; if it asks,
    sign in with an emailed code. Whether she was asked; `landed` shows afterwards."""
    email_field = customer.page.get_by_label(customer.labels.email_field)
    expect(email_field.or_(landed)).to_be_visible()
    asked = not landed.is_visible()
    if asked:
        customer.signin.submit_email(customer.persona.email)
        customer.signin.wait_for_code_form()
        enter_emailed_code(customer)
    expect(landed).to_be_visible()
    return asked


def sign_in(customer: CustomerUI) -> None:
    ask_for_code(customer)
    enter_emailed_code(customer)


def a_wrong_code(right: str, attempt: int) -> str:
    return f"{(int(right) + 1 + attempt) % 10000:04d}"


@given(parsers.re(rf"{NAME} is signed in on the S-Etukortti site"))
def signed_in(personas: PersonaBook, ui: UI, environment: Environment, name: str) -> None:
    persona = personas[name]
    create_s_login(environment, persona.mailbox, persona.language)
    customer = ui.of(persona)
    sign_in(customer)
    customer.etukortti.wait_for_my_details()


@given(parsers.re(rf"{NAME} signed in earlier with a code from {PRONOUN} email"))
def signed_in_earlier(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    sign_in(customer)
    customer.etukortti.wait_for_my_details()
    customer.persona.notes["earlier_code"] = customer.persona.notes["last_code"]
    customer.etukortti.sign_out()


@given(parsers.re(rf"{NAME} has asked for a sign-in code"))
@when(parsers.re(rf"{NAME} asks for a sign-in code"))
def asks_for_code(personas: PersonaBook, ui: UI, name: str) -> None:
    ask_for_code(ui.of(personas[name]))


@when(parsers.re(rf"{NAME} creates an S-login on the S-Etukortti site"))
def creates_s_login(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    ask_for_code(customer, create=True)
    enter_emailed_code(customer)
    # A new S-login is offered to add the S-Förmånskort; this customer has none to add.
    LinkCardPages(customer.page).skip()


@when(parsers.re(rf"{NAME} signs in with the code from {PRONOUN} email"))
def signs_in(personas: PersonaBook, ui: UI, name: str) -> None:
    sign_in(ui.of(personas[name]))


@when(
    parsers.re(
        rf"{NAME} signs in on {PRONOUN} (?P<device_words>{DEVICE}) "
        rf"with the code from {PRONOUN} email"
    )
)
def signs_in_on_other_device(personas: PersonaBook, ui: UI, name: str, device_words: str) -> None:
    persona = personas[name]
    persona.device = DEVICE_WORDS[device_words]
    persona.cookie_policy = "allow"
    sign_in(ui.of(persona))


@when(parsers.re(rf"{NAME} enters the code from {PRONOUN} email"))
def enters_code(personas: PersonaBook, ui: UI, name: str) -> None:
    enter_emailed_code(ui.of(personas[name]))


@when(parsers.re(rf"{NAME} enters the earlier code"))
def enters_earlier_code(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    customer.signin.enter_code(customer.persona.notes["earlier_code"])


@when(parsers.re(rf"{NAME} enters a wrong code five times"))
def enters_wrong_codes(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    right = customer.persona.mailbox.next_message().one_time_code()
    customer.persona.notes["last_code"] = right
    for attempt in range(5):
        customer.signin.enter_code(a_wrong_code(right, attempt))
        if attempt < 4:
            customer.signin.shows(customer.labels.wrong_code)


# What the customer is told, in feature words, and the label that says it on the page.
TOLD = {
    "the code is wrong": "wrong_code",
    "to ask for a new code": "too_many_attempts",
    "the code has expired": "code_expired",
}


@then(parsers.re(rf"{NAME} is told (?P<what>{'|'.join(TOLD)})"))
def told(personas: PersonaBook, ui: UI, name: str, what: str) -> None:
    customer = ui.of(personas[name])
    customer.signin.shows(getattr(customer.labels, TOLD[what]))


@then(parsers.re(rf"the code from {NAME}'s email no longer signs (?:her|him) in"))
def code_no_longer_works(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    customer.signin.enter_code(customer.persona.notes["last_code"])
    customer.signin.shows(customer.labels.too_many_attempts)
    assert_not_signed_in(customer)


@then(parsers.re(rf"the new code from {NAME}'s email still signs (?:her|him) in"))
def new_code_signs_in(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    enter_emailed_code(customer)
    customer.etukortti.wait_for_my_details()


def assert_not_signed_in(customer: CustomerUI) -> None:
    host = customer.etukortti.site.host
    assert host not in customer.page.url, (
        f"{customer.persona.name} reached {customer.page.url} although the code should "
        "have been refused"
    )
    expect(customer.page.get_by_role("heading", name=customer.labels.my_details)).to_have_count(0)


@when(parsers.re(rf"{NAME} asks for a sign-in code with a mistyped address"))
def asks_with_mistyped_address(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    # A typical slip: the top-level domain left off. Browsers accept it; the service must not.
    mistyped = customer.persona.email.removesuffix(".com")
    customer.persona.notes["typed"] = mistyped
    customer.etukortti.start_sign_in()
    customer.signin.submit_email(mistyped)


@then(parsers.re(rf"no email is sent to {NAME}"))
def no_email_sent(personas: PersonaBook, inbox: MailpitClient, name: str) -> None:
    persona = personas[name]
    # The service answers only after it has (or has not) handed the mail to SMTP,
    # so the inbox can be checked right away.
    fresh = persona.mailbox.unseen_count()
    assert fresh == 0, f"{fresh} new email(s) went to {persona.email}, expected none"
    mistyped = persona.notes["typed"]
    stray = inbox.mailbox(mistyped).count()
    assert stray == 0, f"{stray} email(s) went to the mistyped address {mistyped}"
