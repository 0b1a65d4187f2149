"""Journeys of buying in a web shop: owner-customer prices, Bonus, the card under
"Min profil", and sign-in links that try to return somewhere foreign."""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

from playwright.sync_api import expect

from harness.clients.shops import ShopsControl
from harness.flows.cards import card_of, finish_linking, link_card
from harness.flows.shops import sign_in_on
from harness.scenario_log import Purchase
from harness.ui import Customer


def try_to_buy_signed_out(customer: Customer, shop_id: str, product: str) -> None:
    site = customer.shop(shop_id)
    site.open()
    site.wait_sso_settled()
    site.buy(product)


def expect_asked_to_sign_in_to_shop(customer: Customer) -> None:
    """Whichever shop she is on asks her to sign in, and shows no order."""
    page, labels = customer.page, customer.labels
    expect(page.get_by_text(labels.sign_in_to_shop)).to_be_visible()
    expect(page.get_by_role("heading", name=labels.order_heading)).to_have_count(0)


def expect_no_order(customer: Customer, shop: str) -> None:
    control = ShopsControl(customer.environment)
    try:
        orders = control.orders(customer.persona.email)
    finally:
        control.close()
    assert orders == [], (
        f"{shop} took orders from {customer.name} although she was not signed in: {orders}"
    )


def buy(customer: Customer, shop_id: str, product: str) -> Purchase:
    """Sign in if need be, buy `product` and log what it cost and what she paid."""
    sign_in_on(customer, shop_id)
    site = customer.shop(shop_id)
    prices = site.prices(product)
    site.buy(product)
    site.wait_for_order()
    purchase = Purchase(site.site.name, product, prices, site.amount_paid())
    customer.log.purchases.append(purchase)
    return purchase


def expect_order_confirmed(customer: Customer) -> None:
    heading = customer.page.get_by_role("heading", name=customer.labels.order_heading)
    expect(heading).to_be_visible()


def expect_paid_owner_price(customer: Customer) -> None:
    purchase = customer.log.last_purchase()
    owner, normal = purchase.prices.owner, purchase.prices.normal
    assert owner < normal, f"The owner-customer price {owner} € should be below {normal} €"
    assert purchase.paid == owner, (
        f"{customer.name} paid {purchase.paid} €; the owner-customer price is {owner} €"
    )
    expect(customer.page.get_by_text(customer.labels.bonus_recorded)).to_be_visible()


def expect_paid_normal_price(customer: Customer) -> None:
    purchase = customer.log.last_purchase()
    normal = purchase.prices.normal
    assert purchase.paid == normal, (
        f"{customer.name} paid {purchase.paid} €; the normal price is {normal} €"
    )


def expect_told_no_bonus(customer: Customer) -> None:
    expect(customer.page.get_by_text(customer.labels.no_bonus)).to_be_visible()
    expect(customer.page.get_by_text(customer.labels.bonus_recorded)).to_have_count(0)


def add_card_on_shop(customer: Customer, shop_id: str) -> None:
    site = customer.shop(shop_id)
    site.open_profile()
    site.add_card_link().click()
    link_card(customer)
    finish_linking(customer)


def expect_card_on_profile(customer: Customer, shop_id: str) -> None:
    site = customer.shop(shop_id)
    card = card_of(customer.persona)
    expect(site.profile_heading()).to_be_visible()
    assert site.is_here(), (
        f"After linking, {customer.name} is on {customer.page.url}, not back on {site.site.name}"
    )
    expect(customer.page.get_by_text(card.last_four)).to_be_visible()
    expect(site.add_card_link()).to_have_count(0)


def open_foreign_sign_in_link(customer: Customer, shop_id: str, address: str) -> None:
    """A well-formed sign-in request of the shop, except that it returns to `address`."""
    site = customer.shop(shop_id)
    query = urlencode(
        {
            "client_id": site.site.name,
            "redirect_uri": address,
            "response_type": "code",
            "scope": "openid email",
            "state": secrets.token_urlsafe(16),
            "nonce": secrets.token_urlsafe(16),
            "code_challenge": secrets.token_urlsafe(32)[:43].ljust(43, "A"),
            "code_challenge_method": "S256",
        }
    )
    customer.page.goto(customer.environment.signin.url(f"/authorize?{query}"))


def expect_stays_on_sign_in(customer: Customer) -> None:
    heading = customer.page.get_by_role("heading", name=customer.labels.invalid_request)
    expect(heading).to_be_visible()
    here = customer.page.url
    assert here.startswith(customer.environment.signin.public_url + "/"), (
        f"{customer.name} was sent to {here}; the sign-in service must not leave its own site"
    )
