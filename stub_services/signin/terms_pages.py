"""Updated terms of use and privacy notice: acceptance page, documents and control (C03)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from stub_services.common.i18n import Lang
from stub_services.common.web import require_lang
from stub_services.signin.context import Signin
from stub_services.signin.csrf import CsrfToken, check_form_token
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


def terms_pages_router(ctx: Signin) -> APIRouter:
    router = APIRouter(tags=["terms"])

    # Before the pages: "/_control/terms" would otherwise match "/{lang}/terms".
    @router.get("/_control/terms", tags=["control"])
    def current_terms() -> dict[str, str]:
        return {"version": ctx.terms.current()}

    @router.post("/_control/terms", tags=["control"])
    def publish_terms(body: Publish) -> dict[str, str]:
        return {"version": ctx.terms.publish(body.version)}

    def not_signed_in(lang: Lang, request_id: str) -> RedirectResponse:
        if ctx.store.request(request_id) is not None:
            return RedirectResponse(f"/{lang}/login?request={request_id}", status_code=303)
        return sign_in_first(ctx, lang, f"/{lang}/")

    def terms_form(
        request: Request, lang: Lang, request_id: str, status_code: int = 200, error: str = ""
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

    def carry_on(lang: Lang, request_id: str, session: Session) -> RedirectResponse:
        auth = ctx.store.request(request_id)
        return RedirectResponse(after_sign_in(ctx, auth, session, lang, "login"), 303)

    @router.get("/{lang}/terms", response_model=None)
    def terms_page(request: Request, lang: str, request_id: RequestId = "") -> Response:
        lg = require_lang(lang)
        session = current_session(ctx, request)
        if session is None:
            return not_signed_in(lg, request_id)
        account = ctx.store.account(session.email)
        if account is None or not ctx.terms.outdated(account.sub):
            return carry_on(lg, request_id, session)  # accepted already: never shown again
        return terms_form(request, lg, request_id)

    @router.post("/{lang}/terms", response_model=None)
    def accept_terms(
        request: Request,
        lang: str,
        request_id: FormRequestId = "",
        accept: Annotated[str, Form()] = "",
        csrf_token: CsrfToken = "",
    ) -> Response:
        lg = require_lang(lang)
        session = current_session(ctx, request)
        account = ctx.store.account(session.email) if session is not None else None
        if session is None or account is None:
            return not_signed_in(lg, request_id)
        retry = terms_url(lg, request_id)
        refused = check_form_token(ctx, request, lg, csrf_token, session.email, retry)
        if refused is not None:
            return refused
        if not ctx.terms.outdated(account.sub):
            return carry_on(lg, request_id, session)
        if accept != "yes":
            return terms_form(request, lg, request_id, 422, "terms.required")
        with ctx.store.db.transaction() as conn:
            version = ctx.terms.accept(account.sub, conn)
            ctx.events.record("terms_accepted", session.email, conn, version=version)
        return carry_on(lg, request_id, session)

    @router.get("/{lang}/terms/{document}")
    def document_page(
        request: Request, lang: str, document: str, request_id: RequestId = ""
    ) -> HTMLResponse:
        lg = require_lang(lang)
        if document not in DOCUMENTS:
            raise HTTPException(status_code=404)
        title, text = DOCUMENTS[document]
        return ctx.pages.render(
            request,
            "terms_document.html",
            lg,
            title=title,
            text=text,
            version=ctx.terms.current(),
            back_url=terms_url(lg, request_id),
        )

    return router
