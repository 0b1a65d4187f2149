"""Journeys where the browser loses or refuses the sign-in cookie (AUTH-4376), and what
Chromium itself reports about it."""

from __future__ import annotations

from contract.cookies import LOGIN_TX
from harness.browsers import ScenarioBrowsers
from harness.flows.sign_in import ask_for_code, enter_emailed_code, sign_in
from harness.ui import Customer, Customers

# The login-transaction cookie the sign-in service sets when the address is submitted.
SIGN_IN_COOKIE = LOGIN_TX


def fail_with_auth_4376(customer: Customer) -> None:
    sign_in(customer)
    customer.signin.wait_for_failure_page()


def fail_after_browser_closed(customers: Customers, name: str) -> None:
    """Ask for a code, have the phone close the browser, then enter the code."""
    ask_for_code(customers[name])
    customer = customers.restart_browser(name)
    enter_emailed_code(customer)
    customer.signin.wait_for_failure_page()


def expect_auth_4376(customer: Customer) -> None:
    customer.signin.wait_for_failure_page()
    customer.signin.shows(customer.labels.failure_code)


def expect_failure_page_shows(customer: Customer, *texts: str) -> None:
    customer.signin.wait_for_failure_page()
    for text in texts:
        customer.signin.shows(text)


def expect_failure_page(customer: Customer, heading: str, code: str) -> None:
    customer.signin.wait_for_failure_page()
    actual = customer.signin.heading()
    assert actual == heading, f"The failure page's heading is {actual!r}, expected {heading!r}"
    customer.signin.shows(code)


def expect_cookie_refused(customer: Customer, browsers: ScenarioBrowsers) -> None:
    blocked = browsers.blocked_cookies
    host = customer.environment.signin.host
    refused = [b for b in blocked if b.name == SIGN_IN_COOKIE and b.site == host]
    persona = customer.persona
    assert refused, (
        f"Expected Chromium to report that it refused {SIGN_IN_COOKIE} from {host} on "
        f"{persona.name}'s {persona.device} ({persona.cookie_policy}); it reported "
        f"{[b.describe() for b in blocked] or 'no refused cookies'}"
    )
    reasons = {reason for b in refused for reason in b.reasons}
    assert "UserPreferences" in reasons, f"Refused, but for {sorted(reasons)}, not the settings"


def expect_cookie_lost_at_restart(customer: Customer, browsers: ScenarioBrowsers) -> None:
    host = customer.environment.signin.host
    cleared = browsers.cleared_at_restart
    assert any(c.name == SIGN_IN_COOKIE and c.site == host for c in cleared), (
        f"Expected {SIGN_IN_COOKIE} from {host} to vanish when {customer.name}'s browser "
        f"closed ({customer.persona.cookie_policy}); cleared: "
        f"{[c.describe() for c in cleared] or 'none'}"
    )
