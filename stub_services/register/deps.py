"""The register's parts as its routes declare them, read from `app.state`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from stub_services.register.coupons import Coupons
from stub_services.register.households import Households
from stub_services.register.purchases import Purchases
from stub_services.register.store import Store


@dataclass(frozen=True)
class RegisterParts:
    """What create_app builds once: customers and links, coupons, purchases, households."""

    store: Store
    coupons: Coupons
    purchases: Purchases
    households: Households


def _parts(request: Request) -> RegisterParts:
    parts: RegisterParts = request.app.state.register
    return parts


def _store(request: Request) -> Store:
    return _parts(request).store


def _coupons(request: Request) -> Coupons:
    return _parts(request).coupons


def _purchases(request: Request) -> Purchases:
    return _parts(request).purchases


def _households(request: Request) -> Households:
    return _parts(request).households


StoreDep = Annotated[Store, Depends(_store)]
CouponsDep = Annotated[Coupons, Depends(_coupons)]
PurchasesDep = Annotated[Purchases, Depends(_purchases)]
HouseholdsDep = Annotated[Households, Depends(_households)]
