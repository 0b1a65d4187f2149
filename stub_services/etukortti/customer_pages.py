"""The customer-data form of "Mina uppgifter": CSRF-protected, validated, saved (C05)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stub_services.common.i18n import Lang
from stub_services.common.openapi_docs import language_pages
from stub_services.common.web import PathLang
from stub_services.etukortti.customer_data import Address, validate
from stub_services.etukortti.deps import ProfileVisitor, SiteDep, posted_form
from stub_services.etukortti.site import Site, Visitor

router = APIRouter(tags=["customer data"], default_response_class=HTMLResponse)


def _form(
    site: Site,
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


def form_page(lang: PathLang) -> str:
    return f"/{lang}/profile/customer-data"


# Posted without a session, the form leads to sign-in and the profile, as its page does.
CustomerDataForm = Annotated[
    Visitor,
    posted_form("customer_data", form_page, label_key="customer.edit", come_back=False),
]


@router.get("/{lang}/profile/customer-data", response_model=None, responses=language_pages(303))
def edit(request: Request, lang: PathLang, site: SiteDep, visitor: ProfileVisitor) -> Response:
    return _form(site, request, lang, visitor, site.customers.address(visitor.account.sub))


@router.post(
    "/{lang}/profile/customer-data",
    response_model=None,
    responses=language_pages(303, 403, 422),
)
def save(
    request: Request,
    lang: PathLang,
    site: SiteDep,
    visitor: CustomerDataForm,
    street: Annotated[str, Form()] = "",
    postal_code: Annotated[str, Form()] = "",
    city: Annotated[str, Form()] = "",
) -> Response:
    address, errors = validate(street, postal_code, city)
    if errors:
        typed = Address(street, postal_code, city)  # what was typed, untrimmed
        return _form(site, request, lang, visitor, typed, 422, errors)
    site.customers.save(visitor.account.sub, address)
    site.events.record("customer_data_saved", visitor.account.email, sub=visitor.account.sub)
    return RedirectResponse(f"/{lang}/profile?saved=1", status_code=303)
