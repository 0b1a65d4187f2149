"""Journeys on the group's web shops and apps: signing in once for all of them, signing out,
and the apps' in-app browser."""

from __future__ import annotations

from playwright.sync_api import expect

from harness.cookie_policies import cookie_policy
from harness.devices import device
from harness.flows.sign_in import sign_in_if_asked
from harness.pages.shop import ShopSite
from harness.personas import Persona
from harness.scenario_log import CustomerLog
from harness.ui import Customer
from harness.words import APPS


def finish_sign_in(customer: Customer, site: ShopSite) -> None:
    """After "Logga in": either the sign-in service asks for the address and a code, or a
    live S-login session brings the customer straight back. Logs which one happened."""
    if sign_in_if_asked(customer, site.signed_in_marker(customer.persona.email)):
        customer.log.asked_for_code_on.append(site.site.name)


def sign_in_on(customer: Customer, shop_id: str) -> None:
    """With third-party cookies allowed, the shop's silent check may already have signed
    her in when the page settles; otherwise she presses "Logga in"."""
    site = customer.shop(shop_id)
    if not site.is_here():
        site.open()
    site.wait_sso_settled()
    if site.signed_in_marker(customer.persona.email).is_visible():
        return
    site.press_sign_in()
    finish_sign_in(customer, site)


def have_signed_in_on(customer: Customer, shop_id: str) -> None:
    sign_in_on(customer, shop_id)
    # What happens after this point is what the scenario is about.
    customer.log.asked_for_code_on.clear()


def expect_signed_in_on(customer: Customer, shop_id: str) -> None:
    site = customer.shop(shop_id)
    assert site.is_here(), (
        f"{customer.name} is on {customer.page.url}, not on {site.site.public_url}"
    )
    site.wait_signed_in(customer.persona.email)


def expect_not_asked_for_code(customer: Customer) -> None:
    asked = customer.log.asked_for_code_on
    assert not asked, (
        f"{customer.name} was sent to enter her address and a code when signing in on "
        f"{', '.join(asked)}"
    )
    persona = customer.persona
    fresh = persona.mailbox.unseen_count()
    assert fresh == 0, f"{fresh} new email(s) reached {persona.email}; single sign-on sends none"


def expect_sso_refused(customer: Customer, shop_id: str) -> None:
    site = customer.shop(shop_id)
    state = site.wait_sso_settled()
    assert state == "login_required", (
        f"The silent sign-in check on {site.site.name} ended as {state!r}; the browser blocks "
        "third-party cookies, so it should end as 'login_required'"
    )
    expect(customer.page.get_by_text(customer.labels.sso_refused)).to_be_visible()
    expect(site.signed_in_marker(customer.persona.email)).to_have_count(0)


def sign_out_on(customer: Customer, shop_id: str) -> None:
    site = customer.shop(shop_id)
    if not site.is_here():
        site.open()
    site.sign_out()


def expect_signed_out_on(customer: Customer, shop_id: str) -> None:
    site = customer.shop(shop_id)
    site.open()
    site.wait_sso_settled()
    expect(site.sign_in_control().first).to_be_visible()
    expect(site.signed_in_marker(customer.persona.email)).to_have_count(0)


def expect_asked_for_address_on(customer: Customer, shop_id: str) -> None:
    site = customer.shop(shop_id)
    site.press_sign_in()
    expect(customer.signin.email_field()).to_be_visible()


def use_app(persona: Persona, log: CustomerLog, app: str) -> None:
    """She uses `app` (as the feature names it) on her Android phone."""
    # The apps show web pages in an Android WebView, which refuses third-party cookies.
    persona.use(device("android-webview"), cookie_policy("block-third-party"))
    log.app = app


def app_of(customer: Customer) -> tuple[str, ShopSite]:
    """The app she uses, as the feature names it, and its site."""
    app = customer.log.app
    assert app, f"{customer.name} uses no app in this scenario"
    return app, customer.shop(APPS[app])


def open_app(customer: Customer) -> None:
    app_of(customer)[1].open_app()


def expect_app_asks_to_sign_in(customer: Customer) -> None:
    app, site = app_of(customer)
    expect(site.app_heading(app)).to_be_visible()
    expect(site.asks_to_sign_in()).to_be_visible()
    expect(site.sign_in_control().first).to_be_visible()
    user_agent = str(customer.page.evaluate("navigator.userAgent"))
    assert "; wv)" in user_agent, f"The app's browser should be a WebView, its UA is {user_agent}"


def sign_in_in_app(customer: Customer) -> None:
    site = app_of(customer)[1]
    site.wait_sso_settled()
    site.press_sign_in()
    finish_sign_in(customer, site)


def expect_signed_in_in_app(customer: Customer, app: str) -> None:
    site = app_of(customer)[1]
    expect(site.app_heading(app)).to_be_visible()
    site.wait_signed_in(customer.persona.email)
