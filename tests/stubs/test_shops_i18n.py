"""The shops' strings: complete in sv, fi and en, the contract's Swedish labels exact, every
key a template uses defined, euro amounts Finnish style."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from stub_services.common.i18n import STRINGS
from stub_services.common.i18n.shops import STRINGS as SHOP_STRINGS
from stub_services.shops.catalogue import STOREFRONTS, euros

TEMPLATES = Path(__file__).resolve().parents[2] / "stub_services" / "shops" / "templates"

# Swedish labels the contract (docs/owner-customer.md) gives exactly.
CONTRACT_LABELS = {
    "shop.login": "Logga in",
    "shop.logout": "Logga ut",
    "shop.signed_in_as": "Inloggad som {email}",
    "shop.buy": "Köp",
    "shop.gate": "Logga in med S-inloggning för att handla",
    "shop.owner_customer": "Ägarkund",
    "shop.owner_price": "Ägarkundspris {price}",
    "shop.add_card_hint": "Lägg till ditt S-Förmånskort för att få Bonus och ägarkundsförmåner",
    "shop.order.heading": "Tack för din beställning",
    "shop.order.to_pay": "Att betala {amount}",
    "shop.order.bonus": "Bonus registreras på ditt S-Förmånskort",
    "shop.order.saved": "Du sparade {saving}",
    "shop.order.no_bonus": "Ingen Bonus: inget S-Förmånskort är kopplat",
    "shop.profile.heading": "Min profil",
    "shop.profile.add_card": "Lägg till S-Förmånskort",
    "shop.app.heading": "{shop}-appen",
    "shop.sso.notice": (
        "Automatisk inloggning var inte möjlig i den här webbläsaren. Logga in med knappen."
    ),
    "shop.name.prisma": "Prisma",
    "shop.name.sokos": "Sokos",
    "shop.name.sokoshotels": "Sokos Hotels",
    "shop.name.yhteishyva": "Yhteishyvä",
    "shop.name.s-kaupat": "S-kaupat",
    "shop.name.abc": "ABC",
    "shop.product.prisma-coffee": "Kaffe 500 g",
    "shop.product.sokoshotels-night": "Hotellnatt",
}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_shop_string_exists_in_three_languages() -> None:
    assert SHOP_STRINGS
    for key, texts in SHOP_STRINGS.items():
        assert key.startswith("shop."), key
        assert set(texts) == {"sv", "fi", "en"}, key
        assert all(text.strip() for text in texts.values()), key
        assert placeholders(texts["fi"]) == placeholders(texts["sv"]), key
        assert placeholders(texts["en"]) == placeholders(texts["sv"]), key
        assert STRINGS[key] == texts, f"{key} is not merged into i18n.STRINGS"


@pytest.mark.parametrize(("key", "swedish"), CONTRACT_LABELS.items())
def test_the_contracts_swedish_labels_are_exact(key: str, swedish: str) -> None:
    assert SHOP_STRINGS[key]["sv"] == swedish


def test_every_product_and_shop_has_its_strings() -> None:
    for shop in STOREFRONTS.values():
        assert shop.name_key in SHOP_STRINGS
        assert f"shop.intro.{shop.name}" in SHOP_STRINGS
        for product in shop.products:
            assert product.name_key in SHOP_STRINGS
            assert 0 < product.owner_price_cents < product.price_cents


def test_every_key_the_templates_use_is_defined() -> None:
    used: set[str] = set()
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text()
        used |= set(re.findall(r"""tr\[["']([a-z0-9_.-]+)["']\]""", text))
        used |= set(re.findall(r"""\bt\(["']([a-z0-9_.-]+)["']""", text))
    assert used
    assert used - set(STRINGS) == set()


@pytest.mark.parametrize(
    ("cents", "shown"),
    [(499, "4,99 €"), (5, "0,05 €"), (12900, "129,00 €"), (123450, "1 234,50 €"), (-50, "-0,50 €")],
)
def test_euro_amounts_are_written_finnish_style(cents: int, shown: str) -> None:
    assert euros(cents) == shown
