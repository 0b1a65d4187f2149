"""The register's server API for owner-customer life: purchases, Bonus, coupons, households."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, StringConstraints

from stub_services.common.bearer import BEARER
from stub_services.common.openapi_docs import json_errors
from stub_services.common.register_client import mask_card
from stub_services.register.bonus import MonthSummary
from stub_services.register.coupons import CouponRecord, Redeemed
from stub_services.register.deps import CouponsDep, HouseholdsDep, PurchasesDep
from stub_services.register.households import HAS_CARD, HouseholdView
from stub_services.register.purchases import Purchase

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class PurchaseBody(BaseModel):
    """Body of POST /api/v1/purchases: one order of a shop, paid with the linked card."""

    s_login: Text
    shop: Text
    order_ref: Text
    amount_cents: int = Field(ge=0)
    owner_saving_cents: int = Field(default=0, ge=0)
    purchased_on: date


class InviteBody(BaseModel):
    email: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[^@\s]+@[^@\s]+$")]


class AcceptBody(BaseModel):
    s_login: Text
    name: Text


def coupon_json(coupon: CouponRecord) -> dict[str, Any]:
    return {
        "id": coupon.coupon_id,
        "title": coupon.title,
        "description": coupon.description,
        "ean13": coupon.ean13,
        "valid_until": coupon.valid_until.isoformat(),
        "redeemed_at": coupon.redeemed_at.isoformat() if coupon.redeemed_at else None,
    }


def month_json(month: MonthSummary) -> dict[str, Any]:
    return {
        "month": month.month,
        "purchases_cents": month.purchases_cents,
        "bonus_percent": str(month.bonus_percent),
        "bonus_cents": month.bonus_cents,
        "savings_cents": month.savings_cents,
    }


def household_json(view: HouseholdView) -> dict[str, Any]:
    return {
        "members": [
            {"name": m.name, "role": m.role, "masked_card": mask_card(m.card_number)}
            for m in view.members
        ],
        "can_invite": view.can_invite,
        "reason": view.reason,
    }


router = APIRouter(prefix="/api/v1", dependencies=[BEARER], responses=json_errors(401))


@router.post("/purchases", responses=json_errors(400, 404, 422))
def record_purchase(body: PurchaseBody, purchases: PurchasesDep) -> JSONResponse:
    purchase = Purchase(
        body.shop, body.order_ref, body.amount_cents, body.owner_saving_cents, body.purchased_on
    )
    new = purchases.record_for_login(body.s_login, purchase)
    if new is None:
        return JSONResponse({"detail": "no card linked to this S-login"}, status_code=404)
    return JSONResponse({"recorded": True, "duplicate": not new})


@router.get("/links/{s_login}/bonus")
def bonus(s_login: str, purchases: PurchasesDep) -> list[dict[str, Any]]:
    return [month_json(m) for m in purchases.bonus_months(s_login)]


@router.get("/links/{s_login}/coupons")
def list_coupons(s_login: str, coupons: CouponsDep) -> list[dict[str, Any]]:
    return [coupon_json(c) for c in coupons.of_login(s_login)]


@router.post("/links/{s_login}/coupons/{coupon_id}/redeem", responses=json_errors(404, 409))
def redeem(s_login: str, coupon_id: str, coupons: CouponsDep) -> JSONResponse:
    outcome, coupon = coupons.redeem(s_login, coupon_id)
    if outcome is Redeemed.NOT_FOUND or coupon is None:
        return JSONResponse({"detail": "no such coupon for this customer"}, status_code=404)
    if outcome is Redeemed.ALREADY_USED:
        return JSONResponse(
            {"detail": "coupon already used", "coupon": coupon_json(coupon)}, status_code=409
        )
    return JSONResponse(coupon_json(coupon))


@router.get("/links/{s_login}/household")
def household(s_login: str, households: HouseholdsDep) -> dict[str, Any]:
    return household_json(households.view(s_login))


@router.post("/links/{s_login}/invitations", responses=json_errors(400, 403, 422))
def invite(s_login: str, body: InviteBody, households: HouseholdsDep) -> JSONResponse:
    invited = households.invite(s_login, body.email)
    if isinstance(invited, str):
        return JSONResponse(
            {"detail": "this customer may not invite", "reason": invited}, status_code=403
        )
    return JSONResponse(
        {"token": invited.token, "expires_at": invited.expires_at.isoformat()},
        headers={"Cache-Control": "no-store"},
    )


@router.post("/invitations/{token}/accept", responses=json_errors(400, 409, 410, 422))
def accept(token: str, body: AcceptBody, households: HouseholdsDep) -> JSONResponse:
    member = households.accept(token, body.s_login, body.name)
    if isinstance(member, str):
        status = 409 if member == HAS_CARD else 410
        return JSONResponse(
            {"detail": "the invitation cannot be accepted", "reason": member},
            status_code=status,
        )
    return JSONResponse({"card_number": member.card_number})
