"""S-Etukortti's signed-in menu, "Förmåner och tips" and coupons, with fakes of the
sign-in service and the register."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest

from stub_services.common.register_client import (
    Coupon,
    CouponUsed,
)
from stub_services.common.settings import Settings

from .etukortti_fakes import (
    COFFEE,
    ICE_CREAM,
    SARA,
    World,
    csrf_of,
    ean13,
    etukortti_world,
    sign_in,
)
from .support import ETUKORTTI_URL, SIGNIN_URL, TestClient


@pytest.fixture
def world(settings: Settings) -> Iterator[World]:
    with etukortti_world(settings) as built:
        yield built


@pytest.fixture
def sara(world: World) -> TestClient:
    """Sara, signed in, with a linked card."""
    world.register.give_card("sub-sara", 1)
    sign_in(world, world.site, "sub-sara", SARA)
    return world.site


def test_signed_in_pages_carry_the_menu(sara: TestClient) -> None:
    for path in ("/sv/", "/sv/profile", "/sv/benefits", "/sv/bonus", "/sv/household"):
        page = sara.get(path)
        assert page.status_code == 200, path
        menu = re.search(r'<nav class="site-menu" aria-label="Meny">(.*?)</nav>', page.text, re.S)
        assert menu, f"{path} has no menu"
        links = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', menu.group(1))
        assert links == [
            ("/sv/profile", "Mina uppgifter"),
            ("/sv/benefits", "Förmåner och tips"),
            ("/sv/bonus", "Bonus"),
            ("/sv/household", "Hushåll"),
        ]
        if path != "/sv/":
            assert f'<a href="{path}" aria-current="page">' in menu.group(1)
    # The home page shows the menu instead of its own "Mina uppgifter" link.
    assert sara.get("/sv/").text.count(">Mina uppgifter</a>") == 1


def test_signed_out_pages_have_no_menu(world: World) -> None:
    assert "site-menu" not in world.site.get("/sv/").text


def test_menu_in_finnish_and_english(sara: TestClient) -> None:
    assert ">Edut ja vinkit</a>" in sara.get("/fi/benefits").text
    assert (
        '<a href="/en/household" aria-current="page">Household</a>'
        in sara.get("/en/household").text
    )


@pytest.mark.parametrize("page", ["/sv/benefits", "/sv/bonus", "/sv/household", "/fi/coupons/7"])
def test_signed_out_visit_signs_in_and_comes_back(world: World, page: str) -> None:
    asked = world.site.get(page)
    lang = page[1:3]
    assert asked.headers["location"] == f"/{lang}/login?next={page}"
    callback = sign_in(world, world.site, "sub-sara", SARA, start=page)
    assert callback.headers["location"] == page


@pytest.mark.parametrize(
    "next_path",
    [
        "//evil.test",
        "https://evil.test",
        "/\\evil.test",
        "/\t/evil.test",
        "///evil.test",
        "evil.test/sv/benefits",
        "",
    ],
)
def test_return_path_outside_the_site_goes_to_the_profile(world: World, next_path: str) -> None:
    start = "/sv/login?" + str(httpx.QueryParams({"next": next_path}))
    callback = sign_in(world, world.site, "sub-sara", SARA, start=start)
    assert callback.headers["location"] == "/sv/profile"
    # Signed in already, the login page refuses it the same way.
    assert world.site.get(start).headers["location"] == "/sv/profile"


def test_signed_in_login_goes_straight_to_a_same_site_path(sara: TestClient) -> None:
    assert sara.get("/sv/login?next=/sv/bonus").headers["location"] == "/sv/bonus"


def test_without_a_card_the_tabs_say_how_to_get_benefits(world: World) -> None:
    sign_in(world, world.site, "sub-elias", "elias@example.com")
    for path in ("/sv/benefits", "/sv/bonus"):
        page = world.site.get(path)
        assert page.status_code == 200
        assert "Koppla ditt S-Förmånskort för att se dina förmåner och kuponger." in page.text
        back = httpx.QueryParams({"return": f"{ETUKORTTI_URL}{path}"})
        link = f'<a href="{SIGNIN_URL}/sv/link-card?{back}">Lägg till S-Förmånskort</a>'
        assert link.replace("&", "&amp;") in page.text
        assert "Dina kuponger" not in page.text
        assert "<table" not in page.text


def test_benefits_list_the_unredeemed_coupons_and_the_benefits(
    world: World, sara: TestClient
) -> None:
    coffee = world.register.add_coupon("sub-sara", "Kaffe -30 %", COFFEE)
    world.register.add_coupon(
        "sub-sara", "Bröd 1 €", ean13("200000011111"), redeemed_at=datetime.now(UTC)
    )
    world.register.give_card("sub-mikko", 2)
    world.register.add_coupon("sub-mikko", "Glass 2 för 1", ICE_CREAM)
    page = sara.get("/sv/benefits")
    assert "<h1>Förmåner och tips</h1>" in page.text
    coupons = re.search(r'<ul class="coupons"[^>]*>(.*?)</ul>', page.text, re.S)
    assert coupons, page.text
    assert coupons.group(1).count("<li>") == 1
    assert f'<a href="/sv/coupons/{coffee.id}">Kaffe -30 %</a>' in coupons.group(1)
    assert "Erbjudande för dig: Kaffe -30 %" in coupons.group(1)
    assert '<time datetime="2026-12-31">Giltig till 31.12.2026</time>' in coupons.group(1)
    assert "Bröd 1 €" not in page.text
    assert "Glass 2 för 1" not in page.text
    assert '<h2 id="benefits-list-heading">Dina förmåner</h2>' in page.text
    assert "Ägarkundspriser i S-gruppens butiker och webbutiker" in page.text


def test_no_coupons_is_said_plainly(sara: TestClient) -> None:
    assert "Du har inga kuponger just nu." in sara.get("/sv/benefits").text


def test_coupon_page_offers_the_button_only_in_the_mobile_view(
    world: World, sara: TestClient
) -> None:
    coffee = world.register.add_coupon("sub-sara", "Kaffe -30 %", COFFEE)
    page = sara.get(f"/sv/coupons/{coffee.id}")
    assert "<h1>Kaffe -30 %</h1>" in page.text
    form = re.search(r'<form class="coupon-use" method="post" action="([^"]+)">', page.text)
    assert form, page.text
    assert form.group(1) == f"/sv/coupons/{coffee.id}/redeem"
    assert '<button type="submit">Använd kupongen</button>' in page.text
    note = '<p class="coupon-desktop-note">Kuponger kan användas i mobilvyn eller i appen</p>'
    assert note in page.text
    assert "style=" not in page.text  # the CSP forbids inline styles
    css = world.site.get("/assets/etukortti.css")
    assert css.status_code == 200
    assert css.headers["content-type"].startswith("text/css")
    rules = re.sub(r"\s+", " ", css.text)
    assert ".coupon-use { display: none; }" in rules
    assert (
        "@media (max-width: 720px) { .coupon-use { display: block; } "
        ".coupon-desktop-note { display: none; } }"
    ) in rules
    assert '<link rel="stylesheet" href="/assets/etukortti.css">' in page.text


def test_a_coupon_is_used_once(world: World, sara: TestClient) -> None:
    coffee = world.register.add_coupon("sub-sara", "Kaffe -30 %", COFFEE)
    path = f"/sv/coupons/{coffee.id}"
    token = csrf_of(sara, path)
    used = sara.post(f"{path}/redeem", data={"csrf_token": token})
    assert used.status_code == 200, used.text
    assert '<h2 id="code-heading">Visa koden i kassan</h2>' in used.text
    assert f'<img class="barcode" src="{path}/barcode.svg" alt="{COFFEE}">' in used.text
    assert f'<dd class="code-digits">{COFFEE}</dd>' in used.text
    assert "Använd kupongen" not in used.text
    assert world.register.redeemed == [coffee.id]

    again = sara.post(f"{path}/redeem", data={"csrf_token": token})
    assert again.status_code == 409
    assert "Kupongen har redan använts" in again.text
    assert "<button" not in again.text.split("<main", 1)[1].split("Logga ut")[0]
    assert world.register.redeemed == [coffee.id]
    later = sara.get(path)
    assert later.status_code == 200
    assert "Kupongen har redan använts" in later.text
    assert "Använd kupongen" not in later.text
    assert "Kaffe -30 %" not in sara.get("/sv/benefits").text


def test_coupon_used_meanwhile_elsewhere_is_a_409(world: World, sara: TestClient) -> None:
    coffee = world.register.add_coupon("sub-sara", "Kaffe -30 %", COFFEE)
    token = csrf_of(sara, f"/sv/coupons/{coffee.id}")
    real = world.register.redeem_coupon

    def used_in_the_app(s_login: str, coupon_id: str) -> Coupon:
        raise CouponUsed(coupon_id)

    world.register.redeem_coupon = used_in_the_app  # type: ignore[method-assign]
    refused = sara.post(f"/sv/coupons/{coffee.id}/redeem", data={"csrf_token": token})
    world.register.redeem_coupon = real  # type: ignore[method-assign]
    assert refused.status_code == 409
    assert "Kupongen har redan använts" in refused.text


def test_another_customers_coupon_is_not_found(world: World, sara: TestClient) -> None:
    world.register.give_card("sub-mikko", 2)
    mikkos = world.register.add_coupon("sub-mikko", "Glass 2 för 1", ICE_CREAM)
    page = sara.get(f"/sv/coupons/{mikkos.id}")
    assert page.status_code == 404
    assert "<h1>Kupongen hittades inte</h1>" in page.text
    assert "Glass 2 för 1" not in page.text
    token = csrf_of(sara, "/sv/profile/customer-data")  # one token a session
    posted = sara.post(f"/sv/coupons/{mikkos.id}/redeem", data={"csrf_token": token})
    assert posted.status_code == 404
    assert sara.get(f"/sv/coupons/{mikkos.id}/barcode.svg").status_code == 404
    assert world.register.redeemed == []
    assert sara.get("/sv/coupons/no-such-coupon").status_code == 404


def test_redeeming_needs_the_forms_csrf_token(world: World, sara: TestClient) -> None:
    coffee = world.register.add_coupon("sub-sara", "Kaffe -30 %", COFFEE)
    for data in ({}, {"csrf_token": "0" * 64}):
        refused = sara.post(f"/sv/coupons/{coffee.id}/redeem", data=data)
        assert refused.status_code == 403
        assert "<h1>Formuläret kunde inte tas emot</h1>" in refused.text
    assert world.register.redeemed == []


def test_redeeming_signed_out_goes_through_sign_in_to_the_coupon(world: World) -> None:
    posted = world.site.post("/sv/coupons/101/redeem", data={"csrf_token": "x"})
    assert posted.headers["location"] == "/sv/login?next=/sv/coupons/101"
