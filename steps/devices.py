"""Steps about the customer's device and what its browser does with cookies."""

from __future__ import annotations

from collections.abc import Callable

from pytest_bdd import given, parsers, then, when

from harness.browsers import ScenarioBrowsers
from harness.cookie_policies import CookiePolicy
from harness.devices import DeviceProfile
from harness.flows.cookies import expect_cookie_lost_at_restart
from harness.personas import PersonaBook
from harness.ui import Customers
from harness.words import (
    DEVICE,
    DEVICES_FI,
    DEVICES_SV,
    POLICIES_FI,
    POLICIES_SV,
    POLICY,
    alternatives,
    device_in_words,
    policy_in_words,
)
from steps import NAME, PRONOUN, fi, sv

DEVICE_AND_POLICY: dict[str, Callable[[str], object]] = {
    "device": device_in_words,
    "policy": policy_in_words,
}


@given(
    parsers.re(
        rf"{NAME} uses (?:a|an|her|his) (?P<device>{DEVICE}) whose browser (?P<policy>{POLICY})"
    ),
    converters=DEVICE_AND_POLICY,
)
@given(
    sv(
        rf"{NAME} använder en (?P<device>{alternatives(DEVICES_SV)}) "
        rf"vars webbläsare (?P<policy>{alternatives(POLICIES_SV)})"
    ),
    converters=DEVICE_AND_POLICY,
)
@given(
    fi(
        rf"{NAME} käyttää (?P<device>{alternatives(DEVICES_FI)}), "
        rf"jonka selain (?P<policy>{alternatives(POLICIES_FI)})"
    ),
    converters=DEVICE_AND_POLICY,
)
def customer_device(
    personas: PersonaBook, name: str, device: DeviceProfile, policy: CookiePolicy
) -> None:
    """Her device, and what its browser does with cookies (later steps keep to it)."""
    personas[name].use(device, policy)


@given(parsers.re(rf"{NAME}'s browser (?P<policy>{POLICY})"), converters=DEVICE_AND_POLICY)
def customer_policy(personas: PersonaBook, name: str, policy: CookiePolicy) -> None:
    """What her current device's browser does with cookies."""
    persona = personas[name]
    persona.use(persona.device, policy)


@when(parsers.re(rf"the phone closes {NAME}'s browser while (?:she|he) reads {PRONOUN} email"))
def phone_closes_browser(customers: Customers, name: str) -> None:
    """Her phone closes the browser (and its tab comes back when she returns)."""
    customers.restart_browser(name)


@then(parsers.re(rf"{NAME}'s sign-in cookie was lost when the browser closed"))
def cookie_lost_at_restart(customers: Customers, browsers: ScenarioBrowsers, name: str) -> None:
    """Chromium itself dropped the sign-in cookie when the browser closed."""
    expect_cookie_lost_at_restart(customers[name], browsers)
