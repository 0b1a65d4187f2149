"""Card linking pages: the form, the trip to the bank, and the done and failure pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stub_services.common.i18n import FEEDBACK_FORM_URL, Lang
from stub_services.common.register_client import mask_card
from stub_services.common.web import PathLang, set_host_cookie
from stub_services.signin.bank_client import BankRequest, bank_authorization_url
from stub_services.signin.card_linking import REASONS
from stub_services.signin.context import Signin, SigninDep
from stub_services.signin.csrf import CsrfToken
from stub_services.signin.deps import LangPage, Page, require_form_token, require_signed_in
from stub_services.signin.identifiers import business_id as checked_business_id
from stub_services.signin.identity_store import BANK_TX_COOKIE, BANK_TX_TTL, BankPurpose, BankTx
from stub_services.signin.journeys import (
    after_linking,
    allowed_return,
    current_session,
    flow_query,
    link_card_url,
    session_email,
)
from stub_services.signin.pages import FormRequestId, RequestId

ReturnUrl = Annotated[str, Query(alias="return")]
FormReturnUrl = Annotated[str, Form(alias="return")]


def start_bank(
    ctx: Signin,
    lang: Lang,
    purpose: BankPurpose,
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
        purpose=purpose,
        state=bank_request.state,
        nonce=bank_request.nonce,
        verifier=bank_request.verifier,
        lang=lang,
        request_id=request_id,
        return_url=return_url,
        email=email,
        kind=kind,
        business_id=business_id,
    )
    binding = ctx.identity.save_bank_tx(tx)
    ctx.events.record("bank_auth_started", email, purpose=purpose, lang=lang)
    response = RedirectResponse(bank_authorization_url(ctx.settings, bank_request, lang), 303)
    set_host_cookie(response, BANK_TX_COOKIE, binding, int(BANK_TX_TTL.total_seconds()))
    return response


class FlowRefused(Exception):
    """The flow names an unknown request or a return page that is not registered."""

    def __init__(self, lang: Lang) -> None:
        super().__init__(lang)
        self.lang = lang


@dataclass(frozen=True)
class Flow:
    """Where a card-linking flow came from: a client's request, or a return page."""

    request_id: str = ""
    return_url: str = ""

    def url(self, lang: Lang, page: str = "") -> str:
        """A card-linking page of this flow: the form, or "/done", "/continue" …"""
        return link_card_url(lang, self.request_id, self.return_url, page)


def checked_flow(ctx: Signin, lang: Lang, request_id: str, return_url: str) -> Flow:
    """The flow, if its request is live and its return page registered; else FlowRefused."""
    if return_url and not allowed_return(ctx, return_url):
        raise FlowRefused(lang)
    if request_id and ctx.store.request(request_id) is None:
        raise FlowRefused(lang)
    return Flow(request_id, return_url)


def _query_flow(
    lang: PathLang, ctx: SigninDep, request_id: RequestId = "", return_url: ReturnUrl = ""
) -> Flow:
    return checked_flow(ctx, lang, request_id, return_url)


# `flow: ValidFlow`: the query's `request` and `return`, checked before anything else (the
# sign-in check included); a page of an unknown flow answers 400, never redirecting to an
# unverified address.
ValidFlow = Annotated[Flow, Depends(_query_flow)]


def refused(request: Request, exc: Exception) -> HTMLResponse:
    """The exception handler of FlowRefused: the invalid-request page."""
    assert isinstance(exc, FlowRefused)
    ctx: Signin = request.app.state.signin
    return ctx.pages.render(request, "invalid_request.html", exc.lang, 400)


router = APIRouter(tags=["card linking"])


def _form(
    page: Page,
    flow: Flow,
    status_code: int = 200,
    kind: str = "person",
    business_id: str = "",
    error: str | None = None,
) -> HTMLResponse:
    return page.render(
        "link_card.html",
        status_code,
        switch_to="/link-card" + flow_query(flow.request_id, flow.return_url),
        request_id=flow.request_id,
        return_url=flow.return_url,
        kind=kind,
        business_id=business_id,
        error=error,
        skip_url=flow.url(page.lang, "/continue"),
        csrf_token=page.ctx.forms.token(page.request),
    )


@router.get("/{lang}/link-card", response_model=None)
def link_card(page: LangPage, flow: ValidFlow) -> Response:
    require_signed_in(page.ctx, page.request, page.lang, flow.url(page.lang))
    return _form(page, flow)


@router.post("/{lang}/link-card", response_model=None)
def submit_link_card(
    page: LangPage,
    kind: Annotated[str, Form()] = "person",
    business_id: Annotated[str, Form()] = "",
    request_id: FormRequestId = "",
    return_url: FormReturnUrl = "",
    csrf_token: CsrfToken = "",
) -> Response:
    ctx, request, lang = page.ctx, page.request, page.lang
    # The flow comes in the form here, so it is checked here (ValidFlow reads the query).
    flow = checked_flow(ctx, lang, request_id, return_url)
    email = require_signed_in(ctx, request, lang, flow.url(lang))
    require_form_token(ctx, request, lang, csrf_token, email, flow.url(lang))
    kind = "business" if kind == "business" else "person"
    checked = ""
    if kind == "business":
        checked = checked_business_id(business_id) or ""
        if not checked:
            error = "linkcard.business_id_invalid"
            return _form(page, flow, 422, kind, business_id, error)
    return start_bank(
        ctx,
        lang,
        BankPurpose.LINK,
        request_id=request_id,
        return_url=return_url,
        email=email,
        kind=kind,
        business_id=checked,
    )


@router.get("/{lang}/link-card/done", response_model=None)
def done(page: LangPage, flow: ValidFlow) -> Response:
    email = session_email(page.ctx, page.request)
    link = page.ctx.identity.link_of(email) if email else None
    if link is None:
        return RedirectResponse(flow.url(page.lang), 303)
    return page.render(
        "link_done.html",
        masked_card=mask_card(link.card_number),
        kind=link.kind,
        request_id=flow.request_id,
        return_url=flow.return_url,
    )


@router.get("/{lang}/link-card/failed", response_model=None)
def failed(page: LangPage, flow: ValidFlow, reason: str = "") -> Response:
    return page.render(
        "link_failed.html",
        reason=reason if reason in REASONS else "unexpected",
        feedback_url=FEEDBACK_FORM_URL,
        retry_url=flow.url(page.lang),
    )


@router.get("/{lang}/link-card/continue", response_model=None)
def continue_flow(page: LangPage, flow: ValidFlow) -> Response:
    ctx, lang = page.ctx, page.lang
    session = current_session(ctx, page.request)
    if session is None and not flow.return_url:
        # Without a return page the flow goes on at the client: that needs a session.
        require_signed_in(ctx, page.request, lang, flow.url(lang, "/continue"))
    target = after_linking(ctx, lang, flow.request_id, flow.return_url, session)
    return RedirectResponse(target, status_code=303)
