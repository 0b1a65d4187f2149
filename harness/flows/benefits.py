"""Journeys on S-Etukortti's owner-customer tabs: benefits and coupons, and the Bonus page."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from playwright.sync_api import expect

from harness.clients.identity import RegisterControl
from harness.flows.cards import card_of
from harness.flows.sign_in import open_my_details
from harness.pages.benefits import BenefitsPages
from harness.pages.shop import euros
from harness.personas import Persona
from harness.scenario_log import ScenarioLog
from harness.ui import Customer

_EAN13 = re.compile(r"^\d{13}$")


def ean13_valid(code: str) -> bool:
    if not _EAN13.match(code):
        return False
    digits = [int(d) for d in code]
    total = sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits[:12]))
    return (10 - total % 10) % 10 == digits[12]


def open_tab(customer: Customer, tab: str) -> BenefitsPages:
    """A tab of S-Etukortti, signing in with an emailed code if the site asks."""
    open_my_details(customer)
    customer.benefits.open_tab(tab)
    return customer.benefits


def offer_coupon(persona: Persona, title: str, register: RegisterControl, log: ScenarioLog) -> None:
    """The marketing system targets a coupon at her card alone."""
    log.coupons[title] = register.add_coupon(card_of(persona), title, f"Endast för {persona.name}")


def expect_sees_coupon(customer: Customer, title: str) -> None:
    expect(customer.benefits.coupon_list().filter(has_text=title)).to_have_count(1)


def expect_not_sees_coupon(customer: Customer, title: str) -> None:
    expect(customer.benefits.coupon_list().first).to_be_visible()
    expect(customer.page.get_by_text(title)).to_have_count(0)


def expect_sees_benefits(customer: Customer) -> None:
    expect(customer.benefits.benefit_list().first).to_be_visible()


def expect_told_to_link_card(customer: Customer) -> None:
    labels = customer.labels
    expect(customer.page.get_by_text(labels.link_card_first)).to_be_visible()
    expect(customer.etukortti.add_card_link()).to_be_visible()
    expect(customer.page.get_by_role("heading", name=labels.your_coupons)).to_have_count(0)


def open_coupon(customer: Customer, title: str) -> None:
    open_tab(customer, customer.labels.benefits_tab).open_coupon(title)


def use_coupon(customer: Customer, title: str, log: ScenarioLog) -> None:
    open_coupon(customer, title)
    customer.benefits.redeem_button().click()
    log.redeemed[title] = customer.name


def expect_barcode(customer: Customer, log: ScenarioLog) -> None:
    """The barcode of the coupon she used, as an image that really loaded, and its digits."""
    page = customer.page
    expect(page.get_by_text(customer.labels.show_at_checkout)).to_be_visible()
    used = [title for title, who in log.redeemed.items() if who == customer.name]
    assert used, f"{customer.name} has used no coupon in this scenario"
    expected = log.coupon(used[-1]).ean13
    assert ean13_valid(expected), f"The register issued {expected}, not a valid EAN-13"
    barcode = customer.benefits.barcode(expected)
    expect(barcode).to_be_visible()
    # The image really loaded and rendered: a broken image has no natural width.
    width = barcode.evaluate("img => img.naturalWidth")
    assert isinstance(width, int), f"The barcode has no natural width ({width!r})"
    assert width > 0, "The barcode image did not load"
    expect(page.get_by_text(expected, exact=True)).to_be_visible()


def expect_coupon_used_up(customer: Customer, title: str) -> None:
    customer.page.reload()
    expect(customer.page.get_by_text(customer.labels.coupon_used)).to_be_visible()
    expect(customer.benefits.redeem_button()).to_have_count(0)
    # Nor is it offered any more under "Förmåner och tips".
    view = open_tab(customer, customer.labels.benefits_tab)
    expect(view.coupon_link(title)).to_have_count(0)


def expect_told_mobile_only(customer: Customer) -> None:
    expect(customer.page.get_by_text(customer.labels.mobile_only)).to_be_visible()
    # The button exists for the mobile layout but a desktop screen does not show it.
    expect(customer.benefits.redeem_button()).to_be_hidden()


def cents(text: str) -> int:
    return int(euros(text) * 100)


def household_bought(
    persona: Persona, register: RegisterControl, amount: str, saving: str | None, month: date
) -> None:
    """A purchase on her card, as a till reports it; amounts as the feature writes them."""
    saved = cents(saving) if saving else 0
    register.add_purchase(card_of(persona), "prisma", cents(amount), saved, month)


def expect_bonus_table(customer: Customer, expected: list[list[str]]) -> None:
    rows = customer.benefits.table_rows()
    assert rows == expected, "The Bonus page shows\n" + "\n".join(" | ".join(r) for r in rows)


def expect_purchases_count_towards_bonus(customer: Customer, log: ScenarioLog) -> None:
    spent = log.spent()
    view = open_tab(customer, customer.labels.bonus_tab)
    column = view.column(customer.labels.purchases_column)
    total = sum((euros(cell) for cell in column), Decimal(0))
    assert total == spent, (
        f"{customer.name}'s household has {total} € of purchases on the Bonus page; its "
        f"members paid {spent} € in this scenario. Purchases column: {column}"
    )
