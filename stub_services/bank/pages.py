"""The broker's browser pages: bank choice, a bank's sign-in page, cancel and time-out return."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stub_services.bank.context import Broker, BrokerDep
from stub_services.bank.identities import BANKS, Bank
from stub_services.bank.store import AuthRequest, Outcome, Status
from stub_services.common.finnish_ids import InvalidIdentityCode, parse_hetu
from stub_services.common.i18n import Lang
from stub_services.common.openapi_docs import language_pages
from stub_services.common.web import PathLang

# Where each scripted outcome other than approve and timeout sends the browser.
_ERRORS = {Outcome.CANCEL: "access_denied", Outcome.FAIL: "server_error"}


def _bank(slug: str) -> Bank:
    bank = BANKS.get(slug)
    if bank is None:
        raise HTTPException(status_code=404)
    return bank


# `/{lang}/bank/{slug}` names one of the banks; any other slug is a 404.
PathBank = Annotated[Bank, Depends(_bank)]
RequestId = Annotated[str, Form(alias="request")]


router = APIRouter(tags=["pages"], default_response_class=HTMLResponse)


def _invalid(broker: Broker, request: Request, lang: Lang) -> HTMLResponse:
    return broker.pages.render(request, "invalid_request.html", lang, 400)


def _back_to_client(broker: Broker, auth: AuthRequest, error: str) -> RedirectResponse:
    broker.store.set_status(auth.id, Status.DONE)
    target = auth.back_to_client(error=error)
    return RedirectResponse(target, status_code=303)


def _bank_page(
    broker: Broker,
    request: Request,
    lang: Lang,
    bank: Bank,
    auth: AuthRequest,
    status_code: int = 200,
    **context: str | bool,
) -> HTMLResponse:
    return broker.pages.render(
        request,
        "bank.html",
        lang,
        status_code,
        switch_to=f"/bank/{bank.slug}?request={auth.id}",
        bank=bank,
        request_id=auth.id,
        timed_out=auth.status is Status.TIMED_OUT,
        **context,
    )


@router.get("/{lang}/select", response_model=None, responses=language_pages(400))
def select(request: Request, lang: PathLang, broker: BrokerDep) -> HTMLResponse:
    auth = broker.store.request(request.query_params.get("request", ""))
    if auth is None or auth.status is not Status.OPEN:
        return _invalid(broker, request, lang)
    return broker.pages.render(
        request, "select.html", lang, banks=list(BANKS.values()), request_id=auth.id
    )


@router.get("/{lang}/bank/{slug}", response_model=None, responses=language_pages(400))
def bank_sign_in(
    request: Request, lang: PathLang, bank: PathBank, broker: BrokerDep
) -> HTMLResponse:
    auth = broker.store.request(request.query_params.get("request", ""))
    if auth is None or auth.status is Status.DONE:
        return _invalid(broker, request, lang)
    return _bank_page(broker, request, lang, bank, auth)


@router.post("/{lang}/bank/{slug}", response_model=None, responses=language_pages(303, 400, 422))
def identify(
    request: Request,
    lang: PathLang,
    bank: PathBank,
    broker: BrokerDep,
    user: Annotated[str, Form()] = "",
    request_id: RequestId = "",
) -> Response:
    store = broker.store
    auth = store.request(request_id)
    if auth is None or auth.status is not Status.OPEN:
        return _invalid(broker, request, lang)
    try:
        hetu = parse_hetu(user).code
    except InvalidIdentityCode:
        hetu = None
    if hetu is None or store.identity(hetu) is None:
        return _bank_page(
            broker, request, lang, bank, auth, 422, error="bank.unknown_user", value=user
        )
    outcome = store.take_outcome(hetu)
    broker.events.record("bank_authentication", None, bank=bank.ftn_idp, outcome=outcome.value)
    if outcome is Outcome.APPROVE:
        code = store.issue_code(auth, hetu, bank.ftn_idp)
        target = auth.back_to_client(code=code)
        return RedirectResponse(target, status_code=303)
    if outcome is Outcome.TIMEOUT:
        store.set_status(auth.id, Status.TIMED_OUT)
        return _bank_page(broker, request, lang, bank, store.request(auth.id) or auth)
    return _back_to_client(broker, auth, _ERRORS[outcome])


@router.post("/{lang}/return", response_model=None, responses=language_pages(303, 400))
def return_after_timeout(
    request: Request, lang: PathLang, broker: BrokerDep, request_id: RequestId = ""
) -> Response:
    auth = broker.store.request(request_id)
    if auth is None or auth.status is not Status.TIMED_OUT:
        return _invalid(broker, request, lang)
    return _back_to_client(broker, auth, "temporarily_unavailable")


@router.get("/{lang}/cancel", response_model=None, responses=language_pages(303, 400))
def cancel(request: Request, lang: PathLang, broker: BrokerDep) -> Response:
    auth = broker.store.request(request.query_params.get("request", ""))
    if auth is None or auth.status is Status.DONE:
        return _invalid(broker, request, lang)
    return _back_to_client(broker, auth, "access_denied")
