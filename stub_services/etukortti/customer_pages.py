"""The customer-data form of "Mina uppgifter": CSRF-protected, validated, saved (C05)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stub_services.common.i18n import Lang, t
from stub_services.common.openapi_docs import language_pages
from stub_services.common.web import require_lang
from stub_services.etukortti.customer_data import Address, CustomerData, validate
from stub_services.etukortti.site import Site, Visitor


def customer_pages_router(site: Site, customers: CustomerData) -> APIRouter:
    router = APIRouter(tags=["customer data"], default_response_class=HTMLResponse)

    def form(
        request: Request,
        lang: Lang,
        visitor: Visitor,
        address: Address | None,
        status_code: int = 200,
        errors: dict[str, str] | None = None,
    ) -> HTMLResponse:
        return site.render(
            request,
            "customer_data.html",
            lang,
            visitor,
            status_code,
            switch_to="/profile/customer-data",
            address=address or Address("", "", ""),
            errors=errors or {},
        )

    @router.get("/{lang}/profile/customer-data", response_model=None, responses=language_pages(303))
    def edit(request: Request, lang: str) -> Response:
        lg = require_lang(lang)
        visitor = site.visitor(request)
        if visitor is None:
            return RedirectResponse(f"/{lg}/login", status_code=303)
        return form(request, lg, visitor, customers.address(visitor.account.sub))

    @router.post(
        "/{lang}/profile/customer-data",
        response_model=None,
        responses=language_pages(303, 403, 422),
    )
    def save(
        request: Request,
        lang: str,
        street: Annotated[str, Form()] = "",
        postal_code: Annotated[str, Form()] = "",
        city: Annotated[str, Form()] = "",
        csrf_token: Annotated[str, Form()] = "",
    ) -> Response:
        lg = require_lang(lang)
        visitor = site.visitor(request)
        if visitor is None:
            return RedirectResponse(f"/{lg}/login", status_code=303)
        if not site.csrf.ok(visitor.session, csrf_token):
            back = f"/{lg}/profile/customer-data"
            label = t(lg, "customer.edit")
            return site.csrf_refused(request, lg, visitor, "customer_data", back, label)
        address, errors = validate(street, postal_code, city)
        if errors:
            typed = Address(street, postal_code, city)  # what was typed, untrimmed
            return form(request, lg, visitor, typed, 422, errors)
        customers.save(visitor.account.sub, address)
        site.events.record("customer_data_saved", visitor.account.email, sub=visitor.account.sub)
        return RedirectResponse(f"/{lg}/profile?saved=1", status_code=303)

    return router
