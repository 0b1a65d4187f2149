"""Updated terms of use and privacy notice: acceptance page, documents and control (C03)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from stub_services.common.i18n import Lang
from stub_services.common.web import PathLang
from stub_services.signin.context import Signin, SigninDep
from stub_services.signin.csrf import CsrfToken
from stub_services.signin.deps import require_form_token
from stub_services.signin.intents import Intent
from stub_services.signin.journeys import after_sign_in, current_session, sign_in_first
from stub_services.signin.pages import FormRequestId, RequestId
from stub_services.signin.store import Session
from stub_services.signin.terms import VERSION_PATTERN, terms_url

# Path segment of each document and its (title, text) labels.
DOCUMENTS: dict[str, tuple[str, str]] = {
    "user-terms": ("terms.user_terms_title", "terms.user_terms_text"),
    "privacy": ("terms.privacy_title", "terms.privacy_text"),
}


class Publish(BaseModel):
    """Body of POST /_control/terms."""

    version: str = Field(pattern=VERSION_PATTERN)


router = APIRouter(tags=["terms"])


# Before the pages: "/_control/terms" would otherwise match "/{lang}/terms".
@router.get("/_control/terms", tags=["control"])
def current_terms(ctx: SigninDep) -> dict[str, str]:
    return {"version": ctx.terms.current()}


@router.post("/_control/terms", tags=["control"])
def publish_terms(body: Publish, ctx: SigninDep) -> dict[str, str]:
    return {"version": ctx.terms.publish(body.version)}


def _not_signed_in(ctx: Signin, lang: Lang, request_id: str) -> RedirectResponse:
    """A client's flow signs in again and goes on; anything else lands on the home page."""
    if ctx.store.request(request_id) is not None:
        return RedirectResponse(f"/{lang}/login?request={request_id}", status_code=303)
    return sign_in_first(ctx, lang, f"/{lang}/")


def _terms_form(
    ctx: Signin,
    request: Request,
    lang: Lang,
    request_id: str,
    status_code: int = 200,
    error: str = "",
) -> HTMLResponse:
    query = f"?request={request_id}" if request_id else ""
    return ctx.pages.render(
        request,
        "terms.html",
        lang,
        status_code,
        switch_to="/terms" + query,
        request_id=request_id,
        version=ctx.terms.current(),
        documents_query=query,
        error=error or None,
        csrf_token=ctx.forms.token(request),
    )


def _carry_on(ctx: Signin, lang: Lang, request_id: str, session: Session) -> RedirectResponse:
    auth = ctx.store.request(request_id)
    return RedirectResponse(after_sign_in(ctx, auth, session, lang, Intent.LOGIN), 303)


@router.get("/{lang}/terms", response_model=None)
def terms_page(
    request: Request, lang: PathLang, ctx: SigninDep, request_id: RequestId = ""
) -> Response:
    session = current_session(ctx, request)
    if session is None:
        return _not_signed_in(ctx, lang, request_id)
    account = ctx.store.account(session.email)
    if account is None or not ctx.terms.outdated(account.sub):
        return _carry_on(ctx, lang, request_id, session)  # accepted already: never shown again
    return _terms_form(ctx, request, lang, request_id)


@router.post("/{lang}/terms", response_model=None)
def accept_terms(
    request: Request,
    lang: PathLang,
    ctx: SigninDep,
    request_id: FormRequestId = "",
    accept: Annotated[str, Form()] = "",
    csrf_token: CsrfToken = "",
) -> Response:
    session = current_session(ctx, request)
    account = ctx.store.account(session.email) if session is not None else None
    if session is None or account is None:
        return _not_signed_in(ctx, lang, request_id)
    require_form_token(ctx, request, lang, csrf_token, session.email, terms_url(lang, request_id))
    if not ctx.terms.outdated(account.sub):
        return _carry_on(ctx, lang, request_id, session)
    if accept != "yes":
        return _terms_form(ctx, request, lang, request_id, 422, "terms.required")
    with ctx.store.db.transaction() as conn:
        version = ctx.terms.accept(account.sub, conn)
        ctx.events.record("terms_accepted", session.email, conn, version=version)
    return _carry_on(ctx, lang, request_id, session)


def _document(document: str) -> tuple[str, str]:
    if document not in DOCUMENTS:
        raise HTTPException(status_code=404)
    return DOCUMENTS[document]


# `/{lang}/terms/{document}` names one of the documents; anything else is a 404.
PathDocument = Annotated[tuple[str, str], Depends(_document)]


@router.get("/{lang}/terms/{document}")
def document_page(
    request: Request,
    lang: PathLang,
    document: PathDocument,
    ctx: SigninDep,
    request_id: RequestId = "",
) -> HTMLResponse:
    title, text = document
    return ctx.pages.render(
        request,
        "terms_document.html",
        lang,
        title=title,
        text=text,
        version=ctx.terms.current(),
        back_url=terms_url(lang, request_id),
    )
