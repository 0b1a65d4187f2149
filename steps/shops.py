"""Steps about the group's web shops and apps: signing in once for all of them, buying,
owner-customer prices, and the sign-in service refusing foreign return addresses."""

from __future__ import annotations

from collections.abc import Callable

from pytest_bdd import given, parsers, then, when

from harness.flows import buying, shops
from harness.personas import PersonaBook
from harness.scenario_log import ScenarioLog
from harness.ui import Customers
from harness.words import APP, SHOP, SHOPS
from steps import NAME, PRONOUN

PRODUCT = r'"(?P<product>[^"]+)"'
# The shop as the feature names it ("Prisma") becomes the id its site has ("prisma").
SHOP_ID: dict[str, Callable[[str], object]] = {"shop": SHOPS.__getitem__}


@given(parsers.re(rf"{NAME} has signed in on {SHOP}"), converters=SHOP_ID)
def has_signed_in_on(customers: Customers, name: str, shop: str) -> None:
    """She is signed in on the shop, however that went."""
    shops.have_signed_in_on(customers[name], shop)


@when(
    parsers.re(rf"{NAME} signs in on {SHOP}(?: with the code from {PRONOUN} email)?$"),
    converters=SHOP_ID,
)
def signs_in_on(customers: Customers, name: str, shop: str) -> None:
    """She signs in on the shop (silently, if single sign-on can)."""
    shops.sign_in_on(customers[name], shop)


@when(parsers.re(rf"{NAME} opens {SHOP}$"), converters=SHOP_ID)
def opens_shop(customers: Customers, name: str, shop: str) -> None:
    """She opens the shop's front page."""
    customers[name].shop(shop).open()


@then(parsers.re(rf"{NAME} is signed in on {SHOP} as (?:herself|himself)"), converters=SHOP_ID)
def signed_in_on(customers: Customers, name: str, shop: str) -> None:
    """The shop greets her by her own address."""
    shops.expect_signed_in_on(customers[name], shop)


@then(parsers.re(rf"{NAME} was not asked for a new code"))
def not_asked_for_code(customers: Customers, name: str) -> None:
    """Single sign-on asked for no address and sent no email."""
    shops.expect_not_asked_for_code(customers[name])


@then(
    parsers.re(rf"{SHOP} tells {NAME} it could not sign (?:her|him) in automatically"),
    converters=SHOP_ID,
)
def sso_refused(customers: Customers, name: str, shop: str) -> None:
    """The silent check was refused, and the shop says so."""
    shops.expect_sso_refused(customers[name], shop)


@when(parsers.re(rf"{NAME} signs out on {SHOP}"), converters=SHOP_ID)
def signs_out_on(customers: Customers, name: str, shop: str) -> None:
    """She signs out on the shop."""
    shops.sign_out_on(customers[name], shop)


@then(parsers.re(rf"{NAME} is no longer signed in on {SHOP}"), converters=SHOP_ID)
def no_longer_signed_in(customers: Customers, name: str, shop: str) -> None:
    """The shop offers to sign in and greets nobody."""
    shops.expect_signed_out_on(customers[name], shop)


@then(
    parsers.re(rf"signing in on {SHOP} asks {NAME} for {PRONOUN} email address again"),
    converters=SHOP_ID,
)
def asked_again(customers: Customers, name: str, shop: str) -> None:
    """Signing in there asks for her address: the S-login session is gone."""
    shops.expect_asked_for_address_on(customers[name], shop)


# --- Apps --------------------------------------------------------------------------------


@given(parsers.re(rf"{NAME} uses the {APP} app on {PRONOUN} Android phone"))
def uses_app(personas: PersonaBook, scenario_log: ScenarioLog, name: str, app: str) -> None:
    """She uses the app, whose web pages open in an Android WebView."""
    shops.use_app(personas[name], scenario_log.of(name), app)


@when(parsers.re(rf"{NAME} opens the app"))
def opens_app(customers: Customers, name: str) -> None:
    """She opens the app."""
    shops.open_app(customers[name])


@then(parsers.re(rf"the app asks {NAME} to sign in with {PRONOUN} S-login"))
def app_asks_sign_in(customers: Customers, name: str) -> None:
    """The app, in a WebView, offers to sign in with S-login."""
    shops.expect_app_asks_to_sign_in(customers[name])


@when(parsers.re(rf"{NAME} signs in in the app with the code from {PRONOUN} email"))
def signs_in_in_app(customers: Customers, name: str) -> None:
    """She signs in from the app."""
    shops.sign_in_in_app(customers[name])


@then(parsers.re(rf"{NAME} is signed in in the {APP} app as (?:herself|himself)"))
def signed_in_in_app(customers: Customers, name: str, app: str) -> None:
    """The app greets her by her own address."""
    shops.expect_signed_in_in_app(customers[name], app)


# --- Buying ------------------------------------------------------------------------------


@when(
    parsers.re(rf"{NAME} tries to buy {PRODUCT} in the {SHOP} web shop without signing in"),
    converters=SHOP_ID,
)
def tries_to_buy(customers: Customers, name: str, product: str, shop: str) -> None:
    """She presses "Köp" without having signed in."""
    buying.try_to_buy_signed_out(customers[name], shop, product)


@then(parsers.re(rf"{NAME} is asked to sign in with {PRONOUN} S-login to shop"))
def asked_to_sign_in(customers: Customers, name: str) -> None:
    """The shop asks her to sign in, and takes no order."""
    buying.expect_asked_to_sign_in_to_shop(customers[name])


@then(parsers.re(rf"the {SHOP} web shop has taken no order from {NAME}"), converters=SHOP_ID)
def no_order(customers: Customers, shop: str, name: str) -> None:
    """The shop's records have no order from her."""
    buying.expect_no_order(customers[name], shop)


@when(parsers.re(rf"{NAME} buys {PRODUCT} in the {SHOP} web shop"), converters=SHOP_ID)
def buys(customers: Customers, name: str, product: str, shop: str) -> None:
    """She signs in if need be and buys the product."""
    buying.buy(customers[name], shop, product)


@then(parsers.re(rf"{NAME}'s order is confirmed"))
def order_confirmed(customers: Customers, name: str) -> None:
    """The shop thanks her for the order."""
    buying.expect_order_confirmed(customers[name])


@then(parsers.re(rf"{NAME} pays the owner-customer price"))
def pays_owner_price(customers: Customers, name: str) -> None:
    """She paid the owner-customer price, below the normal one, and earns Bonus."""
    buying.expect_paid_owner_price(customers[name])


@then(parsers.re(rf"{NAME} pays the normal price"))
def pays_normal_price(customers: Customers, name: str) -> None:
    """She paid the normal price."""
    buying.expect_paid_normal_price(customers[name])


@then(parsers.re(rf"{NAME} is told that no Bonus is earned without a linked S-Förmånskort"))
def told_no_bonus(customers: Customers, name: str) -> None:
    """The order says no Bonus is recorded."""
    buying.expect_told_no_bonus(customers[name])


# --- Min profil --------------------------------------------------------------------------


@when(
    parsers.re(rf'{NAME} adds {PRONOUN} S-Förmånskort under "Min profil" on {SHOP}'),
    converters=SHOP_ID,
)
def adds_card_on_shop(customers: Customers, name: str, shop: str) -> None:
    """She links her card from the shop's "Min profil"."""
    buying.add_card_on_shop(customers[name], shop)


@then(parsers.re(rf'"Min profil" on {SHOP} shows {NAME}\'s card'), converters=SHOP_ID)
def profile_shows_card(customers: Customers, shop: str, name: str) -> None:
    """She is back on the shop's "Min profil", which shows her card."""
    buying.expect_card_on_profile(customers[name], shop)


# --- Open redirects ----------------------------------------------------------------------


@when(
    parsers.re(rf'{NAME} opens a {SHOP} sign-in link that returns to "(?P<address>[^"]+)"'),
    converters=SHOP_ID,
)
def opens_foreign_link(customers: Customers, name: str, shop: str, address: str) -> None:
    """She opens the shop's sign-in link, tampered to return elsewhere."""
    buying.open_foreign_sign_in_link(customers[name], shop, address)


@then(
    parsers.re(rf"{NAME} stays on the sign-in service and is told the sign-in request is invalid")
)
def stays_on_signin(customers: Customers, name: str) -> None:
    """The sign-in service refuses the request and stays on its own site."""
    buying.expect_stays_on_sign_in(customers[name])
