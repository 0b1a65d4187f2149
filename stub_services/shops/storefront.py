"""The storefront pages: front page with "Köp", orders, "Min profil" and the app entry."""

from __future__ import annotations

import secrets
from dataclasses import replace
from typing import Annotated
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stub_services.common.i18n import Lang, t
from stub_services.common.register_client import RegisterError
from stub_services.common.web import require_lang
from stub_services.shops.catalogue import Storefront
from stub_services.shops.context import CSRF_COOKIE, Shops, shop_pages
from stub_services.shops.store import NewOrder, Order, ShopSession

HELSINKI = ZoneInfo("Europe/Helsinki")


def storefront_router(shops: Shops) -> APIRouter:
    router = APIRouter(tags=["storefront"], default_response_class=HTMLResponse)

    def front(
        request: Request,
        shop: Storefront,
        lang: Lang,
        session: ShopSession | None,
        *,
        status_code: int = 200,
        gate: bool = False,
    ) -> HTMLResponse:
        card = shops.card(session.sub) if session else None
        return shops.render(
            request,
            shop,
            "home.html",
            lang,
            session=session,
            status_code=status_code,
            reload_to=f"/{lang}/",
            switch_to="/",
            card=card,
            gate=gate,
            # One key per rendered form: a resubmitted form finds its order, not a new one.
            order_keys={p.id: secrets.token_urlsafe(16) for p in shop.products},
        )

    @router.get("/{lang}/", responses=shop_pages())
    def home(request: Request, lang: str) -> HTMLResponse:
        lg = require_lang(lang)
        shop = shops.storefront(request)
        return front(request, shop, lg, shops.session(request, shop))

    def report(order: Order) -> Order:
        """Tell the register about an owner-price order, once: the order remembers it."""
        if order.report != "pending":
            return order
        try:
            recorded = shops.register.record_purchase(
                order.sub,
                order.shop,
                order.id,
                order.amount_cents,
                order.saving_cents,
                order.created_at.astimezone(HELSINKI).date(),
            )
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

    @router.post("/{lang}/orders", response_model=None, responses=shop_pages(303, 400, 401, 403))
    def buy(
        request: Request,
        lang: str,
        product: Annotated[str, Form()] = "",
        order_key: Annotated[str, Form()] = "",
        csrf_token: Annotated[str, Form()] = "",
    ) -> Response:
        lg = require_lang(lang)
        shop = shops.storefront(request)
        session = shops.session(request, shop)
        cookie = request.cookies.get(CSRF_COOKIE, "")
        # As bytes: compare_digest refuses str with non-ASCII, and a form field may hold any.
        same = secrets.compare_digest(cookie.encode(), csrf_token.encode())
        if not (cookie and csrf_token and same):
            email = session.email.lower() if session else None
            shops.events.record("csrf_refused", email, shop=shop.name, form="buy")
            return shops.refuse(
                request, shop, lg, 403, t(lg, "shop.error.csrf"), t(lg, "shop.error.csrf_text")
            )
        item = shop.product(product)
        if item is None:
            return shops.refuse(
                request,
                shop,
                lg,
                404,
                t(lg, "shop.error.not_found"),
                t(lg, "shop.error.not_found_text"),
            )
        if not 8 <= len(order_key) <= 64:
            return shops.refuse(
                request,
                shop,
                lg,
                400,
                t(lg, "shop.error.bad_request"),
                t(lg, "shop.error.bad_request_text"),
            )
        if session is None:
            # Sign in to buy (C01): nothing is ordered; the gate and "Logga in" show.
            return front(request, shop, lg, None, status_code=401, gate=True)
        card = shops.card(session.sub)
        owner = card.masked is not None
        order, created = shops.store.place_order(
            NewOrder(
                shop=shop.name,
                order_key=order_key,
                sub=session.sub,
                email=session.email.lower(),
                product=item.id,
                lang=lg,
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
        report(order)
        return RedirectResponse(f"/{lg}/orders/{order.id}", status_code=303)

    @router.get("/{lang}/orders/{order_id}", response_model=None, responses=shop_pages(303))
    def confirmation(request: Request, lang: str, order_id: str) -> Response:
        lg = require_lang(lang)
        shop = shops.storefront(request)
        session = shops.session(request, shop)
        if session is None:
            return RedirectResponse(login_url(lg, f"/{lg}/orders/{order_id}"), status_code=303)
        order = shops.store.order(order_id, shop.name, session.sub)
        if order is None:
            return shops.refuse(
                request,
                shop,
                lg,
                404,
                t(lg, "shop.error.not_found"),
                t(lg, "shop.error.not_found_text"),
            )
        order = report(order)
        return shops.render(request, shop, "order.html", lg, session=session, order=order)

    @router.get("/{lang}/profile", response_model=None, responses=shop_pages(303))
    def profile(request: Request, lang: str) -> Response:
        lg = require_lang(lang)
        shop = shops.storefront(request)
        session = shops.session(request, shop)
        if session is None:
            return RedirectResponse(login_url(lg, f"/{lg}/profile"), status_code=303)
        back = urlencode({"return": f"{shops.url(shop)}/{lg}/profile"})
        return shops.render(
            request,
            shop,
            "profile.html",
            lg,
            session=session,
            card=shops.card(session.sub),
            add_card_url=f"{shops.settings.signin_public_url}/{lg}/link-card?{back}",
        )

    @router.get("/{lang}/app", responses=shop_pages())
    def app_entry(request: Request, lang: str) -> HTMLResponse:
        lg = require_lang(lang)
        shop = shops.storefront(request)
        return shops.render(
            request,
            shop,
            "app.html",
            lg,
            session=shops.session(request, shop),
            login_return=f"/{lg}/app",
        )

    return router


def login_url(lang: Lang, return_to: str) -> str:
    return f"/{lang}/login?{urlencode({'return': return_to})}"
