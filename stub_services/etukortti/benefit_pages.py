""" "Förmåner och tips", coupons (redeemed once, shown as an EAN-13 barcode) and "Bonus"."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from stub_services.common.i18n import Lang, t
from stub_services.common.openapi_docs import language_pages, merged, without_body
from stub_services.common.register_client import Coupon, CouponNotFound, CouponUsed, RegisterError
from stub_services.common.web import PathLang
from stub_services.etukortti.barcode_svg import SVG_CSP, ean13_svg
from stub_services.etukortti.deps import MaybeVisitor, SignedIn, SiteDep, posted_form
from stub_services.etukortti.formatting import day, euros, month_label, percent
from stub_services.etukortti.site import Site, Visitor

router = APIRouter(tags=["benefits"], default_response_class=HTMLResponse)


def _coupon_of(site: Site, visitor: Visitor, coupon_id: str) -> Coupon | None:
    """The visitor's own coupon with that id; another customer's is simply not there."""
    coupons = site.register.coupons(visitor.account.sub)
    return next((c for c in coupons if str(c.id) == coupon_id), None)


def _coupon_page(
    site: Site,
    request: Request,
    lang: Lang,
    visitor: Visitor,
    coupon: Coupon | None,
    status_code: int = 200,
    *,
    shown: bool = False,
    used: bool = False,
) -> HTMLResponse:
    """The coupon, or the page saying there is no such coupon (404)."""
    if coupon is None:
        return site.render(request, "coupon_not_found.html", lang, visitor, 404)
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


def coupon_form_page(request: Request, lang: PathLang) -> str:
    """The coupon page, where its "use" form is."""
    return f"/{lang}/coupons/{request.path_params['coupon_id']}"


# The visitor who posted a coupon's "use" form, with this session's CSRF token.
CouponForm = Annotated[Visitor, posted_form("coupon", coupon_form_page)]


@router.get("/{lang}/benefits", response_model=None, responses=language_pages(303, 503))
def benefits(request: Request, lang: PathLang, site: SiteDep, visitor: SignedIn) -> Response:
    card = site.register.linked_card(visitor.account.sub)
    coupons = site.register.coupons(visitor.account.sub) if card else []
    return site.render(
        request,
        "benefits.html",
        lang,
        visitor,
        has_card=card is not None,
        add_card_url=site.add_card_url(lang, f"/{lang}/benefits"),
        coupons=[
            (c, t(lang, "benefits.valid_until", date=day(c.valid_until)))
            for c in coupons
            if c.redeemed_at is None
        ],
    )


@router.get(
    "/{lang}/coupons/{coupon_id}",
    response_model=None,
    responses=language_pages(303, 404, 503),
)
def coupon(
    request: Request, lang: PathLang, coupon_id: str, site: SiteDep, visitor: SignedIn
) -> Response:
    found = _coupon_of(site, visitor, coupon_id)
    return _coupon_page(site, request, lang, visitor, found)


@router.post(
    "/{lang}/coupons/{coupon_id}/redeem",
    response_model=None,
    responses=language_pages(303, 403, 404, 409, 503),
)
def redeem(
    request: Request,
    lang: PathLang,
    coupon_id: str,
    site: SiteDep,
    visitor: CouponForm,
) -> Response:
    found = _coupon_of(site, visitor, coupon_id)
    if found is None:
        return _coupon_page(site, request, lang, visitor, None)
    if found.redeemed_at is not None:
        return _coupon_page(site, request, lang, visitor, found, 409)
    try:
        redeemed = site.register.redeem_coupon(visitor.account.sub, found.id)
    except CouponUsed:  # used meanwhile, in another tab or the app
        return _coupon_page(site, request, lang, visitor, found, 409, used=True)
    except CouponNotFound:
        return _coupon_page(site, request, lang, visitor, None)
    site.events.record("coupon_redeemed", visitor.account.email, coupon=str(found.id))
    return _coupon_page(site, request, lang, visitor, redeemed, shown=True)


@router.get(
    "/{lang}/coupons/{coupon_id}/barcode.svg",
    response_class=Response,
    # A refused barcode is an empty 404 (FastAPI's JSON one for an unknown language).
    responses=merged(
        {200: {"content": {"image/svg+xml": {"schema": {"type": "string"}}}}},
        without_body(404, 503),
    ),
)
def barcode(lang: PathLang, coupon_id: str, site: SiteDep, visitor: MaybeVisitor) -> Response:
    """Only for the visitor's own coupon, once it has been used (shown at the till)."""
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
    return Response(svg, media_type="image/svg+xml", headers={"Content-Security-Policy": SVG_CSP})


@router.get("/{lang}/bonus", response_model=None, responses=language_pages(303, 503))
def bonus(request: Request, lang: PathLang, site: SiteDep, visitor: SignedIn) -> Response:
    card = site.register.linked_card(visitor.account.sub)
    months = site.register.bonus_months(visitor.account.sub) if card else []
    rows = [
        (
            m.month,
            month_label(m.month, lang),
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
        lang,
        visitor,
        has_card=card is not None,
        add_card_url=site.add_card_url(lang, f"/{lang}/bonus"),
        rows=rows,
    )
