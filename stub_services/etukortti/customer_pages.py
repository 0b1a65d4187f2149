"""The customer-data form of "Mina uppgifter": CSRF-protected, validated, saved (C05)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stub_services.common.events import EventLog
from stub_services.common.i18n import Lang
from stub_services.common.web import Pages, require_lang
from stub_services.etukortti.customer_data import Address, CustomerData, validate
from stub_services.etukortti.store import SESSION_COOKIE, Store


def customer_pages_router(
    pages: Pages, store: Store, customers: CustomerData, events: EventLog
) -> APIRouter:
    router = APIRouter(tags=["customer data"])

    def form(
        request: Request,
        lang: Lang,
        session: str,
        address: Address | None,
        status_code: int = 200,
        errors: dict[str, str] | None = None,
    ) -> HTMLResponse:
        return pages.render(
            request,
            "customer_data.html",
            lang,
            status_code,
            switch_to="/profile/customer-data",
            address=address or Address("", "", ""),
            errors=errors or {},
            csrf_token=customers.csrf_token(session),
        )

    @router.get("/{lang}/profile/customer-data", response_model=None)
    def edit(request: Request, lang: str) -> Response:
        lg = require_lang(lang)
        session = request.cookies.get(SESSION_COOKIE) or ""
        account = store.session_account(session)
        if account is None:
            return RedirectResponse(f"/{lg}/login", status_code=303)
        return form(request, lg, session, customers.address(account.sub))

    @router.post("/{lang}/profile/customer-data", response_model=None)
    def save(
        request: Request,
        lang: str,
        street: Annotated[str, Form()] = "",
        postal_code: Annotated[str, Form()] = "",
        city: Annotated[str, Form()] = "",
        csrf_token: Annotated[str, Form()] = "",
    ) -> Response:
        lg = require_lang(lang)
        session = request.cookies.get(SESSION_COOKIE) or ""
        account = store.session_account(session)
        if account is None:
            return RedirectResponse(f"/{lg}/login", status_code=303)
        if not customers.csrf_ok(session, csrf_token):
            events.record("csrf_refused", account.email, form="customer_data")
            return pages.render(request, "csrf_refused.html", lg, 403)
        address, errors = validate(street, postal_code, city)
        if errors:
            typed = Address(street, postal_code, city)  # what was typed, untrimmed
            return form(request, lg, session, typed, 422, errors)
        customers.save(account.sub, address)
        events.record("customer_data_saved", account.email, sub=account.sub)
        return RedirectResponse(f"/{lg}/profile?saved=1", status_code=303)

    return router
