"""The storefronts and their fixed products: normal and owner-customer prices in cents."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# What a storefront's front page is: a shop with "Köp" buttons, or content only.
Kind = Literal["shop", "magazine", "stations"]


@dataclass(frozen=True)
class Product:
    """One product; its name is the i18n string `shop.product.{id}`."""

    id: str
    price_cents: int
    owner_price_cents: int

    @property
    def name_key(self) -> str:
        return f"shop.product.{self.id}"

    @property
    def saving_cents(self) -> int:
        return self.price_cents - self.owner_price_cents


@dataclass(frozen=True)
class Storefront:
    """One shop of the platform; `name` is also its OIDC client id."""

    name: str
    kind: Kind
    products: tuple[Product, ...] = ()

    @property
    def name_key(self) -> str:
        return f"shop.name.{self.name}"

    def product(self, product_id: str) -> Product | None:
        return next((p for p in self.products if p.id == product_id), None)


# What each storefront is, in the order the platform lists them.
KINDS: dict[str, Kind] = {
    "prisma": "shop",
    "sokos": "shop",
    "sokoshotels": "shop",
    "yhteishyva": "magazine",
    "s-kaupat": "shop",
    "abc": "stations",
}
# shop, product, normal price and owner-customer price in cents
PRICES = (
    ("prisma", "prisma-coffee", 549, 499),
    ("prisma", "prisma-oats", 189, 169),
    ("prisma", "prisma-detergent", 329, 289),
    ("sokos", "sokos-towel", 2490, 1990),
    ("sokos", "sokos-perfume", 5900, 4900),
    ("sokos", "sokos-socks", 1290, 990),
    ("sokoshotels", "sokoshotels-night", 12900, 10900),
    ("s-kaupat", "s-kaupat-milk", 115, 105),
    ("s-kaupat", "s-kaupat-bread", 249, 219),
    ("s-kaupat", "s-kaupat-apples", 299, 249),
)
STOREFRONTS: dict[str, Storefront] = {
    name: Storefront(
        name, kind, tuple(Product(p, price, owner) for s, p, price, owner in PRICES if s == name)
    )
    for name, kind in KINDS.items()
}


def euros(cents: int) -> str:
    """Finnish style: `4,99 €`, `1 234,50 €` (plain spaces, as the contract writes them)."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    grouped = f"{whole:,}".replace(",", " ")
    return f"{sign}{grouped},{part:02d} €"
