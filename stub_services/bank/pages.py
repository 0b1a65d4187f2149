"""The broker's browser pages: bank choice, a bank's sign-in page, cancel and time-out return."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stub_services.bank.context import Broker
from stub_services.bank.identities import BANKS, Bank
from stub_services.bank.store import AuthRequest, Outcome, Status
from stub_services.common.finnish_ids import InvalidIdentityCode, parse_hetu
from stub_services.common.i18n import Lang
from stub_services.common.oauth import with_query
from stub_services.common.openapi_docs import language_pages
from stub_services.common.web import require_lang

# Where each scripted outcome other than approve and timeout sends the browser.
_ERRORS = {Outcome.CANCEL: "access_denied", Outcome.FAIL: "server_error"}


def _bank(slug: str) -> Bank:
    bank = BANKS.get(slug)
    if bank is None:
        raise HTTPException(status_code=404)
    return bank


def pages_router(broker: Broker) -> APIRouter:
    router = APIRouter(tags=["pages"], default_response_class=HTMLResponse)
    store = broker.store

    def invalid(request: Request, lang: Lang) -> HTMLResponse:
        return broker.pages.render(request, "invalid_request.html", lang, 400)

    def back_to_client(auth: AuthRequest, error: str) -> RedirectResponse:
        store.set_status(auth.id, Status.DONE)
        target = with_query(auth.redirect_uri, error=error, state=auth.state)
        return RedirectResponse(target, status_code=303)

    def bank_page(
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
    def select(request: Request, lang: str) -> HTMLResponse:
        page_lang = require_lang(lang)
        auth = store.request(request.query_params.get("request", ""))
        if auth is None or auth.status is not Status.OPEN:
            return invalid(request, page_lang)
        return broker.pages.render(
            request, "select.html", page_lang, banks=list(BANKS.values()), request_id=auth.id
        )

    @router.get("/{lang}/bank/{slug}", response_model=None, responses=language_pages(400))
    def bank_sign_in(request: Request, lang: str, slug: str) -> HTMLResponse:
        page_lang, bank = require_lang(lang), _bank(slug)
        auth = store.request(request.query_params.get("request", ""))
        if auth is None or auth.status is Status.DONE:
            return invalid(request, page_lang)
        return bank_page(request, page_lang, bank, auth)

    @router.post(
        "/{lang}/bank/{slug}", response_model=None, responses=language_pages(303, 400, 422)
    )
    def identify(
        request: Request,
        lang: str,
        slug: str,
        user: Annotated[str, Form()] = "",
        request_id: Annotated[str, Form(alias="request")] = "",
    ) -> Response:
        page_lang, bank = require_lang(lang), _bank(slug)
        auth = store.request(request_id)
        if auth is None or auth.status is not Status.OPEN:
            return invalid(request, page_lang)
        try:
            hetu = parse_hetu(user).code
        except InvalidIdentityCode:
            hetu = None
        if hetu is None or store.identity(hetu) is None:
            return bank_page(
                request, page_lang, bank, auth, 422, error="bank.unknown_user", value=user
            )
        outcome = store.take_outcome(hetu)
        broker.events.record("bank_authentication", None, bank=bank.ftn_idp, outcome=outcome.value)
        if outcome is Outcome.APPROVE:
            code = store.issue_code(auth, hetu, bank.ftn_idp)
            target = with_query(auth.redirect_uri, code=code, state=auth.state)
            return RedirectResponse(target, status_code=303)
        if outcome is Outcome.TIMEOUT:
            store.set_status(auth.id, Status.TIMED_OUT)
            return bank_page(request, page_lang, bank, store.request(auth.id) or auth)
        return back_to_client(auth, _ERRORS[outcome])

    @router.post("/{lang}/return", response_model=None, responses=language_pages(303, 400))
    def return_after_timeout(
        request: Request, lang: str, request_id: Annotated[str, Form(alias="request")] = ""
    ) -> Response:
        page_lang = require_lang(lang)
        auth = store.request(request_id)
        if auth is None or auth.status is not Status.TIMED_OUT:
            return invalid(request, page_lang)
        return back_to_client(auth, "temporarily_unavailable")

    @router.get("/{lang}/cancel", response_model=None, responses=language_pages(303, 400))
    def cancel(request: Request, lang: str) -> Response:
        page_lang = require_lang(lang)
        auth = store.request(request.query_params.get("request", ""))
        if auth is None or auth.status is Status.DONE:
            return invalid(request, page_lang)
        return back_to_client(auth, "access_denied")

    return router
