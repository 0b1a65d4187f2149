"""Steps about what a form says when the customer typed something it cannot take."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import expect
from pytest_bdd import parsers, then

from harness.identity_labels import SV
from harness.labels import Labels
from harness.personas import PersonaBook
from harness.ui import UI
from steps import NAME

# In feature words: which field, the message that asks to check it, and the field's label.
# The sign-in form speaks the customer's language; the identity pages are Swedish.
CHECKS: dict[str, tuple[Callable[[Labels], str], Callable[[Labels], str]]] = {
    "the address": (lambda w: w.check_email_address, lambda w: w.email_field),
    "the email address": (lambda w: SV.check_email, lambda w: SV.new_email),
    "the phone number": (lambda w: SV.check_phone, lambda w: SV.phone_field),
    "the postal code": (lambda w: SV.check_postal_code, lambda w: SV.postal_code),
}


@then(
    parsers.re(
        rf"{NAME} is asked to check (?P<what>{'|'.join(sorted(CHECKS, key=len, reverse=True))}),"
        r" with what (?:she|he) typed kept"
    )
)
def asked_to_check(personas: PersonaBook, ui: UI, name: str, what: str) -> None:
    customer = ui.of(personas[name])
    message, field = (pick(customer.labels) for pick in CHECKS[what])
    expect(customer.page.get_by_text(message)).to_be_visible()
    expect(customer.page.get_by_label(field)).to_have_value(customer.persona.notes["typed"])
