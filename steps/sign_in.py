"""Steps about creating an S-login and signing in with an emailed code."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from harness.cookie_policies import CookiePolicy
from harness.devices import DeviceProfile
from harness.flows import sign_in as flow
from harness.flows.cards import create_s_login_without_card
from harness.personas import PersonaBook
from harness.ui import Customers
from harness.words import DEVICE, POLICY, TOLD, alternatives, device_in_words, policy_in_words
from steps import NAME, PRONOUN, fi, sv


@given(parsers.re(rf"{NAME} is signed in on the S-Etukortti site"))
@given(sv(rf"{NAME} är inloggad på S-Etukortti"))
@given(fi(rf"{NAME} on kirjautunut S-Etukortti-palveluun"))
def signed_in(customers: Customers, name: str) -> None:
    """She has an S-login and is on "Mina uppgifter"."""
    flow.be_signed_in_on_etukortti(customers[name])


@given(
    parsers.re(rf"{NAME} signed in earlier with a code from {PRONOUN} email"),
    target_fixture="earlier_code",
)
def signed_in_earlier(customers: Customers, name: str) -> str:
    """She signed in and out again; the code she used is handed to later steps."""
    return flow.have_signed_in_earlier(customers[name])


@given(parsers.re(rf"{NAME} has asked for a sign-in code"))
@when(parsers.re(rf"{NAME} asks for a sign-in code"))
def asks_for_code(customers: Customers, name: str) -> None:
    """She asks for a code and sees the code form."""
    flow.ask_for_code(customers[name])


@when(parsers.re(rf"{NAME} creates an S-login on the S-Etukortti site"))
def creates_s_login(customers: Customers, name: str) -> None:
    """She creates an S-login with an emailed code and adds no card."""
    create_s_login_without_card(customers[name])


@when(parsers.re(rf"{NAME} signs in with the code from {PRONOUN} email"))
@when(sv(rf"{NAME} loggar in med koden från sin e-post"))
@when(fi(rf"{NAME} kirjautuu sisään sähköpostiin tulleella koodilla"))
def signs_in(customers: Customers, name: str) -> None:
    """She signs in on S-Etukortti with the code from her email."""
    flow.sign_in(customers[name])


@when(
    parsers.re(
        rf"{NAME} signs in on {PRONOUN} (?P<device>{DEVICE})"
        rf"(?:, whose browser (?P<policy>{POLICY}),)? with the code from {PRONOUN} email"
    ),
    converters={"device": device_in_words},
)
def signs_in_on_other_device(
    personas: PersonaBook, customers: Customers, name: str, device: DeviceProfile, policy: str
) -> None:
    """She signs in on that device; its browser does what the step or an earlier Given
    said of that device, else the scenario's default (allow, unless a tag or option says)."""
    stated: CookiePolicy | None = policy_in_words(policy) if policy else None
    personas[name].move_to(device, stated)
    flow.sign_in(customers[name])


@when(parsers.re(rf"{NAME} enters the code from {PRONOUN} email"))
def enters_code(customers: Customers, name: str) -> None:
    """She enters the newest code from her email."""
    flow.enter_emailed_code(customers[name])


@when(parsers.re(rf"{NAME} enters the earlier code"))
def enters_earlier_code(customers: Customers, name: str, earlier_code: str) -> None:
    """She enters the code she used to sign in earlier."""
    customers[name].signin.enter_code(earlier_code)


@when(parsers.re(rf"{NAME} enters a wrong code five times"))
def enters_wrong_codes(customers: Customers, name: str) -> None:
    """She mistypes the code five times."""
    flow.enter_wrong_codes(customers[name], times=5)


@then(parsers.re(rf"{NAME} is told (?P<what>{alternatives(TOLD)})"))
def told(customers: Customers, name: str, what: str) -> None:
    """The sign-in service tells her what went wrong, in her language."""
    flow.expect_told(customers[name], what)


@then(parsers.re(rf"the code from {NAME}'s email no longer signs (?:her|him) in"))
def code_no_longer_works(customers: Customers, name: str) -> None:
    """The right code, after too many wrong ones, is refused."""
    flow.expect_last_code_refused(customers[name])


@then(parsers.re(rf"the new code from {NAME}'s email still signs (?:her|him) in"))
def new_code_signs_in(customers: Customers, name: str) -> None:
    """A newly asked code still works."""
    flow.expect_new_code_signs_in(customers[name])


@when(
    parsers.re(rf"{NAME} asks for a sign-in code with a mistyped address"),
    target_fixture="typed",
)
def asks_with_mistyped_address(customers: Customers, name: str) -> str:
    """She asks for a code at an address with a typical slip; what she typed."""
    return flow.ask_with_mistyped_address(customers[name])


@then(parsers.re(rf"no email is sent to {NAME}"))
def no_email_sent(customers: Customers, name: str, typed: str) -> None:
    """Neither her address nor the mistyped one got an email."""
    flow.expect_no_email(customers[name], typed)


@when(parsers.re(rf"{NAME} opens the sign-in page"))
@when(sv(rf"{NAME} öppnar inloggningssidan"))
@when(fi(rf"{NAME} avaa kirjautumissivun"))
def opens_sign_in(customers: Customers, name: str) -> None:
    """From S-Etukortti she chooses to sign in and sees the form that asks her address."""
    flow.open_sign_in(customers[name])
