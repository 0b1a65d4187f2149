"""The shops' routes outside the storefront pages: the root redirect and the orders control
route the harness checks purchases with."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import RedirectResponse

from stub_services.shops.deps import Shop, ShopsDep

router = APIRouter()


@router.get("/", include_in_schema=False)
def root(_shop: Shop) -> RedirectResponse:
    """The front page in the default language (an unknown host is a 404 here too)."""
    return RedirectResponse("/sv/", status_code=303)


@router.get("/_control/orders", tags=["control"])
def list_orders(shops: ShopsDep, email: str | None = None) -> list[dict[str, Any]]:
    return [
        {
            "id": order.id,
            "shop": order.shop,
            "email": order.email,
            "product": order.product,
            "amount_cents": order.amount_cents,
            "owner_price": order.owner_price,
            "owner_saving_cents": order.saving_cents if order.owner_price else 0,
            "bonus_recorded": order.report == "recorded",
            "created_at": order.created_at.isoformat(),
        }
        for order in shops.store.orders_of(email)
    ]
