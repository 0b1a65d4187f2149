"""Steps about who the customers are and what they already have."""

from __future__ import annotations

from pytest_bdd import given, parsers

from harness.environment import Environment
from harness.flows.sign_in import have_s_login
from harness.labels import LANGUAGES
from harness.personas import PersonaBook
from harness.words import LANGUAGE_WORDS
from steps import NAME, fi, sv


@given(parsers.re(rf"{NAME} is a (?:new )?customer without an S-login"))
def customer_without_s_login(personas: PersonaBook, name: str) -> None:
    """Her first mention creates her, with a new address and no account."""
    personas[name]


@given(parsers.re(rf"{NAME} has an S-login"))
@given(sv(rf"{NAME} har en S-inloggning"))
@given(fi(rf"{NAME} on luonut S-kirjautumisen"))
def customer_with_s_login(personas: PersonaBook, environment: Environment, name: str) -> None:
    """She has an S-login for her address, made through the public forms."""
    have_s_login(personas[name], environment)


@given(parsers.re(rf"{NAME} uses the service in (?P<language>Swedish|Finnish|English)"))
@given(sv(rf"{NAME} använder tjänsten på (?P<language>svenska|finska|engelska)"))
@given(fi(rf"{NAME} käyttää palvelua (?P<language>ruotsiksi|suomeksi|englanniksi)"))
def customer_language(personas: PersonaBook, name: str, language: str) -> None:
    """Her sites speak her language."""
    personas[name].language = LANGUAGES[LANGUAGE_WORDS[language]]
