"""Typed fixtures of one scenario: its customers by name, its log, and its email service."""

from __future__ import annotations

import pytest

from harness.personas import PersonaBook
from harness.scenario_log import ScenarioLog
from harness.tools.mailpit import MailpitProcess
from harness.ui import UI, Customers


@pytest.fixture
def customers(personas: PersonaBook, ui: UI) -> Customers:
    """Each name of the feature as a customer in front of her current browser."""
    return Customers(personas, ui)


@pytest.fixture
def scenario_log(ui: UI) -> ScenarioLog:
    """What has happened so far in this scenario (codes, purchases, coupons …)."""
    return ui.log


@pytest.fixture
def email_service(mailpit_process: MailpitProcess | None) -> MailpitProcess:
    """The Mailpit this harness started, which a scenario may stop, freeze and restore."""
    if mailpit_process is None:
        # A capability of the environment, as a control API is: skipped where it is missing.
        pytest.skip(
            "stops and freezes the email service, which only works with the Mailpit the "
            "harness starts itself (the embedded stub world without MAILPIT_URL)"
        )
    return mailpit_process
