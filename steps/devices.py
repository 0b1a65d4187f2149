"""Steps about the customer's device and what its browser does with cookies."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from harness.cookie_policies import POLICY_WORDS
from harness.devices import DEVICE_WORDS
from harness.personas import PersonaBook
from harness.ui import UI
from steps import NAME, PRONOUN, SIGN_IN_COOKIE


def _alternatives(words: dict[str, str]) -> str:
    # Longest first, so "older Samsung phone" is not read as "Samsung phone".
    return "|".join(sorted(words, key=len, reverse=True))


DEVICE = _alternatives(DEVICE_WORDS)
POLICY = _alternatives(POLICY_WORDS)


@given(
    parsers.re(
        rf"{NAME} uses (?:a|an|her|his) (?P<device_words>{DEVICE}) "
        rf"whose browser (?P<policy_words>{POLICY})"
    )
)
def customer_device(personas: PersonaBook, name: str, device_words: str, policy_words: str) -> None:
    persona = personas[name]
    persona.device = DEVICE_WORDS[device_words]
    persona.cookie_policy = POLICY_WORDS[policy_words]


@given(parsers.re(rf"{NAME}'s browser (?P<policy_words>{POLICY})"))
def customer_policy(personas: PersonaBook, name: str, policy_words: str) -> None:
    personas[name].cookie_policy = POLICY_WORDS[policy_words]


@when(parsers.re(rf"the phone closes {NAME}'s browser while (?:she|he) reads {PRONOUN} email"))
def phone_closes_browser(personas: PersonaBook, ui: UI, name: str) -> None:
    ui.restart_browser(personas[name])


@then(parsers.re(rf"{NAME}'s sign-in cookie was lost when the browser closed"))
def cookie_lost_at_restart(personas: PersonaBook, ui: UI, name: str) -> None:
    host = ui.environment.signin.host
    cleared = ui.browsers.cleared_at_restart
    assert any(c.name == SIGN_IN_COOKIE and c.site == host for c in cleared), (
        f"Expected {SIGN_IN_COOKIE} from {host} to vanish when {name}'s browser closed "
        f"({personas[name].cookie_policy}); cleared: {[c.describe() for c in cleared] or 'none'}"
    )
