"""S-Etukortti's coupon barcodes, "Bonus" and their Finnish formatting, and a register that
is down."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from stub_services.common.i18n import LANGS
from stub_services.common.i18n.benefits import STRINGS as BENEFIT_STRINGS
from stub_services.common.register_client import (
    BonusMonth,
)
from stub_services.common.settings import Settings
from stub_services.etukortti.barcode_svg import is_ean13
from stub_services.etukortti.formatting import euros, month_label, percent

from .etukortti_fakes import (
    COFFEE,
    SARA,
    World,
    csrf_of,
    etukortti_world,
    sign_in,
)
from .support import TestClient


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


# EAN-13 symbology: the left half's digits in L or G code (the pattern of L/G gives the
# first digit), the right half's in R code; L = inverted R, G = reversed R.
_R_CODES = ["1110010", "1100110", "1101100", "1000010", "1011100",
            "1001110", "1010000", "1000100", "1001000", "1110100"]  # fmt: skip
_FIRST_DIGIT = ["LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG",
                "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL"]  # fmt: skip


def decode_ean13(root: ET.Element) -> str:
    """Read the digits back from the bars the SVG draws (a rect a run of dark modules)."""
    bars = [r for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.get("width") != "100%"]
    spans = [
        (float(str(r.get("x")).removesuffix("mm")), float(str(r.get("width")).removesuffix("mm")))
        for r in bars
    ]
    module = min(width for _, width in spans)
    start = min(x for x, _ in spans)
    dark = {
        round((x - start) / module) + i for x, width in spans for i in range(round(width / module))
    }
    modules = "".join("1" if i in dark else "0" for i in range(95))
    guards = (modules[:3], modules[45:50], modules[92:])
    assert guards == ("101", "01010", "101"), modules
    left = [modules[3 + 7 * i : 10 + 7 * i] for i in range(6)]
    right = [modules[50 + 7 * i : 57 + 7 * i] for i in range(6)]
    l_codes = ["".join("1" if b == "0" else "0" for b in r) for r in _R_CODES]
    g_codes = [r[::-1] for r in _R_CODES]
    digits, parity = "", ""
    for code in left:
        if code in l_codes:
            digits, parity = digits + str(l_codes.index(code)), parity + "L"
        else:
            digits, parity = digits + str(g_codes.index(code)), parity + "G"
    digits += "".join(str(_R_CODES.index(code)) for code in right)
    return str(_FIRST_DIGIT.index(parity)) + digits


def test_barcode_is_an_svg_of_the_coupons_ean13(world: World, sara: TestClient) -> None:
    coffee = world.register.add_coupon("sub-sara", "Kaffe -30 %", COFFEE)
    path = f"/sv/coupons/{coffee.id}"
    assert sara.get(f"{path}/barcode.svg").status_code == 404  # not before it is used
    sara.post(f"{path}/redeem", data={"csrf_token": csrf_of(sara, path)})
    image = sara.get(f"{path}/barcode.svg")
    assert image.status_code == 200
    assert image.headers["content-type"] == "image/svg+xml"
    assert "script-src" not in image.headers["content-security-policy"]
    assert image.headers["content-security-policy"].startswith("default-src 'none'")
    root = ET.fromstring(image.content)  # noqa: S314 - the stub's own output
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert decode_ean13(root) == COFFEE
    world.site.cookies.clear()
    assert world.site.get(f"{path}/barcode.svg").status_code == 404


def test_a_code_with_a_wrong_check_digit_is_not_drawn(world: World, sara: TestClient) -> None:
    wrong = COFFEE[:12] + str((int(COFFEE[12]) + 1) % 10)
    coupon = world.register.add_coupon(
        "sub-sara", "Kaffe -30 %", wrong, redeemed_at=datetime.now(UTC)
    )
    assert sara.get(f"/sv/coupons/{coupon.id}/barcode.svg").status_code == 404


def test_ean13_check_digit() -> None:
    assert is_ean13("4006381333931")
    assert not is_ean13("4006381333932")
    assert not is_ean13("400638133393")
    assert not is_ean13("４００６３８１３３３９３１")


def test_bonus_table_rows_newest_first(world: World, sara: TestClient) -> None:
    world.register.months["sub-sara"] = [
        BonusMonth("2026-11", 9_500, Decimal("1"), 95, 0),
        BonusMonth("2026-10", 123_450, Decimal("5"), 6_173, 1_240),
        BonusMonth("2026-09", 25_000, Decimal("1.5"), 375, 12_345_678),
        BonusMonth("2026-08", 4_999, Decimal("0"), 0, 0),
    ]
    page = sara.get("/sv/bonus")
    assert "<h1>Bonus</h1>" in page.text
    headers = re.findall(r'<th scope="col">([^<]+)</th>', page.text)
    assert headers == ["Månad", "Inköp", "Bonus %", "Bonus", "Övriga prisförmåner"]
    rows = [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for row in re.findall(r"<tr>\s*(<th scope=\"row\">.*?)</tr>", page.text, re.S)
    ]
    assert rows == [
        ["November 2026", "95,00 €", "1 %", "0,95 €", "0,00 €"],
        ["Oktober 2026", "1 234,50 €", "5 %", "61,73 €", "12,40 €"],
        ["September 2026", "250,00 €", "1,5 %", "3,75 €", "123 456,78 €"],
        ["Augusti 2026", "49,99 €", "0 %", "0,00 €", "0,00 €"],
    ]
    assert '<time datetime="2026-11">November 2026</time>' in page.text


def test_bonus_without_purchases_says_so(sara: TestClient) -> None:
    page = sara.get("/sv/bonus")
    assert "Inga inköp har registrerats ännu." in page.text
    assert "<table" not in page.text


@pytest.mark.parametrize(
    ("cents", "text"),
    [
        (0, "0,00 €"),
        (5, "0,05 €"),
        (99_999, "999,99 €"),
        (123_450, "1 234,50 €"),
        (123_456_789, "1 234 567,89 €"),
        (-1_250, "-12,50 €"),
    ],
)
def test_euros_are_written_the_finnish_way(cents: int, text: str) -> None:
    assert euros(cents) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(Decimal("1.5"), "1,5 %"), (Decimal("1.50"), "1,5 %"), ("0", "0 %"), ("5.0", "5 %")],
)
def test_bonus_percent_is_written_the_finnish_way(value: Decimal | str, text: str) -> None:
    assert percent(value) == text


def test_month_names_per_language() -> None:
    assert month_label("2026-03", "sv") == "Mars 2026"
    assert month_label("2026-03", "fi") == "Maaliskuu 2026"
    assert month_label("2026-03", "en") == "March 2026"
    assert month_label("not-a-month", "sv") == "not-a-month"


def test_a_register_that_is_down_gives_a_clear_page(world: World, sara: TestClient) -> None:
    coffee = world.register.add_coupon("sub-sara", "Kaffe -30 %", COFFEE)
    token = csrf_of(sara, f"/sv/coupons/{coffee.id}")
    world.register.down = True
    for page in (
        sara.get("/sv/benefits"),
        sara.get("/sv/bonus"),
        sara.get(f"/sv/coupons/{coffee.id}"),
        sara.post(f"/sv/coupons/{coffee.id}/redeem", data={"csrf_token": token}),
    ):
        assert page.status_code == 503
        assert "<h1>Tjänsten är inte tillgänglig just nu</h1>" in page.text
        assert 'aria-label="Meny"' in page.text
    assert sara.get(f"/sv/coupons/{coffee.id}/barcode.svg").status_code == 503
    assert world.register.redeemed == []


def test_benefit_strings_are_complete_and_in_their_areas() -> None:
    prefixes = ("benefits.", "coupon.", "bonus.", "household.", "invite.")
    for key, texts in BENEFIT_STRINGS.items():
        assert key.startswith(prefixes), key
        assert set(texts) == set(LANGS), key
        assert all(text.strip() for text in texts.values()), key
    assert len(BENEFIT_STRINGS["bonus.month_names"]["fi"].split(",")) == 12


def test_coupon_page_in_finnish(world: World, sara: TestClient) -> None:
    coffee = world.register.add_coupon(
        "sub-sara", "Kahvi -30 %", COFFEE, valid_until=date.today() + timedelta(days=3)
    )
    page = sara.get(f"/fi/coupons/{coffee.id}")
    assert '<html lang="fi">' in page.text
    assert "Käytä kuponki" in page.text
    assert "Kuponkeja voi käyttää mobiilinäkymässä tai sovelluksessa" in page.text
