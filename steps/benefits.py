"""Steps about S-Etukortti's owner-customer tabs: benefits and coupons, Bonus, household."""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from decimal import Decimal

from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from harness.clients.accounts import create_s_login
from harness.clients.control import ControlClient
from harness.clients.identity import BankControl, Card, RegisterControl
from harness.clients.inbox import MailpitClient
from harness.environment import Environment
from harness.identity_data import CENTURY_SIGNS, Identity, make_hetu
from harness.owner_labels import SV
from harness.pages.benefits import BenefitsPages
from harness.pages.shop import euros
from harness.personas import Persona, PersonaBook
from harness.ui import UI, CustomerUI
from steps import NAME, PRONOUN
from steps.cards import has_linked_card, known_to_the_bank
from steps.sign_in import sign_in_if_asked

TABS = (SV.benefits_tab, SV.bonus_tab, SV.household_tab)
TAB = "|".join(TABS)
MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_EAN13 = re.compile(r"^\d{13}$")


def ean13_valid(code: str) -> bool:
    if not _EAN13.match(code):
        return False
    digits = [int(d) for d in code]
    total = sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits[:12]))
    return (10 - total % 10) % 10 == digits[12]


def pages(customer: CustomerUI, environment: Environment) -> BenefitsPages:
    return BenefitsPages(customer.page, environment.etukortti)


def ensure_signed_in(customer: CustomerUI) -> None:
    """On S-Etukortti's "Mina uppgifter", signing in with an emailed code if needed."""
    customer.etukortti.open_my_details()
    sign_in_if_asked(
        customer, customer.page.get_by_role("heading", name=customer.labels.my_details)
    )


def open_tab(customer: CustomerUI, environment: Environment, tab: str) -> BenefitsPages:
    ensure_signed_in(customer)
    view = pages(customer, environment)
    view.open_tab(tab)
    return view


def card_of(persona: Persona) -> Card:
    assert persona.card is not None, f"{persona.name} has no S-Förmånskort in this scenario"
    return persona.card


@when(parsers.re(rf'{NAME} opens "(?P<tab>{TAB})" on the S-Etukortti site'))
def opens_tab(personas: PersonaBook, ui: UI, environment: Environment, name: str, tab: str) -> None:
    open_tab(ui.of(personas[name]), environment, tab)


# --- Coupons -----------------------------------------------------------------------------


@given(parsers.re(rf'{NAME} has been offered a coupon "(?P<title>[^"]+)"'))
def offered_coupon(
    personas: PersonaBook, register_control: RegisterControl, name: str, title: str
) -> None:
    persona = personas[name]
    coupon = register_control.add_coupon(card_of(persona), title, f"Endast för {persona.name}")
    persona.notes[f"coupon:{title}"] = coupon.ean13


@then(parsers.re(rf'{NAME} sees the coupon "(?P<title>[^"]+)"'))
def sees_coupon(
    personas: PersonaBook, ui: UI, environment: Environment, name: str, title: str
) -> None:
    coupons = pages(ui.of(personas[name]), environment).coupon_list()
    expect(coupons.filter(has_text=title)).to_have_count(1)


@then(parsers.re(rf'{NAME} does not see the coupon "(?P<title>[^"]+)"'))
def not_sees_coupon(
    personas: PersonaBook, ui: UI, environment: Environment, name: str, title: str
) -> None:
    view = pages(ui.of(personas[name]), environment)
    expect(view.coupon_list().first).to_be_visible()
    expect(view.page.get_by_text(title)).to_have_count(0)


@then(parsers.re(rf"{NAME} sees {PRONOUN} owner-customer benefits"))
def sees_benefits(personas: PersonaBook, ui: UI, name: str) -> None:
    page = ui.of(personas[name]).page
    section = page.locator("section").filter(has=page.get_by_role("heading", name=SV.your_benefits))
    expect(section.get_by_role("listitem").first).to_be_visible()


@then(parsers.re(rf"{NAME} is told to link {PRONOUN} S-Förmånskort to see {PRONOUN} benefits"))
def told_link_card(personas: PersonaBook, ui: UI, name: str) -> None:
    page = ui.of(personas[name]).page
    expect(page.get_by_text(SV.link_card_first)).to_be_visible()
    expect(page.get_by_role("link", name=SV.add_card)).to_be_visible()
    expect(page.get_by_role("heading", name=SV.your_coupons)).to_have_count(0)


def open_coupon(customer: CustomerUI, environment: Environment, title: str) -> BenefitsPages:
    view = open_tab(customer, environment, SV.benefits_tab)
    view.open_coupon(title)
    return view


@when(parsers.re(rf'{NAME} opens the coupon "(?P<title>[^"]+)" on the S-Etukortti site'))
def opens_coupon(
    personas: PersonaBook, ui: UI, environment: Environment, name: str, title: str
) -> None:
    open_coupon(ui.of(personas[name]), environment, title)


@when(parsers.re(rf'{NAME} uses the coupon "(?P<title>[^"]+)" on {PRONOUN} phone'))
def uses_coupon(
    personas: PersonaBook, ui: UI, environment: Environment, name: str, title: str
) -> None:
    customer = ui.of(personas[name])
    view = open_coupon(customer, environment, title)
    view.redeem_button().click()
    customer.persona.notes["coupon"] = title


@then(parsers.re(rf"{NAME} sees the coupon's barcode to show at the checkout"))
def sees_barcode(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    page = customer.page
    expect(page.get_by_text(SV.show_at_checkout)).to_be_visible()
    expected = customer.persona.notes[f"coupon:{customer.persona.notes['coupon']}"]
    assert ean13_valid(expected), f"The register issued {expected}, not a valid EAN-13"
    barcode = page.get_by_role("img", name=expected)
    expect(barcode).to_be_visible()
    # The image really loaded and rendered: a broken image has no natural width.
    width = barcode.evaluate("img => img.naturalWidth")
    assert isinstance(width, int), f"The barcode has no natural width ({width!r})"
    assert width > 0, "The barcode image did not load"
    expect(page.get_by_text(expected, exact=True)).to_be_visible()


@then(parsers.re(r'the coupon "(?P<title>[^"]+)" cannot be used a second time'))
def coupon_used_up(personas: PersonaBook, ui: UI, environment: Environment, title: str) -> None:
    persona = next(p for p in personas.everyone() if p.notes.get("coupon") == title)
    customer = ui.of(persona)
    customer.page.reload()
    expect(customer.page.get_by_text(SV.coupon_used)).to_be_visible()
    expect(pages(customer, environment).redeem_button()).to_have_count(0)
    # Nor is it offered any more under "Förmåner och tips".
    view = open_tab(customer, environment, SV.benefits_tab)
    expect(view.page.get_by_role("link", name=title)).to_have_count(0)


@then(parsers.re(rf"{NAME} is told coupons are used in the mobile view or the app"))
def told_mobile_only(personas: PersonaBook, ui: UI, environment: Environment, name: str) -> None:
    customer = ui.of(personas[name])
    expect(customer.page.get_by_text(SV.mobile_only)).to_be_visible()
    # The button exists for the mobile layout but a desktop screen does not show it.
    expect(pages(customer, environment).redeem_button()).to_be_hidden()


# --- Bonus -------------------------------------------------------------------------------


def cents(text: str) -> int:
    return int(euros(text) * 100)


@given(
    parsers.re(
        rf"{NAME}'s household bought for (?P<amount>[\d ]+,\d\d €) in (?P<month>\w+) "
        r"(?P<year>\d{4})(?:, saving (?P<saving>[\d ]+,\d\d €))?"
    )
)
def household_bought(
    personas: PersonaBook,
    register_control: RegisterControl,
    name: str,
    amount: str,
    month: str,
    year: str,
    saving: str | None,
) -> None:
    number = MONTHS.index(month.lower()) + 1
    register_control.add_purchase(
        card_of(personas[name]),
        "prisma",
        cents(amount),
        cents(saving) if saving else 0,
        date(int(year), number, 15),
    )


@then("the Bonus page shows")
def bonus_page_shows(
    personas: PersonaBook, ui: UI, environment: Environment, datatable: list[list[str]]
) -> None:
    customer = next(ui.of(p) for p in personas.everyone())
    rows = pages(customer, environment).table_rows()
    assert rows == datatable, "The Bonus page shows\n" + "\n".join(" | ".join(r) for r in rows)


@then(parsers.re(rf"the purchase counts towards the Bonus of {NAME}'s household"))
def counts_towards_bonus(
    personas: PersonaBook, ui: UI, environment: Environment, name: str
) -> None:
    owner = personas[name]
    spent = sum(Decimal(p.notes.get("spent", "0")) for p in personas.everyone())
    customer = ui.of(owner)
    rows = open_tab(customer, environment, SV.bonus_tab).table_rows()
    header, body = rows[0], rows[1:]
    column = header.index("Inköp")
    total = sum(euros(row[column]) for row in body)
    assert total == spent, (
        f"{name}'s household has {total} € of purchases on the Bonus page; its members paid "
        f"{spent} € in this scenario. Rows: {rows}"
    )


# --- Household ---------------------------------------------------------------------------


def invitation_link(persona: Persona, environment: Environment) -> str:
    message = persona.mailbox.next_message()
    assert message.subject == SV.invitation_subject, (
        f"Expected the invitation, got {message.subject!r}"
    )
    return message.link(environment.etukortti.url("/"))


def invite(customer: CustomerUI, environment: Environment, email: str) -> None:
    view = open_tab(customer, environment, SV.household_tab)
    view.invite(email)


@given(parsers.re(rf"{NAME} has invited (?P<guest>[A-ZÅÄÖ][\w-]+) into {PRONOUN} household"))
@when(parsers.re(rf"{NAME} invites (?P<guest>[A-ZÅÄÖ][\w-]+) into {PRONOUN} household"))
def invites(personas: PersonaBook, ui: UI, environment: Environment, name: str, guest: str) -> None:
    customer = ui.of(personas[name])
    email = personas[guest].email
    invite(customer, environment, email)
    expect(customer.page.get_by_text(SV.invite_sent.format(email=email))).to_be_visible()
    personas[guest].notes["invited_by"] = name


@when(parsers.re(rf'{NAME} invites "(?P<address>[^"]+)" into {PRONOUN} household'))
def invites_address(
    personas: PersonaBook, ui: UI, environment: Environment, name: str, address: str
) -> None:
    personas[name].notes["invited_address"] = address
    invite(ui.of(personas[name]), environment, address)


def open_join_link(customer: CustomerUI, link: str) -> None:
    """Open the link; sign in with an emailed code if the site asks for it."""
    customer.page.goto(link)
    landed = customer.page.get_by_role("heading", name=SV.join_heading).or_(
        customer.page.get_by_text(SV.invitation_invalid)
    )
    sign_in_if_asked(customer, landed)


@given(parsers.re(rf"{NAME} has joined the household through the link in {PRONOUN} email"))
@when(parsers.re(rf"{NAME} joins the household through the link in {PRONOUN} email"))
def joins(personas: PersonaBook, ui: UI, environment: Environment, name: str) -> None:
    persona = personas[name]
    customer = ui.of(persona)
    link = invitation_link(persona, environment)
    persona.notes["invitation_link"] = link
    open_join_link(customer, link)
    pages(customer, environment).join()
    expect(customer.page.get_by_text(SV.joined)).to_be_visible()


@when(parsers.re(rf"{NAME} opens the invitation link in {PRONOUN} email"))
def opens_own_link(personas: PersonaBook, ui: UI, environment: Environment, name: str) -> None:
    persona = personas[name]
    open_join_link(ui.of(persona), invitation_link(persona, environment))


@when(parsers.re(rf"{NAME} opens (?P<owner>[A-ZÅÄÖ][\w-]+)'s invitation link"))
def opens_other_link(personas: PersonaBook, ui: UI, name: str, owner: str) -> None:
    link = personas[owner].notes["invitation_link"]
    open_join_link(ui.of(personas[name]), link)


@then(parsers.re(rf"{NAME} is told the invitation is no longer valid"))
def invitation_invalid(personas: PersonaBook, ui: UI, environment: Environment, name: str) -> None:
    customer = ui.of(personas[name])
    join = customer.page.get_by_role("button", name=SV.join, exact=True)
    if join.is_visible():
        join.click()
    expect(customer.page.get_by_text(SV.invitation_invalid)).to_be_visible()
    expect(customer.page.get_by_text(SV.joined)).to_have_count(0)


@then(
    parsers.re(
        rf"{NAME} is a member of (?P<owner>[A-ZÅÄÖ][\w-]+)'s household "
        r"with a card of (?:his|her) own"
    )
)
def is_member(
    personas: PersonaBook, ui: UI, environment: Environment, name: str, owner: str
) -> None:
    owner_persona = personas[owner]
    customer = ui.of(owner_persona)
    view = open_tab(customer, environment, SV.household_tab)
    members = view.members()
    mine = card_of(owner_persona).last_four
    member_rows = [m for m in members if SV.member_role in m]
    assert len(member_rows) == 1, f"Expected one member besides {owner}; the page lists {members}"
    assert mine not in member_rows[0], f"The member shows {owner}'s own card: {member_rows[0]}"
    assert re.search(r"\d{4}", member_rows[0]), f"The member has no card shown: {member_rows[0]}"


@given(parsers.re(r"(?P<days>\d+) days have passed at the customer register"))
def days_pass(stub_control: dict[str, ControlClient], days: str) -> None:
    stub_control["register"].advance_clock(int(days) * 86400)


@given(parsers.re(rf"{NAME} is a (?P<age>\d+)-year-old owner-customer who linked {PRONOUN} card"))
def minor_owner(
    personas: PersonaBook,
    register_control: RegisterControl,
    bank_control: BankControl,
    ui: UI,
    name: str,
    age: str,
) -> None:
    persona = personas[name]
    # Half a year past the birthday, so the age holds whatever the day.
    birth = date.today() - timedelta(days=int(age) * 365 + 180)
    rng = random.Random()
    sign = rng.choice(CENTURY_SIGNS[birth.year // 100 * 100])
    hetu = make_hetu(birth, rng.randrange(900, 1000), sign)
    persona.identity = Identity(hetu, birth, persona.identity.mobile_e164)
    persona.card = register_control.add_person(hetu, persona.name, persona.last_name)
    known_to_the_bank(persona, bank_control)
    has_linked_card(personas, ui, name)


@given(parsers.re(rf"{NAME} has joined (?P<owner>[A-ZÅÄÖ][\w-]+)'s household"))
def joined_household(
    personas: PersonaBook,
    register_control: RegisterControl,
    bank_control: BankControl,
    ui: UI,
    environment: Environment,
    name: str,
    owner: str,
) -> None:
    # The owner's side is set up by the back office; the member joins as a customer does.
    head = personas[owner]
    head.card = register_control.add_person(head.identity.hetu, head.name, head.last_name)
    s_login = register_control.back_office_household(head.card)
    token = register_control.invite_by_back_office(s_login, personas[name].email)
    persona = personas[name]
    create_s_login(environment, persona.mailbox, persona.language)
    customer = ui.of(persona)
    open_join_link(customer, environment.etukortti.url(f"/sv/household/join?token={token}"))
    pages(customer, environment).join()
    expect(customer.page.get_by_text(SV.joined)).to_be_visible()


@then(parsers.re(rf'{NAME} is told "(?P<text>[^"]+)"'))
def told_text(personas: PersonaBook, ui: UI, name: str, text: str) -> None:
    expect(ui.of(personas[name]).page.get_by_text(text)).to_be_visible()


@then(parsers.re(rf"{NAME} is not offered a way to invite anyone"))
def no_invite_form(personas: PersonaBook, ui: UI, name: str) -> None:
    page = ui.of(personas[name]).page
    expect(page.get_by_role("heading", name=SV.household_tab, exact=True)).to_be_visible()
    expect(page.get_by_role("button", name=SV.send_invite)).to_have_count(0)


@then("no invitation email is sent")
def no_invitation_sent(personas: PersonaBook, inbox: MailpitClient) -> None:
    for persona in personas.everyone():
        address = persona.notes.get("invited_address")
        if address:
            stray = inbox.mailbox(address).count()
            assert stray == 0, f"{stray} invitation(s) went to {address}"
        assert persona.mailbox.unseen_count() == 0, f"{persona.name} got an unexpected email"
