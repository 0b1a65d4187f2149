"""Changing the S-login's email address from its account page, confirmed by a code (C14)."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stub_services.common.i18n import Lang
from stub_services.common.web import clear_host_cookie, require_lang, set_host_cookie
from stub_services.signin.codes import CODE_TTL, MailKind, Outcome
from stub_services.signin.context import Signin
from stub_services.signin.csrf import CsrfToken, check_form_token
from stub_services.signin.email_change import move_account
from stub_services.signin.journeys import session_email, sign_in_first
from stub_services.signin.limits import client_address
from stub_services.signin.mail import address_changed_mail, address_in_use_mail, code_mail
from stub_services.signin.pages import CODE_ERRORS, normalise_email

EMAIL_TX_COOKIE = "__Host-email_tx"
CHANGE_INTENT = "change_email"


def email_pages_router(ctx: Signin) -> APIRouter:
    router = APIRouter(tags=["email"])

    def send(message: EmailMessage, account: str) -> bool:
        try:
            ctx.send_mail(message)
        except (OSError, smtplib.SMTPException) as exc:
            ctx.events.record("mail_failed", account, error=type(exc).__name__)
            return False
        return True

    def email_form(
        request: Request, lang: Lang, status_code: int = 200, value: str = "", error: str = ""
    ) -> HTMLResponse:
        return ctx.pages.render(
            request,
            "email_change.html",
            lang,
            status_code,
            switch_to="/account/email",
            value=value,
            error=error or None,
            csrf_token=ctx.forms.token(request),
        )

    def confirm_form(
        request: Request, lang: Lang, status_code: int = 200, error: str = ""
    ) -> HTMLResponse:
        return ctx.pages.render(
            request,
            "email_confirm.html",
            lang,
            status_code,
            switch_to="/account/email/confirm",
            new_email=ctx.codes.new_email_of(request.cookies.get(EMAIL_TX_COOKIE)) or "",
            error=error or None,
            csrf_token=ctx.forms.token(request),
        )

    @router.get("/{lang}/account/email", response_model=None)
    def change_page(request: Request, lang: str) -> Response:
        lg = require_lang(lang)
        if session_email(ctx, request) is None:
            return sign_in_first(ctx, lg, f"/{lg}/account/email")
        return email_form(request, lg)

    @router.post("/{lang}/account/email", response_model=None)
    def submit_new_email(
        request: Request, lang: str, email: Annotated[str, Form()] = "", csrf_token: CsrfToken = ""
    ) -> Response:
        lg = require_lang(lang)
        account = session_email(ctx, request)
        if account is None:
            return sign_in_first(ctx, lg, f"/{lg}/account/email")
        retry = f"/{lg}/account/email"
        refused = check_form_token(ctx, request, lg, csrf_token, account, retry)
        if refused is not None:
            return refused
        new = normalise_email(email)
        if new is None:
            return email_form(request, lg, 422, email, "email.invalid")
        previous = request.cookies.get(EMAIL_TX_COOKIE)
        started = ctx.codes.start_email_change(previous, account, new, CHANGE_INTENT, lg)
        sender = ctx.settings.mail_from
        # Another S-login's address gets a notice instead of a code; the page is the same.
        if started.mail is MailKind.CODE:
            if not send(code_mail(lg, sender, new, started.code), account):
                ctx.codes.discard(started.token)
                return email_form(request, lg, 503, email, "email.send_failed")
            ctx.events.record("email_change_code_sent", account, to=new, lang=lg)
        elif started.mail is MailKind.ADDRESS_IN_USE and send(
            address_in_use_mail(lg, sender, new), account
        ):
            ctx.events.record("address_in_use_mail_sent", account, to=new, lang=lg)
        response = RedirectResponse(f"/{lg}/account/email/confirm", status_code=303)
        set_host_cookie(response, EMAIL_TX_COOKIE, started.token, int(CODE_TTL.total_seconds()))
        return response

    @router.get("/{lang}/account/email/confirm", response_model=None)
    def confirm_page(request: Request, lang: str) -> Response:
        lg = require_lang(lang)
        if session_email(ctx, request) is None:
            return sign_in_first(ctx, lg, f"/{lg}/account/email")
        return confirm_form(request, lg)

    @router.post("/{lang}/account/email/confirm", response_model=None)
    def confirm(
        request: Request, lang: str, code: Annotated[str, Form()] = "", csrf_token: CsrfToken = ""
    ) -> Response:
        lg = require_lang(lang)
        account = session_email(ctx, request)
        if account is None:
            return sign_in_first(ctx, lg, f"/{lg}/account/email")
        retry = f"/{lg}/account/email/confirm"
        refused = check_form_token(ctx, request, lg, csrf_token, account, retry)
        if refused is not None:
            return refused
        token = request.cookies.get(EMAIL_TX_COOKIE)
        checked = ctx.codes.check(
            token, code, frozenset({CHANGE_INTENT}), client=client_address(request)
        )
        # After the change, a replayed code names this account as its new address.
        mine = account in (checked.email, checked.new_email)
        if checked.outcome is Outcome.NO_TRANSACTION or not mine:
            return failure(request, lg, account, "no_transaction")
        if (
            checked.outcome is not Outcome.OK
            or checked.new_email is None
            or checked.email != account
        ):
            status, message = CODE_ERRORS.get(checked.outcome, (400, "code.wrong"))
            return confirm_form(request, lg, status, message)
        new = checked.new_email
        with ctx.store.db.transaction() as conn:
            moved = move_account(conn, account, new)
            if moved:
                ctx.events.record("email_changed", new, conn, previous=account)
        if not moved:  # the address was taken by another S-login after the code was sent
            return failure(request, lg, account, "address_taken")
        if send(address_changed_mail(lg, ctx.settings.mail_from, account), new):
            ctx.events.record("address_changed_mail_sent", account, to=account)
        response = RedirectResponse(f"/{lg}/account?email=changed", status_code=303)
        clear_host_cookie(response, EMAIL_TX_COOKIE)
        return response

    def failure(request: Request, lang: Lang, account: str, reason: str) -> HTMLResponse:
        """The AUTH-4376 page: this browser holds no live email-change transaction."""
        ctx.events.record("auth_4376", account, lang=lang, flow=CHANGE_INTENT, reason=reason)
        retry = f"/{lang}/account/email"
        response = ctx.pages.render(
            request, "failure.html", lang, 400, switch_to=retry[3:], retry_url=retry
        )
        clear_host_cookie(response, EMAIL_TX_COOKIE)
        return response

    return router
