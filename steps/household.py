"""Steps about an owner-customer's household: inviting, joining, and who may do which."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from harness.clients.identity import BankControl, RegisterControl
from harness.clients.inbox import MailpitClient
from harness.environment import Environment
from harness.flows import household as flow
from harness.flows.cards import have_linked_card
from harness.personas import PersonaBook
from harness.scenario_log import ScenarioLog
from harness.ui import Customers
from steps import NAME, PRONOUN, named


@given(parsers.re(rf"{NAME} has invited {named('guest')} into {PRONOUN} household"))
@when(parsers.re(rf"{NAME} invites {named('guest')} into {PRONOUN} household"))
def invites(customers: Customers, personas: PersonaBook, name: str, guest: str) -> None:
    """She invites the other customer's address, and sees it sent."""
    flow.invite_and_see_it_sent(customers[name], personas[guest].email)


@when(parsers.re(rf'{NAME} invites "(?P<address>[^"]+)" into {PRONOUN} household'))
def invites_address(
    customers: Customers, scenario_log: ScenarioLog, name: str, address: str
) -> None:
    """She invites an address as the feature writes it."""
    flow.invite_address(customers[name], address, scenario_log)


@given(parsers.re(rf"{NAME} has joined the household through the link in {PRONOUN} email"))
@when(parsers.re(rf"{NAME} joins the household through the link in {PRONOUN} email"))
def joins(customers: Customers, name: str) -> None:
    """She opens the emailed link, signs in if asked, and joins."""
    flow.join_through_email(customers[name])


@when(parsers.re(rf"{NAME} opens the invitation link in {PRONOUN} email"))
def opens_own_link(customers: Customers, name: str) -> None:
    """She opens the link from her email."""
    flow.open_own_invitation(customers[name])


@when(parsers.re(rf"{NAME} opens {named('owner')}'s invitation link"))
def opens_other_link(customers: Customers, name: str, owner: str) -> None:
    """She opens the link someone else received."""
    flow.open_invitation_of(customers[name], customers[owner])


@then(parsers.re(rf"{NAME} is told the invitation is no longer valid"))
def invitation_invalid(customers: Customers, name: str) -> None:
    """Joining says the invitation is no longer valid."""
    flow.expect_invitation_invalid(customers[name])


@then(
    parsers.re(
        rf"{NAME} is a member of {named('owner')}'s household with a card of (?:his|her) own"
    )
)
def is_member(customers: Customers, name: str, owner: str) -> None:
    """The owner's household lists one member, with a card of the member's own."""
    flow.expect_member_with_own_card(customers[owner])


@given(
    parsers.re(rf"{NAME} is a (?P<age>\d+)-year-old owner-customer who linked {PRONOUN} card"),
    converters={"age": int},
)
def minor_owner(
    personas: PersonaBook,
    customers: Customers,
    register_control: RegisterControl,
    bank_control: BankControl,
    name: str,
    age: int,
) -> None:
    """An owner-customer of that age, whose card is linked to her S-login."""
    flow.become_minor_owner(personas[name], age, register_control, bank_control)
    have_linked_card(customers[name])


@given(parsers.re(rf"{NAME} has joined {named('owner')}'s household"))
def joined_household(
    personas: PersonaBook,
    customers: Customers,
    register_control: RegisterControl,
    environment: Environment,
    name: str,
    owner: str,
) -> None:
    """The back office set up the owner's household; she joined as a customer does."""
    token = flow.back_office_invitation(
        personas[owner], personas[name], register_control, environment
    )
    flow.join_with_token(customers[name], token)


@then(parsers.re(rf"{NAME} is not offered a way to invite anyone"))
def no_invite_form(customers: Customers, name: str) -> None:
    """The household tab has no invitation form for her."""
    flow.expect_no_invite_form(customers[name])


@then("no invitation email is sent")
def no_invitation_sent(
    personas: PersonaBook, scenario_log: ScenarioLog, inbox: MailpitClient
) -> None:
    """No invited address, and no customer, got an email."""
    flow.expect_no_invitation_sent(personas.everyone(), scenario_log, inbox)
