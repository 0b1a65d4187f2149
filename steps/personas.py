"""Steps about who the customers are and what they already have."""

from __future__ import annotations

from pytest_bdd import given, parsers

from harness.clients.accounts import create_s_login
from harness.environment import Environment
from harness.labels import LANGUAGES
from harness.personas import PersonaBook
from steps import NAME


@given(parsers.re(rf"{NAME} is a (?:new )?customer without an S-login"))
def customer_without_s_login(personas: PersonaBook, name: str) -> None:
    personas[name]  # first mention creates her, with a new address and no account


@given(parsers.re(rf"{NAME} has an S-login"))
def customer_with_s_login(personas: PersonaBook, environment: Environment, name: str) -> None:
    persona = personas[name]
    create_s_login(environment, persona.mailbox, persona.language)


@given(parsers.re(rf"{NAME} uses the service in (?P<language>Swedish|Finnish|English)"))
def customer_language(personas: PersonaBook, name: str, language: str) -> None:
    personas[name].language = LANGUAGES[language]
