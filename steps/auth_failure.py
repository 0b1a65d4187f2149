"""Steps about the AUTH-4376 failure page and the cookie the browser refused."""

from __future__ import annotations

from pytest_bdd import given, parsers, then

from harness.personas import PersonaBook
from harness.ui import UI
from steps import NAME, SIGN_IN_COOKIE
from steps.sign_in import ask_for_code, enter_emailed_code, sign_in


@given(parsers.re(rf"sign-in has failed on {NAME}'s phone with AUTH-4376"))
def failed_on_phone(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    sign_in(customer)
    customer.signin.wait_for_failure_page()


@then(parsers.re(rf"{NAME} sees that sign-in failed with error code AUTH-4376"))
def sees_auth_4376(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    customer.signin.wait_for_failure_page()
    customer.signin.shows(customer.labels.failure_code)


@then(parsers.re(r'(?P<name>[A-ZÅÄÖ][\w-]+) sees "(?P<heading>[^"]+)" and "(?P<code>[^"]+)"'))
def sees_heading_and_code(
    personas: PersonaBook, ui: UI, name: str, heading: str, code: str
) -> None:
    customer = ui.of(personas[name])
    customer.signin.wait_for_failure_page()
    actual = customer.signin.heading()
    assert actual == heading, f"The failure page's heading is {actual!r}, expected {heading!r}"
    customer.signin.shows(code)


@then(parsers.re(rf"{NAME}'s browser refused the sign-in cookie"))
def browser_refused_cookie(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    blocked = ui.browsers.blocked_cookies
    signin_host = ui.environment.signin.host
    refused = [b for b in blocked if b.name == SIGN_IN_COOKIE and b.site == signin_host]
    assert refused, (
        f"Expected Chromium to report that it refused {SIGN_IN_COOKIE} from {signin_host} on "
        f"{name}'s {customer.persona.device} ({customer.persona.cookie_policy}); it reported "
        f"{[b.describe() for b in blocked] or 'no refused cookies'}"
    )
    reasons = {reason for b in refused for reason in b.reasons}
    assert "UserPreferences" in reasons, f"Refused, but for {sorted(reasons)}, not the settings"


@then(
    parsers.re(
        r"the failure page directs (?P<name>[A-ZÅÄÖ][\w-]+) to owner-customer service "
        r'on "(?P<phone>[^"]+)", "(?P<hours>[^"]+)"'
    )
)
def directs_to_service(personas: PersonaBook, ui: UI, name: str, phone: str, hours: str) -> None:
    customer = ui.of(personas[name])
    customer.signin.wait_for_failure_page()
    customer.signin.shows(phone)
    customer.signin.shows(hours)


@given(parsers.re(rf"sign-in has failed on {NAME}'s phone because it closed the browser mid-way"))
def failed_after_restart(personas: PersonaBook, ui: UI, name: str) -> None:
    persona = personas[name]
    customer = ui.of(persona)
    ask_for_code(customer)
    customer = ui.restart_browser(persona)
    enter_emailed_code(customer)
    customer.signin.wait_for_failure_page()
