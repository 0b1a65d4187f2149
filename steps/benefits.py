"""Steps about S-Etukortti's owner-customer tabs: benefits and coupons, and Bonus."""

from __future__ import annotations

from datetime import date

from pytest_bdd import given, parsers, then, when

from harness.clients.identity import RegisterControl
from harness.flows import benefits as flow
from harness.labels import LABELS
from harness.personas import PersonaBook
from harness.scenario_log import ScenarioLog
from harness.ui import Customers
from harness.words import alternatives, month_number
from steps import NAME, PRONOUN

# The tabs as the Swedish features name them (they are the Swedish page's own names).
TAB = alternatives({LABELS["sv"].benefits_tab, LABELS["sv"].bonus_tab, LABELS["sv"].household_tab})
TITLE = r'"(?P<title>[^"]+)"'
EUROS = r"[\d ]+,\d\d €"


@when(parsers.re(rf'{NAME} opens "(?P<tab>{TAB})" on the S-Etukortti site'))
def opens_tab(customers: Customers, name: str, tab: str) -> None:
    """She opens the tab, signing in if the site asks."""
    flow.open_tab(customers[name], tab)


# --- Coupons -----------------------------------------------------------------------------


@given(parsers.re(rf"{NAME} has been offered a coupon {TITLE}"))
def offered_coupon(
    personas: PersonaBook,
    register_control: RegisterControl,
    scenario_log: ScenarioLog,
    name: str,
    title: str,
) -> None:
    """The register targets the coupon at her card."""
    flow.offer_coupon(personas[name], title, register_control, scenario_log)


@then(parsers.re(rf"{NAME} sees the coupon {TITLE}"))
def sees_coupon(customers: Customers, name: str, title: str) -> None:
    """The coupon is among hers."""
    flow.expect_sees_coupon(customers[name], title)


@then(parsers.re(rf"{NAME} does not see the coupon {TITLE}"))
def not_sees_coupon(customers: Customers, name: str, title: str) -> None:
    """Someone else's coupon is not shown to her."""
    flow.expect_not_sees_coupon(customers[name], title)


@then(parsers.re(rf"{NAME} sees {PRONOUN} owner-customer benefits"))
def sees_benefits(customers: Customers, name: str) -> None:
    """Her benefits are listed."""
    flow.expect_sees_benefits(customers[name])


@then(parsers.re(rf"{NAME} is told to link {PRONOUN} S-Förmånskort to see {PRONOUN} benefits"))
def told_link_card(customers: Customers, name: str) -> None:
    """Without a card, the tab offers to link one instead of coupons."""
    flow.expect_told_to_link_card(customers[name])


@when(parsers.re(rf"{NAME} opens the coupon {TITLE} on the S-Etukortti site"))
def opens_coupon(customers: Customers, name: str, title: str) -> None:
    """She opens the coupon's page."""
    flow.open_coupon(customers[name], title)


@when(parsers.re(rf"{NAME} uses the coupon {TITLE} on {PRONOUN} phone"))
def uses_coupon(customers: Customers, scenario_log: ScenarioLog, name: str, title: str) -> None:
    """She uses the coupon in the mobile view."""
    flow.use_coupon(customers[name], title, scenario_log)


@then(parsers.re(rf"{NAME} sees the coupon's barcode to show at the checkout"))
def sees_barcode(customers: Customers, scenario_log: ScenarioLog, name: str) -> None:
    """The coupon's EAN-13 shows as a barcode image and as digits."""
    flow.expect_barcode(customers[name], scenario_log)


@then(parsers.re(rf"the coupon {TITLE} cannot be used a second time"))
def coupon_used_up(customers: Customers, scenario_log: ScenarioLog, title: str) -> None:
    """The coupon says it was used, and is no longer offered."""
    who = scenario_log.redeemed.get(title)
    assert who, f'Nobody has used the coupon "{title}" in this scenario'
    flow.expect_coupon_used_up(customers[who], title)


@then(parsers.re(rf"{NAME} is told coupons are used in the mobile view or the app"))
def told_mobile_only(customers: Customers, name: str) -> None:
    """On a computer the coupon points to the mobile view and hides its button."""
    flow.expect_told_mobile_only(customers[name])


# --- Bonus -------------------------------------------------------------------------------


@given(
    parsers.re(
        rf"{NAME}'s household bought for (?P<amount>{EUROS}) in (?P<month>\w+) "
        rf"(?P<year>\d{{4}})(?:, saving (?P<saving>{EUROS}))?"
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
    """A till reported a purchase on her card that month."""
    when = date(int(year), month_number(month), 15)
    flow.household_bought(personas[name], register_control, amount, saving, when)


@then("the Bonus page shows")
def bonus_page_shows(customers: Customers, datatable: list[list[str]]) -> None:
    """The Bonus table shows exactly these rows."""
    flow.expect_bonus_table(customers.first(), datatable)


@then(parsers.re(rf"the purchase counts towards the Bonus of {NAME}'s household"))
def counts_towards_bonus(customers: Customers, scenario_log: ScenarioLog, name: str) -> None:
    """Her household's Bonus page adds up what everyone paid in this scenario."""
    flow.expect_purchases_count_towards_bonus(customers[name], scenario_log)


@then(parsers.re(rf'{NAME} is told "(?P<text>[^"]+)"'))
def told_text(customers: Customers, name: str, text: str) -> None:
    """The page tells her exactly this."""
    customers[name].signin.shows(text)
