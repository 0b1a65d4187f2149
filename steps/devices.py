"""Steps about the customer's device and what its browser does with cookies."""

from __future__ import annotations

from pytest_bdd import given, parsers

from harness.cookie_policies import POLICY_WORDS
from harness.devices import DEVICE_WORDS
from harness.personas import PersonaBook
from steps import NAME

_DEVICE = "|".join(DEVICE_WORDS)
_POLICY = "|".join(sorted(POLICY_WORDS, key=len, reverse=True))


@given(
    parsers.re(
        rf"{NAME} uses (?:a|her|his) (?P<device_words>{_DEVICE}) "
        rf"whose browser (?P<policy_words>{_POLICY})"
    )
)
def customer_device(personas: PersonaBook, name: str, device_words: str, policy_words: str) -> None:
    persona = personas[name]
    persona.device = DEVICE_WORDS[device_words]
    persona.cookie_policy = POLICY_WORDS[policy_words]
