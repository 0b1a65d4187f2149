"""Steps about S-Förmånskort: owner-customers, linking a card, and when linking fails."""

from __future__ import annotations

from collections.abc import Callable

from pytest_bdd import given, parsers, then, when

from harness.clients.identity import BankControl, BankOutcome, RegisterControl
from harness.flows import cards as flow
from harness.personas import PersonaBook
from harness.scenario_log import ScenarioLog
from harness.ui import Customers
from harness.words import BANK_OUTCOMES, CUSTOMER_KINDS, IDENTIFIED_AS, alternatives
from steps import NAME, PRONOUN, fi, sv

OUTCOME = rf"(?P<outcome>{alternatives(BANK_OUTCOMES)})"
KIND: dict[str, Callable[[str], object]] = {"kind": CUSTOMER_KINDS.__getitem__}
IDENTIFIED: dict[str, Callable[[str], object]] = {"kind": IDENTIFIED_AS.__getitem__}


@given(parsers.re(rf"{NAME} is an owner-customer with an S-Förmånskort"))
@given(sv(rf"{NAME} är ägarkund med ett S-Förmånskort"))
@given(fi(rf"{NAME} on omistaja-asiakas, jolla on S-Etukortti"))
def owner_customer(
    personas: PersonaBook, register_control: RegisterControl, bank_control: BankControl, name: str
) -> None:
    """The register has a card for her, and her bank knows her."""
    flow.become_owner_customer(personas[name], register_control, bank_control)


@given(parsers.re(rf"{NAME} has no S-Förmånskort"))
def no_card(personas: PersonaBook, bank_control: BankControl, name: str) -> None:
    """Her bank knows her, the register does not."""
    flow.known_to_the_bank(personas[name], bank_control)


@given(parsers.re(rf"{NAME} acts for (?P<company>[^,]+) as its business customer"))
def business_customer(
    personas: PersonaBook,
    register_control: RegisterControl,
    bank_control: BankControl,
    name: str,
    company: str,
) -> None:
    """The company is a business customer whose card she may link."""
    flow.become_business_customer(personas[name], company, register_control, bank_control)


@given(parsers.re(rf"{NAME}'s S-Förmånskort is already linked to another S-login"))
def linked_elsewhere(personas: PersonaBook, register_control: RegisterControl, name: str) -> None:
    """The back office linked her card to someone else's S-login."""
    register_control.link_to_another_s_login(flow.card_of(personas[name]))


@given(
    parsers.re(rf"{NAME}'s bank identification {OUTCOME}"),
    converters={"outcome": BANK_OUTCOMES.__getitem__},
)
@given(
    sv(rf"{NAME}s bankidentifiering {OUTCOME}"), converters={"outcome": BANK_OUTCOMES.__getitem__}
)
@given(
    fi(rf"{NAME}n pankkitunnistautuminen {OUTCOME}"),
    converters={"outcome": BANK_OUTCOMES.__getitem__},
)
def bank_outcome(
    personas: PersonaBook,
    scenario_log: ScenarioLog,
    bank_control: BankControl,
    name: str,
    outcome: BankOutcome,
) -> None:
    """Her bank is told how to answer her next identification."""
    flow.script_bank(personas[name], scenario_log.of(name), bank_control, outcome)


@given(parsers.re(rf"{NAME} has linked {PRONOUN} S-Förmånskort to {PRONOUN} S-login"))
def has_linked_card(customers: Customers, name: str) -> None:
    """She created an S-login, linked her card and signed out."""
    flow.have_linked_card(customers[name])


@when(
    parsers.re(
        rf"{NAME} creates an S-login and adds {PRONOUN} card as a "
        r"(?P<kind>personal|business) customer"
    ),
    converters=KIND,
)
@when(
    sv(
        rf"{NAME} skapar en S-inloggning och lägger till sitt kort som "
        r"(?P<kind>privatkund|företagskund)"
    ),
    converters=KIND,
)
@when(
    fi(
        rf"{NAME} luo S-kirjautumisen ja lisää korttinsa "
        r"(?P<kind>henkilöasiakkaana|yritysasiakkaana)"
    ),
    converters=KIND,
)
def create_with_card(customers: Customers, name: str, kind: str) -> None:
    """She creates an S-login and links her card on the way."""
    flow.create_s_login_with_card(customers[name], business=kind == "business")


@when(parsers.re(rf'{NAME} adds {PRONOUN} S-Förmånskort under "(?P<section>[^"]+)"'))
def add_card_afterwards(customers: Customers, name: str, section: str) -> None:
    """She links her card from "Mina uppgifter" and returns to the service."""
    flow.add_card_afterwards(customers[name], section)


@when(parsers.re(rf'{NAME} tries to add {PRONOUN} S-Förmånskort under "(?P<section>[^"]+)"'))
@when(sv(rf'{NAME} försöker lägga till sitt S-Förmånskort under "(?P<section>[^"]+)"'))
@when(fi(rf'{NAME} yrittää lisätä S-Etukorttinsa kohdassa "(?P<section>[^"]+)"'))
def try_adding_card(customers: Customers, name: str, section: str) -> None:
    """She starts linking her card from "Mina uppgifter"."""
    flow.add_card_afterwards(customers[name], section, finish=False)


@when(parsers.re(rf"{NAME} tries to add the card of a business that is not a customer"))
def add_unknown_business(customers: Customers, name: str) -> None:
    """She tries to link a card for a business the register does not know."""
    flow.add_unknown_business_card(customers[name])


@then(
    parsers.re(rf"{NAME} is identified as an? (?P<kind>owner|business) customer at once"),
    converters=IDENTIFIED,
)
@then(sv(rf"identifieras {NAME} genast som (?P<kind>ägarkund|företagskund)"), converters=IDENTIFIED)
@then(
    fi(rf"{NAME} tunnistetaan heti (?P<kind>omistaja-asiakkaaksi|yritysasiakkaaksi)"),
    converters=IDENTIFIED,
)
def identified_at_once(customers: Customers, name: str, kind: str) -> None:
    """The confirmation names her new standing and card, and "Mina uppgifter" shows it."""
    flow.expect_identified_at_once(customers[name], kind)


@then(parsers.re(rf'"Mina uppgifter" shows {NAME}\'s card under "(?P<section>[^"]+)"'))
@then(sv(rf'"Mina uppgifter" visar {NAME}s kort under "(?P<section>[^"]+)"'))
@then(fi(rf'"Omat tiedot" näyttää {NAME}n kortin kohdassa "(?P<section>[^"]+)"'))
def card_on_my_details(customers: Customers, name: str, section: str) -> None:
    """Her card and "Ägarkund" show under the section."""
    flow.expect_card_on_my_details(customers[name], section)


@then(parsers.re(rf"{NAME} is directed to owner-customer service"))
@then(sv(rf"hänvisas {NAME} till ägarkundservice"))
@then(fi(rf"{NAME} ohjataan omistaja-asiakaspalveluun"))
def directed_to_service(customers: Customers, name: str) -> None:
    """The failure page gives the service's number, hours, topic and feedback form."""
    flow.expect_directed_to_service(customers[name])


@then(parsers.re(rf"no card is linked to {NAME}'s S-login"))
@then(sv(rf"inget kort är kopplat till {NAME}s S-inloggning"))
@then(fi(rf"{NAME}n S-kirjautumiseen ei ole liitetty korttia"))
def no_card_linked(customers: Customers, name: str) -> None:
    """Her "Mina uppgifter" still offers to add a card, and shows none."""
    flow.expect_no_card_linked(customers[name])


@when(parsers.re(rf"{NAME} starts adding {PRONOUN} S-Förmånskort"))
@when(sv(rf"{NAME} börjar lägga till sitt S-Förmånskort"))
@when(fi(rf"{NAME} alkaa lisätä S-Etukorttiaan"))
def starts_adding_card(customers: Customers, name: str) -> None:
    """From "Mina uppgifter" she opens the form that links her card, and stops there."""
    flow.open_link_card_form(customers[name])
