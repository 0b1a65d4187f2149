"""Journeys of an owner-customer's household: inviting, joining through the emailed link,
and the rules on who may invite whom."""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

from playwright.sync_api import expect

from harness.clients.identity import BankControl, RegisterControl
from harness.clients.inbox import MailpitClient
from harness.environment import Environment
from harness.flows.benefits import open_tab
from harness.flows.cards import card_of, known_to_the_bank
from harness.flows.sign_in import have_s_login, sign_in_if_asked
from harness.identity_data import CENTURY_SIGNS, Identity, make_hetu
from harness.personas import Persona
from harness.scenario_log import ScenarioLog
from harness.ui import Customer


def invite(customer: Customer, email: str) -> None:
    open_tab(customer, customer.labels.household_tab).invite(email)


def invite_and_see_it_sent(customer: Customer, email: str) -> None:
    invite(customer, email)
    sent = customer.labels.invite_sent.format(email=email)
    expect(customer.page.get_by_text(sent)).to_be_visible()


def invite_address(customer: Customer, address: str, log: ScenarioLog) -> None:
    """Invite an address that belongs to no persona (the log remembers it)."""
    log.invited_addresses.append(address)
    invite(customer, address)


def invitation_link(customer: Customer) -> str:
    """The link of the invitation in her email."""
    message = customer.persona.mailbox.next_message()
    subject = customer.labels.invitation_subject
    assert message.subject == subject, f"Expected the invitation, got {message.subject!r}"
    return message.link(customer.environment.etukortti.url("/"))


def open_join_link(customer: Customer, link: str) -> None:
    """Open the link; sign in with an emailed code if the site asks for it."""
    customer.page.goto(link)
    landed = customer.page.get_by_role("heading", name=customer.labels.join_heading).or_(
        customer.page.get_by_text(customer.labels.invitation_invalid)
    )
    sign_in_if_asked(customer, landed)


def join(customer: Customer) -> None:
    customer.benefits.join()
    expect(customer.page.get_by_text(customer.labels.joined)).to_be_visible()


def join_through_email(customer: Customer) -> None:
    link = customer.log.invitation = invitation_link(customer)
    open_join_link(customer, link)
    join(customer)


def open_own_invitation(customer: Customer) -> None:
    open_join_link(customer, invitation_link(customer))


def open_invitation_of(customer: Customer, other: Customer) -> None:
    """Open the invitation link `other` received (and used)."""
    link = other.log.invitation
    assert link, f"{other.name} has received no invitation link in this scenario"
    open_join_link(customer, link)


def expect_invitation_invalid(customer: Customer) -> None:
    join_button = customer.benefits.join_button()
    if join_button.is_visible():
        join_button.click()
    expect(customer.page.get_by_text(customer.labels.invitation_invalid)).to_be_visible()
    expect(customer.page.get_by_text(customer.labels.joined)).to_have_count(0)


def expect_member_with_own_card(owner: Customer) -> None:
    """The owner's household lists one member, with a card that is not the owner's."""
    members = open_tab(owner, owner.labels.household_tab).members()
    mine = card_of(owner.persona).last_four
    member_rows = [m for m in members if owner.labels.member_role in m]
    assert len(member_rows) == 1, (
        f"Expected one member besides {owner.name}; the page lists {members}"
    )
    assert mine not in member_rows[0], f"The member shows {owner.name}'s own card: {member_rows[0]}"
    assert re.search(r"\d{4}", member_rows[0]), f"The member has no card shown: {member_rows[0]}"


def become_minor_owner(
    persona: Persona, age: int, register: RegisterControl, bank: BankControl
) -> None:
    """An owner-customer of `age` years: a new identity code that says so, and a card."""
    # Half a year past the birthday, so the age holds whatever the day.
    birth = date.today() - timedelta(days=age * 365 + 180)
    rng = random.Random()
    sign = rng.choice(CENTURY_SIGNS[birth.year // 100 * 100])
    hetu = make_hetu(birth, rng.randrange(900, 1000), sign)
    persona.identity = Identity(hetu, birth, persona.identity.mobile_e164)
    persona.card = register.add_person(hetu, persona.name, persona.last_name)
    known_to_the_bank(persona, bank)


def back_office_invitation(
    head: Persona, guest: Persona, register: RegisterControl, environment: Environment
) -> str:
    """The owner's household set up by the back office, inviting `guest`, who gets an
    S-login of her own; the invitation's token."""
    head.card = register.add_person(head.identity.hetu, head.name, head.last_name)
    s_login = register.back_office_household(head.card)
    token = register.invite_by_back_office(s_login, guest.email)
    have_s_login(guest, environment)
    return token


def join_with_token(customer: Customer, token: str) -> None:
    open_join_link(customer, customer.etukortti.join_link(token))
    join(customer)


def expect_no_invite_form(customer: Customer) -> None:
    heading = customer.page.get_by_role("heading", name=customer.labels.household_tab, exact=True)
    expect(heading).to_be_visible()
    expect(customer.benefits.invite_button()).to_have_count(0)


def expect_no_invitation_sent(
    personas: list[Persona], log: ScenarioLog, inbox: MailpitClient
) -> None:
    for address in log.invited_addresses:
        stray = inbox.mailbox(address).count()
        assert stray == 0, f"{stray} invitation(s) went to {address}"
    for persona in personas:
        assert persona.mailbox.unseen_count() == 0, f"{persona.name} got an unexpected email"
