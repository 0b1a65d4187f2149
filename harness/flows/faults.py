"""Journeys when part of the world fails: the email service down or silent, a stub crashed
and restarted, and what the customer is told meanwhile."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from harness.environment import Environment, crash_stub
from harness.tools.mailpit import MailpitProcess
from harness.ui import Customer
from harness.words import SERVICES

# The sign-in service gives up on a silent SMTP server after 10 s; allow for that.
SMTP_PATIENCE_MS = 25_000


def take_email_down(mailpit: MailpitProcess, request: pytest.FixtureRequest) -> None:
    mailpit.go_down()
    # The next scenario must find its inbox again, whatever happens in this one.
    request.addfinalizer(mailpit.come_back)


def freeze_email(mailpit: MailpitProcess, request: pytest.FixtureRequest) -> None:
    mailpit.freeze()
    request.addfinalizer(mailpit.resume)


def try_to_get_code(customer: Customer) -> None:
    """Ask for a code while the email service is silent: the answer comes only once the
    service gives up on it."""
    customer.etukortti.start_sign_in()
    customer.signin.submit_email(customer.persona.email, patience_ms=SMTP_PATIENCE_MS)


def expect_told_code_not_sent(customer: Customer) -> None:
    customer.signin.shows(customer.labels.code_not_sent, patience_ms=SMTP_PATIENCE_MS)
    customer.signin.shows(customer.labels.try_later)
    # Still on the address form, with nothing that would take a code.
    expect(customer.signin.code_field()).to_have_count(0)


def restart_services(environment: Environment, *services: str | None) -> None:
    """Crash each named service (feature words) and wait until the world restarted it."""
    for words in filter(None, services):
        crash_stub(environment, SERVICES[words])
