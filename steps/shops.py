"""Steps about the group's web shops and apps: signing in once for all of them, buying,
owner-customer prices, and the sign-in service refusing foreign return addresses."""

from __future__ import annotations

import secrets
from decimal import Decimal
from urllib.parse import urlencode

from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from harness.clients.shops import ShopsControl
from harness.environment import Environment
from harness.owner_labels import APP_WORDS, APPS, SHOP_WORDS, SHOPS, SV
from harness.pages.identity import LinkCardPages
from harness.pages.shop import ShopSite
from harness.personas import PersonaBook
from harness.ui import UI, CustomerUI
from steps import NAME, PRONOUN
from steps.cards import link_card
from steps.sign_in import sign_in_if_asked

SHOP = rf"(?P<shop>{SHOP_WORDS})"


def shop_site(customer: CustomerUI, environment: Environment, shop: str) -> ShopSite:
    return ShopSite(customer.page, environment.shop(SHOPS[shop]))


def finish_sign_in(customer: CustomerUI, site: ShopSite) -> None:
    """After "Logga in": either the sign-in service asks for the address and a code, or a
    live S-login session brings the customer straight back. Notes which one happened."""
    if sign_in_if_asked(customer, site.signed_in_marker(customer.persona.email)):
        customer.persona.notes["asked_for_code"] = site.site.name


def sign_in_on(customer: CustomerUI, site: ShopSite) -> None:
    if not site.is_here():
        site.open()
    site.wait_sso_settled()
    if site.signed_in_marker(customer.persona.email).is_visible():
        return
    site.press_sign_in()
    finish_sign_in(customer, site)


@given(parsers.re(rf"{NAME} has signed in on {SHOP}"))
def has_signed_in_on(
    personas: PersonaBook, ui: UI, environment: Environment, name: str, shop: str
) -> None:
    customer = ui.of(personas[name])
    sign_in_on(customer, shop_site(customer, environment, shop))
    # What happens after this point is what the scenario is about.
    customer.persona.notes.pop("asked_for_code", None)


@when(parsers.re(rf"{NAME} signs in on {SHOP}(?: with the code from {PRONOUN} email)?$"))
def signs_in_on(
    personas: PersonaBook, ui: UI, environment: Environment, name: str, shop: str
) -> None:
    customer = ui.of(personas[name])
    # With third-party cookies allowed, the shop's silent check may already have signed
    # her in when the page settles; otherwise she presses "Logga in".
    sign_in_on(customer, shop_site(customer, environment, shop))


@when(parsers.re(rf"{NAME} opens {SHOP}$"))
def opens_shop(
    personas: PersonaBook, ui: UI, environment: Environment, name: str, shop: str
) -> None:
    customer = ui.of(personas[name])
    shop_site(customer, environment, shop).open()


@then(parsers.re(rf"{NAME} is signed in on {SHOP} as (?:herself|himself)"))
def signed_in_on(
    personas: PersonaBook, ui: UI, environment: Environment, name: str, shop: str
) -> None:
    customer = ui.of(personas[name])
    site = shop_site(customer, environment, shop)
    assert site.is_here(), f"{name} is on {customer.page.url}, not on {site.site.public_url}"
    site.wait_signed_in(customer.persona.email)


@then(parsers.re(rf"{NAME} was not asked for a new code"))
def not_asked_for_code(personas: PersonaBook, name: str) -> None:
    persona = personas[name]
    asked = persona.notes.get("asked_for_code")
    assert asked is None, (
        f"{name} was sent to enter her address and a code when signing in on {asked}"
    )
    fresh = persona.mailbox.unseen_count()
    assert fresh == 0, f"{fresh} new email(s) reached {persona.email}; single sign-on sends none"


@then(parsers.re(rf"{SHOP} tells {NAME} it could not sign (?:her|him) in automatically"))
def sso_refused(
    personas: PersonaBook, ui: UI, environment: Environment, name: str, shop: str
) -> None:
    customer = ui.of(personas[name])
    site = shop_site(customer, environment, shop)
    state = site.wait_sso_settled()
    assert state == "login_required", (
        f"The silent sign-in check on {shop} ended as {state!r}; the browser blocks "
        "third-party cookies, so it should end as 'login_required'"
    )
    expect(customer.page.get_by_text(SV.sso_refused)).to_be_visible()
    expect(site.signed_in_marker(customer.persona.email)).to_have_count(0)


@when(parsers.re(rf"{NAME} signs out on {SHOP}"))
def signs_out_on(
    personas: PersonaBook, ui: UI, environment: Environment, name: str, shop: str
) -> None:
    customer = ui.of(personas[name])
    site = shop_site(customer, environment, shop)
    if not site.is_here():
        site.open()
    site.sign_out()


@then(parsers.re(rf"{NAME} is no longer signed in on {SHOP}"))
def no_longer_signed_in(
    personas: PersonaBook, ui: UI, environment: Environment, name: str, shop: str
) -> None:
    customer = ui.of(personas[name])
    site = shop_site(customer, environment, shop)
    site.open()
    site.wait_sso_settled()
    expect(site.sign_in_control().first).to_be_visible()
    expect(site.signed_in_marker(customer.persona.email)).to_have_count(0)


@then(parsers.re(rf"signing in on {SHOP} asks {NAME} for {PRONOUN} email address again"))
def asked_again(
    personas: PersonaBook, ui: UI, environment: Environment, name: str, shop: str
) -> None:
    customer = ui.of(personas[name])
    site = shop_site(customer, environment, shop)
    site.press_sign_in()
    expect(customer.page.get_by_label(customer.labels.email_field)).to_be_visible()


# --- Apps --------------------------------------------------------------------------------


@given(parsers.re(rf"{NAME} uses the (?P<app>{APP_WORDS}) app on {PRONOUN} Android phone"))
def uses_app(personas: PersonaBook, name: str, app: str) -> None:
    persona = personas[name]
    # The apps show web pages in an Android WebView, which refuses third-party cookies.
    persona.device = "android-webview"
    persona.cookie_policy = "block-third-party"
    persona.notes["app"] = app


def app_site(customer: CustomerUI, environment: Environment) -> ShopSite:
    app = customer.persona.notes.get("app")
    assert app, f"{customer.persona.name} uses no app in this scenario"
    return ShopSite(customer.page, environment.shop(APPS[app]))


@when(parsers.re(rf"{NAME} opens the app"))
def opens_app(personas: PersonaBook, ui: UI, environment: Environment, name: str) -> None:
    customer = ui.of(personas[name])
    app_site(customer, environment).open_app()


@then(parsers.re(rf"the app asks {NAME} to sign in with {PRONOUN} S-login"))
def app_asks_sign_in(personas: PersonaBook, ui: UI, environment: Environment, name: str) -> None:
    customer = ui.of(personas[name])
    site = app_site(customer, environment)
    app = customer.persona.notes["app"]
    expect(
        customer.page.get_by_role("heading", name=SV.app_heading.format(shop=app))
    ).to_be_visible()
    expect(customer.page.get_by_text(SV.sign_in_to_shop)).to_be_visible()
    expect(site.sign_in_control().first).to_be_visible()
    user_agent = str(customer.page.evaluate("navigator.userAgent"))
    assert "; wv)" in user_agent, f"The app's browser should be a WebView, its UA is {user_agent}"


@when(parsers.re(rf"{NAME} signs in in the app with the code from {PRONOUN} email"))
def signs_in_in_app(personas: PersonaBook, ui: UI, environment: Environment, name: str) -> None:
    customer = ui.of(personas[name])
    site = app_site(customer, environment)
    site.wait_sso_settled()
    site.press_sign_in()
    finish_sign_in(customer, site)


@then(parsers.re(rf"{NAME} is signed in in the (?P<app>{APP_WORDS}) app as (?:herself|himself)"))
def signed_in_in_app(
    personas: PersonaBook, ui: UI, environment: Environment, name: str, app: str
) -> None:
    customer = ui.of(personas[name])
    site = app_site(customer, environment)
    expect(
        customer.page.get_by_role("heading", name=SV.app_heading.format(shop=app))
    ).to_be_visible()
    site.wait_signed_in(customer.persona.email)


# --- Buying ------------------------------------------------------------------------------


@when(
    parsers.re(
        rf'{NAME} tries to buy "(?P<product>[^"]+)" in the {SHOP} web shop without signing in'
    )
)
def tries_to_buy(
    personas: PersonaBook, ui: UI, environment: Environment, name: str, product: str, shop: str
) -> None:
    customer = ui.of(personas[name])
    site = shop_site(customer, environment, shop)
    site.open()
    site.wait_sso_settled()
    site.buy(product)


@then(parsers.re(rf"{NAME} is asked to sign in with {PRONOUN} S-login to shop"))
def asked_to_sign_in(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    expect(customer.page.get_by_text(SV.sign_in_to_shop)).to_be_visible()
    expect(customer.page.get_by_role("heading", name=SV.order_heading)).to_have_count(0)


@then(parsers.re(rf"the {SHOP} web shop has taken no order from {NAME}"))
def no_order(personas: PersonaBook, environment: Environment, shop: str, name: str) -> None:
    control = ShopsControl(environment)
    try:
        orders = control.orders(personas[name].email)
    finally:
        control.close()
    assert orders == [], f"{shop} took orders from {name} although she was not signed in: {orders}"


@when(parsers.re(rf'{NAME} buys "(?P<product>[^"]+)" in the {SHOP} web shop'))
def buys(
    personas: PersonaBook, ui: UI, environment: Environment, name: str, product: str, shop: str
) -> None:
    customer = ui.of(personas[name])
    site = shop_site(customer, environment, shop)
    sign_in_on(customer, site)
    prices = site.prices(product)
    site.buy(product)
    site.wait_for_order()
    paid = site.amount_paid()
    notes = customer.persona.notes
    notes.update(normal_price=str(prices.normal), owner_price=str(prices.owner), paid=str(paid))
    notes["spent"] = str(Decimal(notes.get("spent", "0")) + paid)
    notes["last_buyer"] = name


@then(parsers.re(rf"{NAME}'s order is confirmed"))
def order_confirmed(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    expect(customer.page.get_by_role("heading", name=SV.order_heading)).to_be_visible()


@then(parsers.re(rf"{NAME} pays the owner-customer price"))
def pays_owner_price(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    notes = customer.persona.notes
    paid, owner, normal = (
        Decimal(notes["paid"]),
        Decimal(notes["owner_price"]),
        Decimal(notes["normal_price"]),
    )
    assert owner < normal, f"The owner-customer price {owner} € should be below {normal} €"
    assert paid == owner, f"{name} paid {paid} €; the owner-customer price is {owner} €"
    expect(customer.page.get_by_text(SV.bonus_recorded)).to_be_visible()


@then(parsers.re(rf"{NAME} pays the normal price"))
def pays_normal_price(personas: PersonaBook, name: str) -> None:
    notes = personas[name].notes
    paid, normal = Decimal(notes["paid"]), Decimal(notes["normal_price"])
    assert paid == normal, f"{name} paid {paid} €; the normal price is {normal} €"


@then(parsers.re(rf"{NAME} is told that no Bonus is earned without a linked S-Förmånskort"))
def told_no_bonus(personas: PersonaBook, ui: UI, name: str) -> None:
    customer = ui.of(personas[name])
    expect(customer.page.get_by_text(SV.no_bonus)).to_be_visible()
    expect(customer.page.get_by_text(SV.bonus_recorded)).to_have_count(0)


# --- Min profil --------------------------------------------------------------------------


@when(parsers.re(rf'{NAME} adds {PRONOUN} S-Förmånskort under "Min profil" on {SHOP}'))
def adds_card_on_shop(
    personas: PersonaBook, ui: UI, environment: Environment, name: str, shop: str
) -> None:
    customer = ui.of(personas[name])
    site = shop_site(customer, environment, shop)
    site.open_profile()
    customer.page.get_by_role("link", name=SV.add_card).click()
    link_card(customer, business=False)
    link = LinkCardPages(customer.page)
    link.wait_for_linked()
    link.continue_to_service()


@then(parsers.re(rf'"Min profil" on {SHOP} shows {NAME}\'s card'))
def profile_shows_card(
    personas: PersonaBook, ui: UI, environment: Environment, shop: str, name: str
) -> None:
    customer = ui.of(personas[name])
    card = customer.persona.card
    assert card is not None, f"{name} has no card in this scenario"
    site = shop_site(customer, environment, shop)
    expect(customer.page.get_by_role("heading", name=SV.my_profile)).to_be_visible()
    assert site.is_here(), f"After linking, {name} is on {customer.page.url}, not back on {shop}"
    expect(customer.page.get_by_text(card.last_four)).to_be_visible()
    expect(customer.page.get_by_role("link", name=SV.add_card)).to_have_count(0)


# --- Open redirects ----------------------------------------------------------------------


@when(parsers.re(rf'{NAME} opens a {SHOP} sign-in link that returns to "(?P<address>[^"]+)"'))
def opens_foreign_link(
    personas: PersonaBook, ui: UI, environment: Environment, name: str, shop: str, address: str
) -> None:
    customer = ui.of(personas[name])
    query = urlencode(
        {
            "client_id": SHOPS[shop],
            "redirect_uri": address,
            "response_type": "code",
            "scope": "openid email",
            "state": secrets.token_urlsafe(16),
            "nonce": secrets.token_urlsafe(16),
            "code_challenge": secrets.token_urlsafe(32)[:43].ljust(43, "A"),
            "code_challenge_method": "S256",
        }
    )
    customer.page.goto(environment.signin.url(f"/authorize?{query}"))


@then(
    parsers.re(rf"{NAME} stays on the sign-in service and is told the sign-in request is invalid")
)
def stays_on_signin(personas: PersonaBook, ui: UI, environment: Environment, name: str) -> None:
    customer = ui.of(personas[name])
    expect(customer.page.get_by_role("heading", name=SV.invalid_request)).to_be_visible()
    here = customer.page.url
    assert here.startswith(environment.signin.public_url + "/"), (
        f"{name} was sent to {here}; the sign-in service must not leave its own site"
    )
