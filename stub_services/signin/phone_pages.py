"""The S-login's own account page, phone number confirmation and text-message sign-in."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stub_services.common.i18n import Lang, t
from stub_services.common.web import clear_host_cookie, require_lang, set_host_cookie
from stub_services.signin.codes import CODE_TTL, TX_COOKIE, MailKind, Outcome, Started
from stub_services.signin.context import Signin
from stub_services.signin.csrf import CsrfToken, check_form_token
from stub_services.signin.identifiers import finnish_mobile, masked_phone
from stub_services.signin.journeys import flow_query, session_email, sign_in_first
from stub_services.signin.limits import client_address
from stub_services.signin.pages import CODE_ERRORS, FormRequestId, RequestId
from stub_services.signin.sms_client import SmsUnavailable
from stub_services.signin.store import AuthRequest, new_request_id

PHONE_TX_COOKIE = "__Host-phone_tx"
CONFIRM_INTENT = "confirm_phone"


def code_text(lang: Lang, code: str) -> str:
    """The code stands alone on its own line, as in the email."""
    return "\n".join(
        [t(lang, "mail.code.intro"), code, t(lang, "mail.code.validity"), t(lang, "mail.signature")]
    )


def phone_pages_router(ctx: Signin) -> APIRouter:
    router = APIRouter(tags=["phone"])

    def send_code(started: Started, phone: str, lang: Lang, email: str | None) -> bool:
        """Text the code if there is one to send; False when the gateway did not take it."""
        if started.mail is not MailKind.CODE:
            return True
        try:
            ctx.sms.send(phone, code_text(lang, started.code))
        except SmsUnavailable as exc:
            ctx.codes.discard(started.token)
            ctx.events.record("sms_failed", email, error=str(exc)[:120])
            return False
        return True

    def phone_form(
        request: Request,
        lang: Lang,
        *,
        sign_in: bool,
        request_id: str = "",
        status_code: int = 200,
        value: str = "",
        error: str | None = None,
    ) -> HTMLResponse:
        if sign_in:
            texts = ("login.sms_link", "smslogin.intro", "login.submit", "banklogin.email_link")
            action, back = f"/{lang}/login/sms", f"/{lang}/login{flow_query(request_id)}"
            switch = "/login/sms" + flow_query(request_id)
        else:
            texts = ("account.add_phone", "phone.intro", "phone.submit", "phone.back")
            action, back, switch = f"/{lang}/account/phone", f"/{lang}/account", "/account/phone"
        heading, intro, submit, back_label = (t(lang, key) for key in texts)
        return ctx.pages.render(
            request,
            "phone.html",
            lang,
            status_code,
            switch_to=switch,
            heading=heading,
            intro=intro,
            submit=submit,
            action=action,
            back_url=back,
            back_label=back_label,
            request_id=request_id if sign_in else None,
            value=value,
            error=error,
            csrf_token="" if sign_in else ctx.forms.token(request),
        )

    # The account page and confirming a phone number -------------------------------------
    @router.get("/{lang}/account", response_model=None)
    def account(
        request: Request,
        lang: str,
        phone: str = "",
        changed: Annotated[str, Query(alias="email")] = "",
    ) -> Response:
        lg = require_lang(lang)
        email = session_email(ctx, request)
        if email is None:
            return sign_in_first(ctx, lg, f"/{lg}/account")
        return ctx.pages.render(
            request,
            "account.html",
            lg,
            switch_to="/account",
            email=email,
            phone=ctx.identity.phone_of(email),
            confirmed=phone == "confirmed",
            email_changed=changed == "changed",
        )

    @router.get("/{lang}/account/phone", response_model=None)
    def add_phone(request: Request, lang: str) -> Response:
        lg = require_lang(lang)
        if session_email(ctx, request) is None:
            return sign_in_first(ctx, lg, f"/{lg}/account/phone")
        return phone_form(request, lg, sign_in=False)

    @router.post("/{lang}/account/phone", response_model=None)
    def submit_phone(
        request: Request, lang: str, phone: Annotated[str, Form()] = "", csrf_token: CsrfToken = ""
    ) -> Response:
        lg = require_lang(lang)
        email = session_email(ctx, request)
        if email is None:
            return sign_in_first(ctx, lg, f"/{lg}/account/phone")
        refused = check_form_token(ctx, request, lg, csrf_token, email, f"/{lg}/account/phone")
        if refused is not None:
            return refused
        number = finnish_mobile(phone)
        if number is None:
            return phone_form(request, lg, sign_in=False, status_code=422, value=phone,
                              error="phone.invalid")  # fmt: skip
        previous = request.cookies.get(PHONE_TX_COOKIE)
        started = ctx.codes.start_phone(previous, "", email, number, CONFIRM_INTENT, lg)
        if not send_code(started, number, lg, email):
            return phone_form(request, lg, sign_in=False, status_code=503, value=phone,
                              error="phone.send_failed")  # fmt: skip
        if started.mail is MailKind.CODE:
            ctx.events.record("phone_code_sent", email, phone=masked_phone(number), lang=lg)
        response = RedirectResponse(f"/{lg}/account/phone/confirm", status_code=303)
        set_host_cookie(response, PHONE_TX_COOKIE, started.token, int(CODE_TTL.total_seconds()))
        return response

    def confirm_form(
        request: Request, lang: Lang, status_code: int = 200, error: str | None = None
    ) -> HTMLResponse:
        phone = ctx.codes.phone_of(request.cookies.get(PHONE_TX_COOKIE)) or ""
        return ctx.pages.render(
            request,
            "phone_confirm.html",
            lang,
            status_code,
            switch_to="/account/phone/confirm",
            phone=phone,
            error=error,
            csrf_token=ctx.forms.token(request),
        )

    @router.get("/{lang}/account/phone/confirm", response_model=None)
    def confirm_page(request: Request, lang: str) -> Response:
        lg = require_lang(lang)
        if session_email(ctx, request) is None:
            return sign_in_first(ctx, lg, f"/{lg}/account")
        return confirm_form(request, lg)

    @router.post("/{lang}/account/phone/confirm", response_model=None)
    def confirm(
        request: Request, lang: str, code: Annotated[str, Form()] = "", csrf_token: CsrfToken = ""
    ) -> Response:
        lg = require_lang(lang)
        email = session_email(ctx, request)
        if email is None:
            return sign_in_first(ctx, lg, f"/{lg}/account")
        retry = f"/{lg}/account/phone/confirm"
        refused = check_form_token(ctx, request, lg, csrf_token, email, retry)
        if refused is not None:
            return refused
        checked = ctx.codes.check(
            request.cookies.get(PHONE_TX_COOKIE),
            code,
            frozenset({CONFIRM_INTENT}),
            client=client_address(request),
        )
        if checked.outcome is Outcome.NO_TRANSACTION or checked.email != email:
            ctx.events.record("auth_4376", email, lang=lg, flow=CONFIRM_INTENT)
            retry = f"/{lg}/account/phone"
            return ctx.pages.render(
                request, "failure.html", lg, 400, switch_to=retry[3:], retry_url=retry
            )
        if checked.outcome is not Outcome.OK or checked.phone is None:
            status, message = CODE_ERRORS.get(checked.outcome, (400, "code.wrong"))
            return confirm_form(request, lg, status, message)
        ctx.identity.confirm_phone(email, checked.phone)
        ctx.events.record("phone_confirmed", email, phone=masked_phone(checked.phone))
        response = RedirectResponse(f"/{lg}/account?phone=confirmed", status_code=303)
        clear_host_cookie(response, PHONE_TX_COOKIE)
        return response

    # Text-message sign-in ---------------------------------------------------------------
    @router.get("/{lang}/login/sms")
    def sms_login_page(request: Request, lang: str, request_id: RequestId = "") -> HTMLResponse:
        return phone_form(request, require_lang(lang), sign_in=True, request_id=request_id)

    @router.post("/{lang}/login/sms", response_model=None)
    def submit_sms_login(
        request: Request,
        lang: str,
        phone: Annotated[str, Form()] = "",
        request_id: FormRequestId = "",
    ) -> Response:
        lg = require_lang(lang)
        number = finnish_mobile(phone)
        if number is None:
            return phone_form(request, lg, sign_in=True, request_id=request_id, status_code=422,
                              value=phone, error="phone.invalid")  # fmt: skip
        auth = ctx.store.request(request_id)
        if auth is None:
            auth = AuthRequest(new_request_id(), None, None, None, None, None, lg, "login")
            ctx.store.save_request(auth)
        # Only a confirmed number of an existing account gets a code; any other number gets
        # the very same answer, so the page tells nobody which numbers have an S-login.
        email = ctx.identity.account_of_phone(number)
        if email is not None and ctx.store.account(email) is None:
            email = None
        started = ctx.codes.start_phone(
            request.cookies.get(TX_COOKIE), auth.id, email, number, "login", lg
        )
        if not send_code(started, number, lg, email):
            return phone_form(request, lg, sign_in=True, request_id=request_id, status_code=503,
                              value=phone, error="phone.send_failed")  # fmt: skip
        if started.mail is MailKind.CODE:
            ctx.events.record("sms_code_sent", email, phone=masked_phone(number), lang=lg)
        target = f"/{lg}/login/code{flow_query(auth.id, via='sms')}"
        response = RedirectResponse(target, status_code=303)
        set_host_cookie(response, TX_COOKIE, started.token, int(CODE_TTL.total_seconds()))
        return response

    return router
