"""The customer-data form of "Mina uppgifter": CSRF-protected, validated, saved (C05)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stub_services.common.openapi_docs import language_pages
from stub_services.common.web import PathLang
from stub_services.etukortti.customer_data import Address, validate
from stub_services.etukortti.deps import ProfilePage, posted_form
from stub_services.etukortti.site import Page

router = APIRouter(tags=["customer data"], default_response_class=HTMLResponse)


def _form(
    page: Page,
    address: Address | None,
    status_code: int = 200,
    errors: dict[str, str] | None = None,
) -> HTMLResponse:
    return page.render(
        "customer_data.html",
        status_code,
        switch_to="/profile/customer-data",
        address=address or Address("", "", ""),
        errors=errors or {},
    )


def form_page(lang: PathLang) -> str:
    return f"/{lang}/profile/customer-data"


# Posted without a session, the form leads to sign-in and the profile, as its page does.
CustomerDataForm = Annotated[
    Page,
    posted_form("customer_data", form_page, label_key="customer.edit", come_back=False),
]


@router.get("/{lang}/profile/customer-data", response_model=None, responses=language_pages(303))
def edit(page: ProfilePage) -> Response:
    return _form(page, page.site.customers.address(page.account.sub))


@router.post(
    "/{lang}/profile/customer-data",
    response_model=None,
    responses=language_pages(303, 403, 422),
)
def save(
    page: CustomerDataForm,
    street: Annotated[str, Form()] = "",
    postal_code: Annotated[str, Form()] = "",
    city: Annotated[str, Form()] = "",
) -> Response:
    address, errors = validate(street, postal_code, city)
    if errors:
        typed = Address(street, postal_code, city)  # what was typed, untrimmed
        return _form(page, typed, 422, errors)
    page.site.customers.save(page.account.sub, address)
    page.site.events.record("customer_data_saved", page.account.email, sub=page.account.sub)
    return RedirectResponse(f"/{page.lang}/profile?saved=1", status_code=303)
