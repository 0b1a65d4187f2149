"""Swedish wording of the sign-in steps, for features written with `# language: sv`.

Each step only translates: it calls the flow its English twin calls."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from harness.cookie_policies import CookiePolicy
from harness.devices import DeviceProfile
from harness.environment import Environment
from harness.flows.account import expect_own_details
from harness.flows.cookies import expect_auth_4376
from harness.flows.sign_in import have_s_login, sign_in
from harness.personas import PersonaBook
from harness.ui import Customers
from harness.words import DEVICES_SV, POLICIES_SV, alternatives, device_in_words, policy_in_words
from steps import NAME


@given(parsers.re(rf"{NAME} har en S-inloggning"))
def har_s_inloggning(personas: PersonaBook, environment: Environment, name: str) -> None:
    """Hon har en S-inloggning (she has an S-login)."""
    have_s_login(personas[name], environment)


@given(
    parsers.re(
        rf"{NAME} använder en (?P<enhet>{alternatives(DEVICES_SV)}) "
        rf"vars webbläsare (?P<kakor>{alternatives(POLICIES_SV)})"
    ),
    converters={"enhet": device_in_words, "kakor": policy_in_words},
)
def anvander_enhet(
    personas: PersonaBook, name: str, enhet: DeviceProfile, kakor: CookiePolicy
) -> None:
    """Hennes enhet och vad webbläsaren gör med kakor (her device and cookie policy)."""
    personas[name].use(enhet, kakor)


@when(parsers.re(rf"{NAME} loggar in med koden från sin e-post"))
def loggar_in(customers: Customers, name: str) -> None:
    """Hon loggar in med koden från e-posten (she signs in with the emailed code)."""
    sign_in(customers[name])


@then(parsers.re(rf'ser {NAME} sina egna uppgifter på "(?P<heading>[^"]+)"'))
def ser_egna_uppgifter(customers: Customers, name: str, heading: str) -> None:
    """Hon ser sina egna uppgifter (she sees her own details)."""
    expect_own_details(customers[name], heading)


@then(parsers.re(rf"ser {NAME} att inloggningen misslyckades med felkod AUTH-4376"))
def ser_auth_4376(customers: Customers, name: str) -> None:
    """Hon ser felkoden AUTH-4376 (she sees the error code)."""
    expect_auth_4376(customers[name])
