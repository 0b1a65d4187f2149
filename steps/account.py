"""Steps about the S-Etukortti account site: "Mina uppgifter" and signing out."""

from __future__ import annotations

from playwright.sync_api import expect
from pytest_bdd import parsers, then, when

from harness.personas import PersonaBook
from harness.ui import UI
from steps import NAME, PRONOUN


@then(parsers.re(rf'{NAME} sees {PRONOUN} own details on "(?P<heading>[^"]+)"'))
def sees_own_details(personas: PersonaBook, ui: UI, name: str, heading: str) -> None:
    customer = ui.of(personas[name])
    assert heading == customer.labels.my_details, (
        f'The feature names the page "{heading}" but in {customer.persona.language} it is '
        f'"{customer.labels.my_details}"'
    )
    customer.etukortti.wait_for_my_details()
    shown = customer.etukortti.shown_email()
    assert shown == customer.persona.email, (
        f'"{heading}" shows {shown!r}, not {name}\'s own address {customer.persona.email!r}'
    )


@then(parsers.re(rf"{NAME} was never asked for a password"))
def never_asked_for_password(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    seen = customer.signin.password_fields_seen
    assert seen == 0, f"{name} was shown {seen} password field(s) on the way in"


@when(parsers.re(rf"{NAME} signs out"))
def signs_out(personas: PersonaBook, ui: UI, name: str) -> None:
    ui.of(personas[name]).etukortti.sign_out()


@then(parsers.re(rf'{NAME} must sign in again to see "(?P<heading>[^"]+)"'))
def must_sign_in_again(personas: PersonaBook, ui: UI, name: str, heading: str) -> None:
    customer = ui.of(personas[name])
    customer.etukortti.open_my_details()
    expect(customer.page.get_by_label(customer.labels.email_field)).to_be_visible()
    expect(customer.page.get_by_role("heading", name=heading)).to_have_count(0)
