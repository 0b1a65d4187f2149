"""Steps about what arrives in a customer's inbox."""

from __future__ import annotations

from pytest_bdd import parsers, then

from harness.personas import PersonaBook
from harness.ui import UI
from steps import NAME


@then(parsers.re(rf"{NAME} sees the same page as (?P<other>[A-ZÅÄÖ][\w-]+)"))
def same_page(personas: PersonaBook, ui: UI, name: str, other: str) -> None:
    mine, theirs = ui.of(personas[name]), ui.of(personas[other])
    assert mine.signin.body_text() == theirs.signin.body_text(), (
        "An address without an S-login got a different page from one with an S-login: "
        f"{mine.signin.body_text()!r} vs {theirs.signin.body_text()!r}"
    )
    assert mine.page.url.split("?")[0] == theirs.page.url.split("?")[0]


@then(parsers.re(rf"{NAME}'s email says there is no S-login for (?:her|his) address"))
def no_account_email(personas: PersonaBook, name: str) -> None:
    persona = personas[name]
    email = persona.mailbox.next_message()
    assert "/register" in email.text, (
        f"The email to {persona.email} should offer to create an S-login; it says:\n{email.text}"
    )
    try:
        email.one_time_code()
    except AssertionError:
        return
    raise AssertionError(f"An address without an S-login was sent a code:\n{email.text}")
