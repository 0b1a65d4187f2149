""" "Förmåner och tips", coupons (redeemed once, shown as an EAN-13 barcode) and "Bonus"."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from stub_services.common.i18n import Lang, t
from stub_services.common.openapi_docs import language_pages, merged, without_body
from stub_services.common.register_client import (
    Coupon,
    CouponNotFound,
    CouponUsed,
    RegisterError,
)
from stub_services.common.web import require_lang
from stub_services.etukortti.barcode_svg import SVG_CSP, ean13_svg
from stub_services.etukortti.formatting import day, euros, month_label, percent
from stub_services.etukortti.site import Site, Visitor


def _coupon_of(site: Site, visitor: Visitor, coupon_id: str) -> Coupon | None:
    """The visitor's own coupon with that id; another customer's is simply not there."""
    coupons = site.register.coupons(visitor.account.sub)
    return next((c for c in coupons if str(c.id) == coupon_id), None)


def benefit_pages_router(site: Site) -> APIRouter:
    router = APIRouter(tags=["benefits"], default_response_class=HTMLResponse)

    def coupon_page(
        request: Request,
        lang: Lang,
        visitor: Visitor,
        coupon: Coupon,
        status_code: int = 200,
        *,
        shown: bool = False,
        used: bool = False,
    ) -> HTMLResponse:
        return site.render(
            request,
            "coupon.html",
            lang,
            visitor,
            status_code,
            switch_to=f"/coupons/{coupon.id}",
            coupon=coupon,
            valid_until=t(lang, "benefits.valid_until", date=day(coupon.valid_until)),
            used=used or coupon.redeemed_at is not None,
            shown=shown,
        )

    def not_found(request: Request, lang: Lang, visitor: Visitor) -> HTMLResponse:
        return site.render(request, "coupon_not_found.html", lang, visitor, 404)

    @router.get("/{lang}/benefits", response_model=None, responses=language_pages(303, 503))
    def benefits(request: Request, lang: str) -> Response:
        lg = require_lang(lang)
        visitor = site.visitor(request)
        if visitor is None:
            return site.to_login(request, lg)
        try:
            card = site.register.linked_card(visitor.account.sub)
            coupons = site.register.coupons(visitor.account.sub) if card else []
        except RegisterError as exc:
            return site.unavailable(request, lg, visitor, exc)
        return site.render(
            request,
            "benefits.html",
            lg,
            visitor,
            has_card=card is not None,
            add_card_url=site.add_card_url(lg, f"/{lg}/benefits"),
            coupons=[
                (c, t(lg, "benefits.valid_until", date=day(c.valid_until)))
                for c in coupons
                if c.redeemed_at is None
            ],
        )

    @router.get(
        "/{lang}/coupons/{coupon_id}",
        response_model=None,
        responses=language_pages(303, 404, 503),
    )
    def coupon(request: Request, lang: str, coupon_id: str) -> Response:
        lg = require_lang(lang)
        visitor = site.visitor(request)
        if visitor is None:
            return site.to_login(request, lg)
        try:
            found = _coupon_of(site, visitor, coupon_id)
        except RegisterError as exc:
            return site.unavailable(request, lg, visitor, exc)
        if found is None:
            return not_found(request, lg, visitor)
        return coupon_page(request, lg, visitor, found)

    @router.post(
        "/{lang}/coupons/{coupon_id}/redeem",
        response_model=None,
        responses=language_pages(303, 403, 404, 409, 503),
    )
    def redeem(
        request: Request, lang: str, coupon_id: str, csrf_token: Annotated[str, Form()] = ""
    ) -> Response:
        lg = require_lang(lang)
        page = f"/{lg}/coupons/{coupon_id}"
        visitor = site.visitor(request)
        if visitor is None:
            return site.to_login(request, lg, back_to=page)
        if not site.csrf.ok(visitor.session, csrf_token):
            return site.csrf_refused(request, lg, visitor, "coupon", page)
        try:
            found = _coupon_of(site, visitor, coupon_id)
        except RegisterError as exc:
            return site.unavailable(request, lg, visitor, exc)
        if found is None:
            return not_found(request, lg, visitor)
        if found.redeemed_at is not None:
            return coupon_page(request, lg, visitor, found, 409)
        try:
            redeemed = site.register.redeem_coupon(visitor.account.sub, found.id)
        except CouponUsed:  # used meanwhile, in another tab or the app
            return coupon_page(request, lg, visitor, found, 409, used=True)
        except CouponNotFound:
            return not_found(request, lg, visitor)
        except RegisterError as exc:
            return site.unavailable(request, lg, visitor, exc)
        site.events.record("coupon_redeemed", visitor.account.email, coupon=str(found.id))
        return coupon_page(request, lg, visitor, redeemed, shown=True)

    @router.get(
        "/{lang}/coupons/{coupon_id}/barcode.svg",
        response_class=Response,
        # A refused barcode is an empty 404 (FastAPI's JSON one for an unknown language).
        responses=merged(
            {200: {"content": {"image/svg+xml": {"schema": {"type": "string"}}}}},
            without_body(404, 503),
        ),
    )
    def barcode(request: Request, lang: str, coupon_id: str) -> Response:
        """Only for the visitor's own coupon, once it has been used (shown at the till)."""
        require_lang(lang)
        visitor = site.visitor(request)
        if visitor is None:
            return Response(status_code=404)
        try:
            found = _coupon_of(site, visitor, coupon_id)
        except RegisterError:
            return Response(status_code=503)
        if found is None or found.redeemed_at is None:
            return Response(status_code=404)
        try:
            svg = ean13_svg(found.ean13)
        except ValueError:
            site.events.record("barcode_refused", visitor.account.email, coupon=str(found.id))
            return Response(status_code=404)
        return Response(
            svg, media_type="image/svg+xml", headers={"Content-Security-Policy": SVG_CSP}
        )

    @router.get("/{lang}/bonus", response_model=None, responses=language_pages(303, 503))
    def bonus(request: Request, lang: str) -> Response:
        lg = require_lang(lang)
        visitor = site.visitor(request)
        if visitor is None:
            return site.to_login(request, lg)
        try:
            card = site.register.linked_card(visitor.account.sub)
            months = site.register.bonus_months(visitor.account.sub) if card else []
        except RegisterError as exc:
            return site.unavailable(request, lg, visitor, exc)
        rows = [
            (
                m.month,
                month_label(m.month, lg),
                euros(m.purchases_cents),
                percent(m.bonus_percent),
                euros(m.bonus_cents),
                euros(m.savings_cents),
            )
            for m in months
        ]
        return site.render(
            request,
            "bonus.html",
            lg,
            visitor,
            has_card=card is not None,
            add_card_url=site.add_card_url(lg, f"/{lg}/bonus"),
            rows=rows,
        )

    return router
