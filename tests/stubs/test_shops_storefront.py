"""The storefronts: one process, six shops by Host; sign in to buy, owner prices, orders
reported to the register once, CSRF, "Min profil" and the app entry (owner-customer.md)."""

from __future__ import annotations

import re

import pytest

from stub_services.common.settings import Settings

from .test_shops_support import (
    CARD,
    PRISMA,
    SARA,
    SARA_SUB,
    SIGNIN,
    SOKOS,
    ShopWorld,
    buy_form,
    prices_of,
    shop_world,
    sign_in,
)

SHOP_HEADINGS = {
    "https://prisma.test": "Prisma",
    "https://sokos.test": "Sokos",
    "https://sokoshotels.test": "Sokos Hotels",
    "https://xn--yhteishyv-32a.test": "Yhteishyvä",
    "https://s-kaupat.test": "S-kaupat",
    "https://abc.test": "ABC",
}


@pytest.fixture
def world(settings: Settings) -> ShopWorld:
    return shop_world(settings)


@pytest.mark.parametrize(("url", "heading"), SHOP_HEADINGS.items())
def test_each_host_gets_its_own_shop(world: ShopWorld, url: str, heading: str) -> None:
    with world.browser(url) as browser:
        page = browser.get("/sv/")
        root = browser.get("/")
    assert page.status_code == 200
    assert f'<h1 class="brand"><a href="/sv/">{heading}</a></h1>' in page.text
    assert '<html lang="sv">' in page.text
    assert root.status_code == 303
    assert root.headers["location"] == "/sv/"


def test_an_unknown_host_is_not_a_shop(world: ShopWorld) -> None:
    with world.browser("https://elsewhere.test") as browser:
        assert browser.get("/sv/").status_code == 404
        assert browser.get("/").status_code == 404
        assert browser.get("/sv/login").status_code == 404
        # Health and control answer on any host: the world reaches them by address.
        assert browser.get("/healthz").json() == {"status": "ok", "service": "shops"}
        assert browser.get("/_control/orders").json() == []


def test_selling_shops_list_their_products_with_a_buy_button(world: ShopWorld) -> None:
    counts = {"https://prisma.test": 3, "https://sokos.test": 3, "https://s-kaupat.test": 3}
    counts |= {"https://sokoshotels.test": 1, "https://xn--yhteishyv-32a.test": 0}
    counts |= {"https://abc.test": 0}
    for url, count in counts.items():
        with world.browser(url) as browser:
            page = browser.get("/sv/")
        assert page.text.count('<button type="submit">Köp</button>') == count, url
    with world.browser("https://sokoshotels.test") as browser:
        assert "<h3>Hotellnatt</h3>" in browser.get("/sv/").text


def test_prices_are_shown_finnish_style(world: ShopWorld) -> None:
    with world.browser() as browser:
        page = browser.get("/sv/")
        finnish = browser.get("/fi/")
    assert "<h3>Kaffe 500 g</h3>" in page.text
    assert prices_of(page, "prisma-coffee") == {
        "to-pay": "5,49 €",
        "normal": "5,49 €",
        "owner": "Ägarkundspris 4,99 €",
    }
    assert "<h3>Kahvi 500 g</h3>" in finnish.text
    assert prices_of(finnish, "prisma-coffee")["owner"] == "Omistaja-asiakashinta 4,99 €"


def test_buying_without_signing_in_asks_to_sign_in_and_orders_nothing(world: ShopWorld) -> None:
    with world.browser() as browser:
        page = browser.get("/sv/")
        assert "Logga in med S-inloggning för att handla" in page.text
        response = browser.post("/sv/orders", data=buy_form(page, "prisma-coffee"))
    assert response.status_code == 401
    assert 'role="alert">Logga in med S-inloggning för att handla</p>' in response.text
    assert '<a class="button" href="/sv/login">Logga in</a>' in response.text
    assert world.register.calls == []
    with world.browser() as control:
        assert control.get("/_control/orders").json() == []


def test_signing_in_from_the_front_page_returns_to_it(world: ShopWorld) -> None:
    with world.browser() as browser:
        done = sign_in(world, browser)
        page = browser.get("/sv/")
    assert done.status_code == 303
    assert done.headers["location"] == "/sv/"
    assert f"Inloggad som {SARA}" in page.text
    assert '<button type="submit">Logga ut</button>' in page.text
    assert "Logga in med S-inloggning för att handla" not in page.text


def test_an_owner_customer_sees_owner_prices(world: ShopWorld) -> None:
    world.register.cards[SARA_SUB] = CARD
    with world.browser() as browser:
        sign_in(world, browser)
        page = browser.get("/sv/")
    assert '<p class="badge">Ägarkund</p>' in page.text
    assert prices_of(page, "prisma-coffee") == {
        "to-pay": "Ägarkundspris 4,99 €",
        "owner": "Ägarkundspris 4,99 €",
        "normal": "5,49 €",
    }
    assert "Lägg till ditt S-Förmånskort" not in page.text


def test_without_a_card_the_normal_price_and_the_card_hint_show(world: ShopWorld) -> None:
    with world.browser() as browser:
        sign_in(world, browser)
        page = browser.get("/sv/")
    assert prices_of(page, "prisma-coffee")["to-pay"] == "5,49 €"
    assert "Lägg till ditt S-Förmånskort för att få Bonus och ägarkundsförmåner" in page.text
    assert 'class="badge"' not in page.text


def test_a_card_linked_meanwhile_shows_at_the_next_page_view(world: ShopWorld) -> None:
    with world.browser() as browser:
        sign_in(world, browser)
        before = browser.get("/sv/")
        world.register.cards[SARA_SUB] = CARD
        after = browser.get("/sv/")
    assert prices_of(before, "prisma-coffee")["to-pay"] == "5,49 €"
    assert prices_of(after, "prisma-coffee")["to-pay"] == "Ägarkundspris 4,99 €"


def test_an_owner_purchase_is_confirmed_and_reported_once(world: ShopWorld) -> None:
    world.register.cards[SARA_SUB] = CARD
    with world.browser() as browser:
        sign_in(world, browser)
        form = buy_form(browser.get("/sv/"), "prisma-coffee")
        bought = browser.post("/sv/orders", data=form)
        assert bought.status_code == 303
        confirmation = browser.get(bought.headers["location"])
        # The same form again (a double click, a resubmit) and another view: still once.
        again = browser.post("/sv/orders", data=form)
        browser.get(bought.headers["location"])
        orders = browser.get("/_control/orders", params={"email": SARA}).json()
    assert again.headers["location"] == bought.headers["location"]
    assert confirmation.status_code == 200
    assert "Tack för din beställning" in confirmation.text
    assert "Att betala 4,99 €" in confirmation.text
    assert "Bonus registreras på ditt S-Förmånskort" in confirmation.text
    assert "Du sparade 0,50 €" in confirmation.text
    order_id = bought.headers["location"].rsplit("/", 1)[1]
    assert world.register.calls == [(SARA_SUB, "prisma", order_id)]
    ((key, (s_login, amount, saving, _day)),) = world.register.purchases.items()
    assert (key, s_login, amount, saving) == (("prisma", order_id), SARA_SUB, 499, 50)
    assert len(orders) == 1
    assert orders[0]["shop"] == "prisma"
    assert orders[0]["amount_cents"] == 499
    assert orders[0]["owner_price"] is True
    assert orders[0]["bonus_recorded"] is True


def test_a_purchase_without_a_card_is_not_reported(world: ShopWorld) -> None:
    with world.browser() as browser:
        sign_in(world, browser)
        bought = browser.post("/sv/orders", data=buy_form(browser.get("/sv/"), "prisma-coffee"))
        confirmation = browser.get(bought.headers["location"])
        orders = browser.get("/_control/orders", params={"email": SARA}).json()
    assert "Att betala 5,49 €" in confirmation.text
    assert "Ingen Bonus: inget S-Förmånskort är kopplat" in confirmation.text
    assert "Bonus registreras" not in confirmation.text
    assert "Du sparade" not in confirmation.text
    assert world.register.calls == []
    assert [(o["owner_price"], o["bonus_recorded"]) for o in orders] == [(False, False)]


def test_a_purchase_the_register_missed_is_reported_at_the_next_view(world: ShopWorld) -> None:
    world.register.cards[SARA_SUB] = CARD
    with world.browser() as browser:
        sign_in(world, browser)
        form = buy_form(browser.get("/sv/"), "prisma-oats")
        world.register.purchases_down = True
        bought = browser.post("/sv/orders", data=form)
        before = browser.get("/_control/orders").json()
        world.register.purchases_down = False
        confirmation = browser.get(bought.headers["location"])
        browser.get(bought.headers["location"])
        after = browser.get("/_control/orders").json()
    assert bought.status_code == 303
    assert "Att betala 1,69 €" in confirmation.text
    assert "Bonus registreras på ditt S-Förmånskort" in confirmation.text
    assert [o["bonus_recorded"] for o in before + after] == [False, True]
    assert len(world.register.calls) == 1


def test_while_the_register_is_down_the_normal_price_applies(world: ShopWorld) -> None:
    world.register.cards[SARA_SUB] = CARD
    with world.browser() as browser:
        sign_in(world, browser)
        world.register.down = True
        page = browser.get("/sv/")
        bought = browser.post("/sv/orders", data=buy_form(page, "prisma-oats"))
        confirmation = browser.get(bought.headers["location"])
    assert "Ägarkundsuppgifterna kan inte visas just nu." in page.text
    assert prices_of(page, "prisma-oats")["to-pay"] == "1,89 €"
    assert "Att betala 1,89 €" in confirmation.text
    assert world.register.calls == []


def test_each_shop_reports_its_own_orders(world: ShopWorld) -> None:
    world.register.cards[SARA_SUB] = CARD
    with world.browser(SOKOS) as browser:
        sign_in(world, browser)
        bought = browser.post("/fi/orders", data=buy_form(browser.get("/fi/"), "sokos-socks"))
        confirmation = browser.get(bought.headers["location"])
        orders = browser.get("/_control/orders", params={"email": SARA}).json()
    assert "Maksettavaa 9,90 €" in confirmation.text
    assert "Säästit 3,00 €" in confirmation.text
    assert [o["shop"] for o in orders] == ["sokos"]
    assert world.register.calls[0][1] == "sokos"


@pytest.mark.parametrize("tamper", ["wrong-token", "missing-field", "missing-cookie"])
def test_a_forged_purchase_form_is_refused(world: ShopWorld, tamper: str) -> None:
    world.register.cards[SARA_SUB] = CARD
    with world.browser() as browser:
        sign_in(world, browser)
        form = buy_form(browser.get("/sv/"), "prisma-coffee")
        if tamper == "wrong-token":
            form["csrf_token"] = "x" * 43
        elif tamper == "missing-field":
            del form["csrf_token"]
        else:
            browser.cookies.delete("__Host-shop_csrf")
        response = browser.post("/sv/orders", data=form)
        orders = browser.get("/_control/orders").json()
    assert response.status_code == 403
    assert "Formuläret har gått ut" in response.text
    assert orders == []
    assert world.register.calls == []


def test_unknown_products_and_foreign_orders_are_not_found(world: ShopWorld) -> None:
    world.register.cards[SARA_SUB] = CARD
    with world.browser() as sara:
        sign_in(world, sara)
        page = sara.get("/sv/")
        unknown = sara.post("/sv/orders", data=buy_form(page, "prisma-coffee") | {"product": "x"})
        # A product of another shop is unknown here too.
        sokos_item = sara.post(
            "/sv/orders", data=buy_form(page, "prisma-coffee") | {"product": "sokos-socks"}
        )
        bought = sara.post("/sv/orders", data=buy_form(page, "prisma-coffee"))
        order_path = bought.headers["location"]
    with world.browser() as elias:
        sign_in(world, elias, sub="sub-of-elias", email="elias@example.fi", sid="sid-2")
        foreign = elias.get(order_path)
    with world.browser(SOKOS) as sara_at_sokos:
        sign_in(world, sara_at_sokos)
        other_shop = sara_at_sokos.get(order_path)
    for response in (unknown, sokos_item, foreign, other_shop):
        assert response.status_code == 404
        assert "Sidan hittades inte" in response.text


def test_bad_paths_and_methods_get_a_clear_page(world: ShopWorld) -> None:
    with world.browser() as browser:
        wrong_lang = browser.get("/de/")
        wrong_method = browser.get("/sv/orders")
    assert wrong_lang.status_code == 404
    assert "Sidan hittades inte" in wrong_lang.text
    assert wrong_method.status_code == 405
    assert "Begäran kunde inte behandlas" in wrong_method.text


def test_profile_offers_card_linking_that_returns_to_it(world: ShopWorld) -> None:
    with world.browser("https://s-kaupat.test") as browser:
        signed_out = browser.get("/sv/profile")
        sign_in(world, browser)
        page = browser.get("/sv/profile")
    assert signed_out.status_code == 303
    assert signed_out.headers["location"] == "/sv/login?return=%2Fsv%2Fprofile"
    assert "<h2>Min profil</h2>" in page.text
    assert f"<dd>{SARA}</dd>" in page.text
    link = (
        f'<a href="{SIGNIN}/sv/link-card?return=https%3A%2F%2Fs-kaupat.test%2Fsv%2Fprofile">'
        "Lägg till S-Förmånskort</a>"
    )
    assert link in page.text


def test_profile_shows_the_linked_card_masked(world: ShopWorld) -> None:
    world.register.cards[SARA_SUB] = CARD
    with world.browser() as browser:
        sign_in(world, browser)
        page = browser.get("/en/profile")
    assert "<h2>My profile</h2>" in page.text
    assert "6043 •••• •••• 7890" in page.text
    assert "link-card" not in page.text


def test_the_app_entry_page_signs_in_and_comes_back(world: ShopWorld) -> None:
    with world.browser("https://abc.test") as browser:
        page = browser.get("/sv/app")
        login = re.search(r'<a class="button" href="([^"]+)">Logga in</a>', page.text)
        assert login
        start = browser.get(login.group(1).replace("&amp;", "&"))
        back = world.signin.approve(start.headers["location"])
        done = browser.get(back.removeprefix("https://abc.test"))
        signed_in = browser.get("/sv/app")
    assert "<h2>ABC-appen</h2>" in page.text
    assert "Logga in med S-inloggning för att handla" in page.text
    assert "Logga in med S-inloggning för att handla" not in signed_in.text
    assert done.headers["location"] == "/sv/app"
    assert f"Inloggad som {SARA}" in signed_in.text


def test_pages_are_never_framed_and_may_frame_the_sign_in_service(world: ShopWorld) -> None:
    with world.browser(PRISMA) as browser:
        page = browser.get("/sv/")
    csp = page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp
    assert f"frame-src 'self' {SIGNIN}" in csp
    assert f"form-action 'self' {SIGNIN}" in csp
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["cache-control"] == "no-store"
    # CSP forbids inline scripts: every script is a file of the shop.
    assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", page.text)


def test_the_csrf_cookie_is_a_host_cookie(world: ShopWorld) -> None:
    with world.browser() as browser:
        page = browser.get("/sv/")
    header = next(h for h in page.headers.get_list("set-cookie") if "__Host-shop_csrf" in h)
    assert "Secure" in header
    assert "HttpOnly" in header
    assert "Path=/" in header
    assert "Domain" not in header
