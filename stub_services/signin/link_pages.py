"""Card linking pages: the form, the trip to the bank, and the done and failure pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stub_services.common.i18n import FEEDBACK_FORM_URL, Lang
from stub_services.common.register_client import mask_card
from stub_services.common.web import require_lang, set_host_cookie
from stub_services.signin.bank_client import BankRequest, authorization_url
from stub_services.signin.card_linking import REASONS
from stub_services.signin.context import Signin
from stub_services.signin.csrf import CsrfToken, check_form_token
from stub_services.signin.identifiers import business_id as checked_business_id
from stub_services.signin.identity_store import BANK_TX_COOKIE, BANK_TX_TTL, BankTx
from stub_services.signin.journeys import (
    after_linking,
    allowed_return,
    current_session,
    flow_query,
    link_card_url,
    session_email,
    sign_in_first,
)
from stub_services.signin.pages import FormRequestId, RequestId

ReturnUrl = Annotated[str, Query(alias="return")]
FormReturnUrl = Annotated[str, Form(alias="return")]


def start_bank(
    ctx: Signin,
    lang: Lang,
    purpose: str,
    *,
    request_id: str = "",
    return_url: str = "",
    email: str | None = None,
    kind: str = "person",
    business_id: str = "",
) -> RedirectResponse:
    """Keep state, nonce and PKCE verifier server-side, bind them to this browser, and go."""
    bank_request = BankRequest.new()
    tx = BankTx(
        purpose,
        bank_request.state,
        bank_request.nonce,
        bank_request.verifier,
        lang,
        request_id,
        return_url,
        email,
        kind,
        business_id,
    )
    binding = ctx.identity.save_bank_tx(tx)
    ctx.events.record("bank_auth_started", email, purpose=purpose, lang=lang)
    response = RedirectResponse(authorization_url(ctx.settings, bank_request, lang), 303)
    set_host_cookie(response, BANK_TX_COOKIE, binding, int(BANK_TX_TTL.total_seconds()))
    return response


def link_pages_router(ctx: Signin) -> APIRouter:
    router = APIRouter(tags=["card linking"])

    def refused(request: Request, lang: Lang) -> HTMLResponse:
        # Never redirect to an unverified address: show the error here instead.
        return ctx.pages.render(request, "invalid_request.html", lang, 400)

    def flow_is_valid(request_id: str, return_url: str) -> bool:
        if return_url and not allowed_return(ctx, return_url):
            return False
        return not request_id or ctx.store.request(request_id) is not None

    def form(
        request: Request,
        lang: Lang,
        request_id: str,
        return_url: str,
        status_code: int = 200,
        kind: str = "person",
        business_id: str = "",
        error: str | None = None,
    ) -> HTMLResponse:
        return ctx.pages.render(
            request,
            "link_card.html",
            lang,
            status_code,
            switch_to="/link-card" + flow_query(request_id, return_url),
            request_id=request_id,
            return_url=return_url,
            kind=kind,
            business_id=business_id,
            error=error,
            skip_url=link_card_url(lang, request_id, return_url, "/continue"),
            csrf_token=ctx.forms.token(request),
        )

    @router.get("/{lang}/link-card", response_model=None)
    def link_card(
        request: Request, lang: str, request_id: RequestId = "", return_url: ReturnUrl = ""
    ) -> Response:
        lg = require_lang(lang)
        if not flow_is_valid(request_id, return_url):
            return refused(request, lg)
        if session_email(ctx, request) is None:
            return sign_in_first(ctx, lg, link_card_url(lg, request_id, return_url))
        return form(request, lg, request_id, return_url)

    @router.post("/{lang}/link-card", response_model=None)
    def submit_link_card(
        request: Request,
        lang: str,
        kind: Annotated[str, Form()] = "person",
        business_id: Annotated[str, Form()] = "",
        request_id: FormRequestId = "",
        return_url: FormReturnUrl = "",
        csrf_token: CsrfToken = "",
    ) -> Response:
        lg = require_lang(lang)
        if not flow_is_valid(request_id, return_url):
            return refused(request, lg)
        email = session_email(ctx, request)
        if email is None:
            return sign_in_first(ctx, lg, link_card_url(lg, request_id, return_url))
        retry = link_card_url(lg, request_id, return_url)
        refused_form = check_form_token(ctx, request, lg, csrf_token, email, retry)
        if refused_form is not None:
            return refused_form
        kind = "business" if kind == "business" else "person"
        checked = ""
        if kind == "business":
            checked = checked_business_id(business_id) or ""
            if not checked:
                error = "linkcard.business_id_invalid"
                return form(request, lg, request_id, return_url, 422, kind, business_id, error)
        return start_bank(
            ctx,
            lg,
            "link",
            request_id=request_id,
            return_url=return_url,
            email=email,
            kind=kind,
            business_id=checked,
        )

    @router.get("/{lang}/link-card/done", response_model=None)
    def done(
        request: Request, lang: str, request_id: RequestId = "", return_url: ReturnUrl = ""
    ) -> Response:
        lg = require_lang(lang)
        if not flow_is_valid(request_id, return_url):
            return refused(request, lg)
        email = session_email(ctx, request)
        link = ctx.identity.link_of(email) if email else None
        if link is None:
            return RedirectResponse(link_card_url(lg, request_id, return_url), 303)
        return ctx.pages.render(
            request,
            "link_done.html",
            lg,
            masked_card=mask_card(link.card_number),
            kind=link.kind,
            request_id=request_id,
            return_url=return_url,
        )

    @router.get("/{lang}/link-card/failed", response_model=None)
    def failed(
        request: Request,
        lang: str,
        reason: str = "",
        request_id: RequestId = "",
        return_url: ReturnUrl = "",
    ) -> Response:
        lg = require_lang(lang)
        if not flow_is_valid(request_id, return_url):
            return refused(request, lg)
        return ctx.pages.render(
            request,
            "link_failed.html",
            lg,
            reason=reason if reason in REASONS else "unexpected",
            feedback_url=FEEDBACK_FORM_URL,
            retry_url=link_card_url(lg, request_id, return_url),
        )

    @router.get("/{lang}/link-card/continue", response_model=None)
    def continue_flow(
        request: Request, lang: str, request_id: RequestId = "", return_url: ReturnUrl = ""
    ) -> Response:
        lg = require_lang(lang)
        if not flow_is_valid(request_id, return_url):
            return refused(request, lg)
        session = current_session(ctx, request)
        if session is None and not return_url:
            return sign_in_first(ctx, lg, link_card_url(lg, request_id, return_url, "/continue"))
        target = after_linking(ctx, lg, request_id, return_url, session)
        return RedirectResponse(target, status_code=303)

    return router
