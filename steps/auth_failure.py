"""Steps about the AUTH-4376 failure page and the cookie the browser refused."""

from __future__ import annotations

from pytest_bdd import given, parsers, then

from harness.browsers import ScenarioBrowsers
from harness.flows import cookies as flow
from harness.ui import Customers
from steps import NAME, fi, sv


@given(parsers.re(rf"sign-in has failed on {NAME}'s phone with AUTH-4376"))
def failed_on_phone(customers: Customers, name: str) -> None:
    """She tried to sign in on her phone and got the failure page."""
    flow.fail_with_auth_4376(customers[name])


@given(parsers.re(rf"sign-in has failed on {NAME}'s phone because it closed the browser mid-way"))
def failed_after_restart(customers: Customers, name: str) -> None:
    """Her phone closed the browser between asking for the code and entering it."""
    flow.fail_after_browser_closed(customers, name)


@then(parsers.re(rf"{NAME} sees that sign-in failed with error code AUTH-4376"))
@then(sv(rf"ser {NAME} att inloggningen misslyckades med felkod AUTH-4376"))
@then(fi(rf"{NAME} näkee, että kirjautuminen epäonnistui virhekoodilla AUTH-4376"))
def sees_auth_4376(customers: Customers, name: str) -> None:
    """The failure page names AUTH-4376, in her language."""
    flow.expect_auth_4376(customers[name])


@then(parsers.re(rf'{NAME} sees "(?P<heading>[^"]+)" and "(?P<code>[^"]+)"'))
def sees_heading_and_code(customers: Customers, name: str, heading: str, code: str) -> None:
    """The failure page has this heading and shows this code."""
    flow.expect_failure_page(customers[name], heading, code)


@then(parsers.re(rf"{NAME}'s browser refused the sign-in cookie"))
@then(sv(rf"{NAME}s webbläsare vägrade inloggningskakan"))
@then(fi(rf"{NAME}n selain hylkäsi kirjautumisevästeen"))
def browser_refused_cookie(customers: Customers, browsers: ScenarioBrowsers, name: str) -> None:
    """Chromium reports it refused the sign-in cookie because of its settings."""
    flow.expect_cookie_refused(customers[name], browsers)


@then(
    parsers.re(
        rf"the failure page directs {NAME} to owner-customer service "
        r'on "(?P<phone>[^"]+)", "(?P<hours>[^"]+)"'
    )
)
def directs_to_service(customers: Customers, name: str, phone: str, hours: str) -> None:
    """The failure page gives customer service's number and hours."""
    flow.expect_failure_page_shows(customers[name], phone, hours)
