"""Steps about signing in with bank codes (strong bank authentication)."""

from __future__ import annotations

from playwright.sync_api import expect
from pytest_bdd import parsers, then, when

from harness.identity_labels import SV
from harness.personas import PersonaBook
from harness.ui import UI
from steps import NAME
from steps.cards import identify_at_bank


@when(parsers.re(rf"{NAME} signs in with bank codes"))
def signs_in_with_bank_codes(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    customer.etukortti.start_sign_in()
    customer.page.get_by_role("link", name=SV.bank_login).click()
    identify_at_bank(customer)


@then(parsers.re(rf"{NAME} is told that bank codes work once a card is linked"))
def bank_codes_unavailable(personas: PersonaBook, ui: UI, name: str) -> None:
    page = ui.of(personas[name]).page
    expect(page.get_by_role("heading", name=SV.bank_login_unavailable)).to_be_visible()
    expect(page.get_by_text("S-Förmånskort").first).to_be_visible()
