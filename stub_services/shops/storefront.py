"""The storefront pages: front page with "Köp", orders, "Min profil" and the app entry."""

from __future__ import annotations

import secrets
from dataclasses import replace
from typing import Annotated
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stub_services.common.i18n import Lang
from stub_services.common.register_client import PurchaseReport, RegisterError
from stub_services.common.web import PathLang
from stub_services.shops.catalogue import Storefront
from stub_services.shops.context import Shops, shop_pages
from stub_services.shops.deps import CsrfChecked, MaybeSession, Shop, ShopsDep, SignedIn
from stub_services.shops.store import NewOrder, Order, ShopSession

HELSINKI = ZoneInfo("Europe/Helsinki")

router = APIRouter(tags=["storefront"], default_response_class=HTMLResponse)


def _front(
    shops: Shops,
    request: Request,
    shop: Storefront,
    lang: Lang,
    session: ShopSession | None,
    *,
    gate: bool = False,
) -> HTMLResponse:
    """The front page; `gate`: a "Köp" without a session, answered 401 with "sign in to
    buy" shown."""
    card = shops.card(session.sub) if session else None
    return shops.render(
        request,
        shop,
        "home.html",
        lang,
        session=session,
        status_code=401 if gate else 200,
        reload_to=f"/{lang}/",
        switch_to="/",
        card=card,
        gate=gate,
        # One key per rendered form: a resubmitted form finds its order, not a new one.
        order_keys={p.id: secrets.token_urlsafe(16) for p in shop.products},
    )


def _report(shops: Shops, order: Order) -> Order:
    """Tell the register about an owner-price order, once: the order remembers it."""
    if order.report != "pending":
        return order
    purchased_on = order.created_at.astimezone(HELSINKI).date()
    report = PurchaseReport(
        order.sub, order.shop, order.id, order.amount_cents, order.saving_cents, purchased_on
    )
    try:
        recorded = shops.register.record_purchase(report)
    except RegisterError as exc:
        # Left pending: the confirmation page tries again (the register is idempotent).
        shops.events.record("register_failed", order.email.lower(), error=str(exc)[:120])
        return order
    outcome = replace(order, report="recorded" if recorded else "refused")
    shops.store.set_report(order.id, outcome.report)
    shops.events.record(
        "purchase_reported" if recorded else "purchase_refused",
        order.email.lower(),
        shop=order.shop,
        order=order.id,
    )
    return outcome


@router.get("/{lang}/", responses=shop_pages())
def home(
    request: Request, lang: PathLang, shops: ShopsDep, shop: Shop, session: MaybeSession
) -> HTMLResponse:
    return _front(shops, request, shop, lang, session)


@router.post("/{lang}/orders", response_model=None, responses=shop_pages(303, 400, 401, 403))
def buy(
    request: Request,
    lang: PathLang,
    shops: ShopsDep,
    shop: Shop,
    session: MaybeSession,
    _: CsrfChecked,
    product: Annotated[str, Form()] = "",
    order_key: Annotated[str, Form()] = "",
) -> Response:
    item = shop.product(product)
    if item is None:
        return shops.refuse(request, shop, lang, 404, "shop.error.not_found")
    if not 8 <= len(order_key) <= 64:
        return shops.refuse(request, shop, lang, 400, "shop.error.bad_request")
    if session is None:
        # Sign in to buy (C01): nothing is ordered; the gate and "Logga in" show.
        return _front(shops, request, shop, lang, None, gate=True)
    owner = shops.card(session.sub).masked is not None
    order, created = shops.store.place_order(
        NewOrder(
            shop=shop.name,
            order_key=order_key,
            sub=session.sub,
            email=session.email.lower(),
            product=item.id,
            lang=lang,
            amount_cents=item.owner_price_cents if owner else item.price_cents,
            normal_cents=item.price_cents,
            owner_price=owner,
        )
    )
    if created:
        shops.events.record(
            "order_placed",
            session.email.lower(),
            shop=shop.name,
            order=order.id,
            amount_cents=order.amount_cents,
            owner_price=owner,
        )
    _report(shops, order)
    return RedirectResponse(f"/{lang}/orders/{order.id}", status_code=303)


@router.get("/{lang}/orders/{order_id}", response_model=None, responses=shop_pages(303))
def confirmation(
    request: Request,
    lang: PathLang,
    order_id: str,
    shops: ShopsDep,
    shop: Shop,
    session: SignedIn,
) -> Response:
    order = shops.store.order(order_id, shop.name, session.sub)
    if order is None:
        return shops.refuse(request, shop, lang, 404, "shop.error.not_found")
    order = _report(shops, order)
    return shops.render(request, shop, "order.html", lang, session=session, order=order)


@router.get("/{lang}/profile", response_model=None, responses=shop_pages(303))
def profile(
    request: Request, lang: PathLang, shops: ShopsDep, shop: Shop, session: SignedIn
) -> Response:
    back = urlencode({"return": f"{shops.url(shop)}/{lang}/profile"})
    return shops.render(
        request,
        shop,
        "profile.html",
        lang,
        session=session,
        card=shops.card(session.sub),
        add_card_url=f"{shops.settings.signin_public_url}/{lang}/link-card?{back}",
    )


@router.get("/{lang}/app", responses=shop_pages())
def app_entry(
    request: Request, lang: PathLang, shops: ShopsDep, shop: Shop, session: MaybeSession
) -> HTMLResponse:
    return shops.render(
        request, shop, "app.html", lang, session=session, login_return=f"/{lang}/app"
    )
