"""Steps about updated terms of use and privacy notice, acknowledged at the next sign-in."""

from __future__ import annotations

import time

from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from harness.clients.control import ControlClient
from harness.identity_labels import SV
from harness.pages.identity import TermsPage
from harness.personas import PersonaBook
from harness.ui import UI
from steps import NAME
from steps.sign_in import sign_in


@given("the terms of use and the privacy notice have been updated")
def terms_updated(stub_control: dict[str, ControlClient]) -> None:
    # Newer than any version an account accepted before: a far-future, increasing label.
    stub_control["signin"].publish_terms(f"2099-{time.time_ns()}")


@given(parsers.re(rf"{NAME} has accepted the updated terms"))
def has_accepted_terms(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    sign_in(customer)
    TermsPage(customer.page).accept()
    customer.etukortti.wait_for_my_details()
    customer.etukortti.sign_out()


@then(parsers.re(rf"{NAME} is asked to accept the updated terms before continuing"))
def asked_to_accept(personas: PersonaBook, ui: UI, name: str) -> None:
    page = ui.of(personas[name]).page
    TermsPage(page).wait_for()
    for document in (SV.terms_of_use, SV.privacy_notice):
        expect(page.get_by_role("link", name=document)).to_be_visible()
    expect(page.get_by_role("heading", name="Mina uppgifter")).to_have_count(0)


@when(parsers.re(rf"{NAME} accepts the updated terms"))
def accepts_terms(personas: PersonaBook, ui: UI, name: str) -> None:
    TermsPage(ui.of(personas[name]).page).accept()


@when(parsers.re(rf"{NAME} tries to continue without accepting the terms"))
def continues_without_accepting(personas: PersonaBook, ui: UI, name: str) -> None:
    TermsPage(ui.of(personas[name]).page).continue_without_accepting()


@then(parsers.re(rf"{NAME} is told that the terms must be accepted to continue"))
def told_must_accept(personas: PersonaBook, ui: UI, name: str) -> None:
    page = ui.of(personas[name]).page
    expect(page.get_by_text(SV.must_accept)).to_be_visible()
    TermsPage(page).wait_for()
