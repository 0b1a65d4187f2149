""" "Förmåner och tips", coupons (redeemed once, shown as an EAN-13 barcode) and "Bonus"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from stub_services.common.i18n import t
from stub_services.common.openapi_docs import language_pages, merged, without_body
from stub_services.common.register_client import Coupon, CouponNotFound, CouponUsed, RegisterError
from stub_services.common.web import PathLang
from stub_services.etukortti.barcode_svg import SVG_CSP, ean13_svg
from stub_services.etukortti.deps import MaybeVisitor, SignedInPage, SiteDep, posted_form
from stub_services.etukortti.formatting import day, euros, month_label, percent
from stub_services.etukortti.site import Page, Site, Visitor

T = TypeVar("T")
router = APIRouter(tags=["benefits"], default_response_class=HTMLResponse)


def _coupon_of(site: Site, visitor: Visitor, coupon_id: str) -> Coupon | None:
    """The visitor's own coupon with that id; another customer's is simply not there."""
    coupons = site.register.coupons(visitor.account.sub)
    return next((c for c in coupons if str(c.id) == coupon_id), None)


def _coupon_page(
    page: Page, coupon: Coupon | None, status_code: int = 200, *, shown: bool = False
) -> HTMLResponse:
    """The coupon (`shown` once used now, at the till), or the page saying there is no such
    coupon (404)."""
    if coupon is None:
        return page.render("coupon_not_found.html", 404)
    return page.render(
        "coupon.html",
        status_code,
        switch_to=f"/coupons/{coupon.id}",
        coupon=coupon,
        valid_until=t(page.lang, "benefits.valid_until", date=day(coupon.valid_until)),
        used=status_code == 409 or coupon.redeemed_at is not None,
        shown=shown,
    )


def _with_card(page: Page, read: Callable[[str], list[T]]) -> tuple[bool, list[T]]:
    """Whether the visitor has a linked card, and what `read` gives for them (none without)."""
    sub = page.account.sub
    has_card = page.site.register.linked_card(sub) is not None
    return has_card, read(sub) if has_card else []


def coupon_form_page(request: Request, lang: PathLang) -> str:
    """The coupon page, where its "use" form is."""
    return f"/{lang}/coupons/{request.path_params['coupon_id']}"


# The coupon page whose "use" form was posted, with this session's CSRF token.
CouponForm = Annotated[Page, posted_form("coupon", coupon_form_page)]


@router.get("/{lang}/benefits", response_model=None, responses=language_pages(303, 503))
def benefits(page: SignedInPage) -> Response:
    has_card, coupons = _with_card(page, page.site.register.coupons)
    return page.render(
        "benefits.html",
        has_card=has_card,
        add_card_url=page.add_card_url(f"/{page.lang}/benefits"),
        coupons=[
            (c, t(page.lang, "benefits.valid_until", date=day(c.valid_until)))
            for c in coupons
            if c.redeemed_at is None
        ],
    )


@router.get(
    "/{lang}/coupons/{coupon_id}",
    response_model=None,
    responses=language_pages(303, 404, 503),
)
def coupon(coupon_id: str, page: SignedInPage) -> Response:
    return _coupon_page(page, _coupon_of(page.site, page.visitor, coupon_id))


@router.post(
    "/{lang}/coupons/{coupon_id}/redeem",
    response_model=None,
    responses=language_pages(303, 403, 404, 409, 503),
)
def redeem(coupon_id: str, page: CouponForm) -> Response:
    found = _coupon_of(page.site, page.visitor, coupon_id)
    if found is None or found.redeemed_at is not None:
        return _coupon_page(page, found, 409)  # a coupon not found is a 404 page
    try:
        redeemed = page.site.register.redeem_coupon(page.account.sub, found.id)
    except CouponUsed:  # used meanwhile, in another tab or the app
        return _coupon_page(page, found, 409)
    except CouponNotFound:
        return _coupon_page(page, None)
    page.site.events.record("coupon_redeemed", page.account.email, coupon=str(found.id))
    return _coupon_page(page, redeemed, shown=True)


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
def bonus(page: SignedInPage) -> Response:
    has_card, months = _with_card(page, page.site.register.bonus_months)
    rows = [
        (
            m.month,
            month_label(m.month, page.lang),
            euros(m.purchases_cents),
            percent(m.bonus_percent),
            euros(m.bonus_cents),
            euros(m.savings_cents),
        )
        for m in months
    ]
    return page.render(
        "bonus.html",
        has_card=has_card,
        add_card_url=page.add_card_url(f"/{page.lang}/bonus"),
        rows=rows,
    )
