"""Swedish wording of the sign-in steps, for features written with `# language: sv`.

Each step only translates: it calls the English step of the same meaning.
"""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from harness.environment import Environment
from harness.personas import PersonaBook
from harness.ui import UI
from steps import NAME
from steps.account import sees_own_details
from steps.auth_failure import sees_auth_4376
from steps.personas import customer_with_s_login
from steps.sign_in import signs_in

DEVICES_SV = {"Samsung-telefon": "samsung-s24-internet-29", "dator": "desktop-chrome"}
POLICIES_SV = {"blockerar kakor": "block-all", "tillåter kakor": "allow"}


@given(parsers.re(rf"{NAME} har en S-inloggning"))
def har_s_inloggning(personas: PersonaBook, environment: Environment, name: str) -> None:
    customer_with_s_login(personas, environment, name)


@given(
    parsers.re(
        rf"{NAME} använder en (?P<enhet>{'|'.join(DEVICES_SV)}) "
        rf"vars webbläsare (?P<kakor>{'|'.join(POLICIES_SV)})"
    )
)
def anvander_enhet(personas: PersonaBook, name: str, enhet: str, kakor: str) -> None:
    persona = personas[name]
    persona.device = DEVICES_SV[enhet]
    persona.cookie_policy = POLICIES_SV[kakor]


@when(parsers.re(rf"{NAME} loggar in med koden från sin e-post"))
def loggar_in(personas: PersonaBook, ui: UI, name: str) -> None:
    signs_in(personas, ui, name)


@then(parsers.re(rf'ser {NAME} sina egna uppgifter på "(?P<heading>[^"]+)"'))
def ser_egna_uppgifter(personas: PersonaBook, ui: UI, name: str, heading: str) -> None:
    sees_own_details(personas, ui, name, heading)


@then(parsers.re(rf"ser {NAME} att inloggningen misslyckades med felkod AUTH-4376"))
def ser_auth_4376(personas: PersonaBook, ui: UI, name: str) -> None:
    sees_auth_4376(personas, ui, name)
