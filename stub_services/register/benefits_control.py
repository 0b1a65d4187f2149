"""The register's seeding routes for benefits: targeted coupons and purchases at a till."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

from stub_services.common.finnish_ids import InvalidIdentityCode, parse_hetu
from stub_services.common.openapi_docs import json_errors
from stub_services.register.benefits_api import coupon_json
from stub_services.register.customers import Customer
from stub_services.register.deps import CouponsDep, PurchasesDep, StoreDep
from stub_services.register.purchases import Purchase
from stub_services.register.store import Store


class CardHolder(BaseModel):
    """Whose card: a person's personal identity code or any card number (members too)."""

    hetu: str | None = None
    card_number: str | None = None


class CouponSeed(CardHolder):
    title: str = ""
    description: str = ""


class PurchaseSeed(CardHolder):
    shop: str = ""
    amount_cents: int
    owner_saving_cents: int = 0
    purchased_on: str
    # A till purchase needs no order reference; give one to test idempotency.
    order_ref: str | None = None


def _unprocessable(detail: str) -> HTTPException:
    return HTTPException(status_code=422, detail=detail)


def _required(value: str, field: str) -> str:
    if not value.strip():
        raise _unprocessable(f"{field} is required")
    return value.strip()


router = APIRouter(prefix="/_control", tags=["control"], responses=json_errors(400, 422))


def _holder(store: Store, seed: CardHolder) -> Customer:
    if (seed.hetu is None) == (seed.card_number is None):
        raise _unprocessable("give exactly one of hetu and card_number")
    if seed.hetu is not None:
        try:
            hetu = parse_hetu(seed.hetu).code
        except InvalidIdentityCode as exc:
            raise _unprocessable(str(exc)) from None
        found = store.customer(hetu=hetu)
        if found is None:
            raise _unprocessable(f"no customer has the personal identity code {hetu}")
        return found
    number = (seed.card_number or "").replace(" ", "")
    found = store.customer(card_number=number)
    if found is None:
        raise _unprocessable(f"no customer has the card {number}")
    return found


@router.post("/coupons")
def add_coupon(seed: CouponSeed, store: StoreDep, coupons: CouponsDep) -> dict[str, Any]:
    customer = _holder(store, seed)
    title = _required(seed.title, "title")
    description = _required(seed.description, "description")
    return coupon_json(coupons.add(customer, title, description))


@router.post("/purchases")
def add_purchase(seed: PurchaseSeed, store: StoreDep, purchases: PurchasesDep) -> dict[str, Any]:
    customer = _holder(store, seed)
    if seed.amount_cents < 0 or seed.owner_saving_cents < 0:
        raise _unprocessable("amount_cents and owner_saving_cents must not be negative")
    try:
        purchased_on = date.fromisoformat(seed.purchased_on.strip())
    except ValueError:
        raise _unprocessable(
            f"purchased_on must be a date YYYY-MM-DD, got {seed.purchased_on!r}"
        ) from None
    order_ref = (seed.order_ref or "").strip() or f"till-{uuid.uuid4().hex}"
    purchase = Purchase(
        _required(seed.shop, "shop"),
        order_ref,
        seed.amount_cents,
        seed.owner_saving_cents,
        purchased_on,
    )
    new = purchases.record(customer, purchase)
    return {
        "shop": purchase.shop,
        "order_ref": purchase.order_ref,
        "card_number": customer.card_number,
        "amount_cents": purchase.amount_cents,
        "owner_saving_cents": purchase.owner_saving_cents,
        "purchased_on": purchase.purchased_on.isoformat(),
        "duplicate": not new,
    }
