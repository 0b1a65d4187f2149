"""Steps that take a real part of the world down: the email service (Mailpit) stopped or
frozen while a customer asks for her code, and back again."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from harness.environment import Environment, crash_stub
from harness.errors import HarnessSetupError
from harness.personas import PersonaBook
from harness.tools.mailpit import MailpitProcess
from harness.ui import UI
from steps import NAME

CODE_NOT_SENT = "Vi kunde inte skicka koden just nu"
TRY_LATER = "Vänta en stund och försök sedan igen."
# The sign-in service gives up on a silent SMTP server after 10 s; allow for that.
SMTP_PATIENCE_MS = 25_000


def owned(mailpit_process: MailpitProcess | None) -> MailpitProcess:
    if mailpit_process is None:
        raise HarnessSetupError(
            "This scenario stops and freezes the email service, which only works with the "
            "Mailpit the harness starts itself. Unset MAILPIT_URL to let it start one."
        )
    return mailpit_process


@given("the email service is down")
def email_down(mailpit_process: MailpitProcess | None, request: pytest.FixtureRequest) -> None:
    mailpit = owned(mailpit_process)
    mailpit.go_down()
    # The next scenario must find its inbox again, whatever happens in this one.
    request.addfinalizer(mailpit.come_back)


@given("the email service stops answering")
def email_frozen(mailpit_process: MailpitProcess | None, request: pytest.FixtureRequest) -> None:
    mailpit = owned(mailpit_process)
    mailpit.freeze()
    request.addfinalizer(mailpit.resume)


@when(parsers.re(r"the email service (?:is back|answers again)"))
def email_back(mailpit_process: MailpitProcess | None) -> None:
    owned(mailpit_process).come_back()


@then(parsers.re(rf"{NAME} is told the code could not be sent and to try again later"))
def told_not_sent(personas: PersonaBook, ui: UI, name: str) -> None:
    page = ui.of(personas[name]).page
    expect(page.get_by_text(CODE_NOT_SENT)).to_be_visible(timeout=SMTP_PATIENCE_MS)
    expect(page.get_by_text(TRY_LATER)).to_be_visible()
    # Still on the address form, with nothing that would take a code.
    expect(page.get_by_label(ui.of(personas[name]).labels.code_field)).to_have_count(0)


@when(parsers.re(rf"{NAME} tries to get a sign-in code"))
def tries_to_get_code(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    customer.etukortti.start_sign_in()
    customer.page.get_by_label(customer.labels.email_field).fill(customer.persona.email)
    # The answer comes only once the service gives up on the silent email server.
    send = customer.page.get_by_role("button", name=customer.labels.send_code)
    send.click(timeout=SMTP_PATIENCE_MS)


# How features name the world's services, and the site names of the manifest.
SERVICES = {
    "sign-in service": "signin",
    "S-Etukortti site": "etukortti",
    "customer register": "register",
    "bank identification service": "bank",
    "text-message service": "sms",
    "shops": "shops",
}
SERVICE_WORDS = "|".join(SERVICES)


@when(
    parsers.re(
        rf"the (?P<first>{SERVICE_WORDS})(?: and the (?P<second>{SERVICE_WORDS}))? "
        r"(?:crash and are|crashes and is) restarted"
    )
)
def services_restart(environment: Environment, first: str, second: str | None) -> None:
    for words in filter(None, (first, second)):
        crash_stub(environment, SERVICES[words])
