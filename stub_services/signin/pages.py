"""Browser pages of the sign-in service: email form, code form, failure page and home."""

from __future__ import annotations

import smtplib
from typing import Annotated

from email_validator import EmailNotValidError, validate_email
from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stub_services.common.i18n import Lang
from stub_services.common.web import clear_host_cookie, require_lang, set_host_cookie
from stub_services.signin.codes import CODE_TTL, TX_COOKIE, MailKind, Outcome
from stub_services.signin.context import Signin
from stub_services.signin.journeys import after_sign_in, restart_url
from stub_services.signin.limits import client_address
from stub_services.signin.mail import code_mail, no_account_mail
from stub_services.signin.sso import browser_session_tokens, set_session_cookies
from stub_services.signin.store import SESSION_COOKIE, AuthRequest, new_request_id

RequestId = Annotated[str, Query(alias="request")]
FormRequestId = Annotated[str, Form(alias="request")]

CODE_ERRORS: dict[Outcome, tuple[int, str]] = {
    Outcome.WRONG: (400, "code.wrong"),
    Outcome.LOCKED: (429, "code.locked"),
    Outcome.EXPIRED: (400, "code.expired"),
    Outcome.USED: (400, "code.used"),
    Outcome.RATE_LIMITED: (429, "security.rate_limited"),
}


def normalise_email(value: str) -> str | None:
    """The address in canonical lower-case form, or None when it is malformed."""
    try:
        # test_environment allows the reserved .test domain the stub world lives in.
        checked = validate_email(value.strip(), check_deliverability=False, test_environment=True)
    except EmailNotValidError:
        return None
    return checked.normalized.lower()


def pages_router(ctx: Signin) -> APIRouter:
    router = APIRouter(tags=["pages"])

    def email_form(
        request: Request,
        lang: Lang,
        intent: str,
        request_id: str,
        status_code: int = 200,
        value: str = "",
        error: str | None = None,
        advice: str | None = None,
    ) -> HTMLResponse:
        page = "register" if intent == "create" else "login"
        return ctx.pages.render(
            request,
            "email.html",
            lang,
            status_code,
            switch_to=f"/{page}" + (f"?request={request_id}" if request_id else ""),
            page=page,
            intent=intent,
            request_id=request_id,
            value=value,
            error=error,
            advice=advice,
        )

    def code_form(
        request: Request,
        lang: Lang,
        request_id: str,
        status_code: int = 200,
        error: str | None = None,
        via: str = "",
    ) -> HTMLResponse:
        auth = ctx.store.request(request_id)
        page = "register" if auth is not None and auth.intent == "create" else "login"
        via = "sms" if via == "sms" else ""
        if via:
            page = "login/sms"
        new_code_url = f"/{lang}/{page}" + (f"?request={request_id}" if request_id else "")
        query = "&".join(
            p
            for p in (f"request={request_id}" if request_id else "", f"via={via}" if via else "")
            if p
        )
        return ctx.pages.render(
            request,
            "code.html",
            lang,
            status_code,
            switch_to="/login/code" + (f"?{query}" if query else ""),
            request_id=request_id,
            error=error,
            new_code_url=new_code_url,
            via=via,
        )

    @router.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/sv/", status_code=303)

    @router.get("/{lang}/")
    def home(request: Request, lang: str) -> HTMLResponse:
        lg = require_lang(lang)
        email = ctx.store.session_email(request.cookies.get(SESSION_COOKIE))
        return ctx.pages.render(request, "home.html", lg, email=email)

    @router.get("/{lang}/login")
    def login_page(request: Request, lang: str, request_id: RequestId = "") -> HTMLResponse:
        return email_form(request, require_lang(lang), "login", request_id)

    @router.get("/{lang}/register")
    def register_page(request: Request, lang: str, request_id: RequestId = "") -> HTMLResponse:
        return email_form(request, require_lang(lang), "create", request_id)

    @router.post("/{lang}/login/email", response_model=None)
    def submit_email(
        request: Request,
        lang: str,
        email: Annotated[str, Form()] = "",
        request_id: FormRequestId = "",
        intent: Annotated[str, Form()] = "login",
    ) -> Response:
        lg = require_lang(lang)
        intent = "create" if intent == "create" else "login"
        address = normalise_email(email)
        if address is None:
            return email_form(request, lg, intent, request_id, 422, email, "email.invalid")
        auth = ctx.store.request(request_id)
        if auth is None:
            # A flow without an OIDC client still gets an ID, so the code is bound to it.
            auth = AuthRequest(new_request_id(), None, None, None, None, None, lg, intent)
            ctx.store.save_request(auth)
        started = ctx.codes.start(request.cookies.get(TX_COOKIE), auth.id, address, intent, lg)
        if started.mail is not None:
            sender, public = ctx.settings.mail_from, ctx.settings.signin_public_url
            if started.mail is MailKind.CODE:
                message = code_mail(lg, sender, address, started.code)
            else:
                register_url = f"{public}/{lg}/register?request={auth.id}"
                message = no_account_mail(lg, sender, address, register_url)
            try:
                ctx.send_mail(message)
            except (OSError, smtplib.SMTPException) as exc:
                ctx.codes.discard(started.token)
                ctx.events.record("mail_failed", address, error=type(exc).__name__)
                return email_form(
                    request,
                    lg,
                    intent,
                    request_id,
                    503,
                    email,
                    "email.send_failed",
                    "email.send_failed_advice",
                )
            kind = "code_sent" if started.mail is MailKind.CODE else "no_account_mail_sent"
            ctx.events.record(kind, address, intent=intent, lang=lg)
        response = RedirectResponse(f"/{lg}/login/code?request={auth.id}", status_code=303)
        set_host_cookie(response, TX_COOKIE, started.token, int(CODE_TTL.total_seconds()))
        return response

    @router.get("/{lang}/login/code")
    def code_page(
        request: Request, lang: str, request_id: RequestId = "", via: str = ""
    ) -> HTMLResponse:
        return code_form(request, require_lang(lang), request_id, via=via)

    @router.post("/{lang}/login/code", response_model=None)
    def submit_code(
        request: Request,
        lang: str,
        code: Annotated[str, Form()] = "",
        request_id: FormRequestId = "",
        via: Annotated[str, Form()] = "",
    ) -> Response:
        lg = require_lang(lang)
        checked = ctx.codes.check(
            request.cookies.get(TX_COOKIE), code, client=client_address(request)
        )
        if checked.outcome is Outcome.NO_TRANSACTION:
            email = ctx.codes.email_of_request(request_id)
            ctx.events.record("auth_4376", email, lang=lg)
            here = "/login" + (f"?request={request_id}" if request_id else "")
            return ctx.pages.render(
                request,
                "failure.html",
                lg,
                400,
                switch_to=here,
                retry_url=restart_url(ctx, lg, request_id),
            )
        if checked.outcome is not Outcome.OK:
            status, message = CODE_ERRORS[checked.outcome]
            return code_form(request, lg, checked.request_id or request_id, status, message, via)
        email = checked.email or ""  # Outcome.OK always carries the address
        with ctx.store.db.transaction() as conn:
            if ctx.store.account(email, conn) is None:
                account = ctx.store.create_account(conn, email, checked.lang or lg)
                ctx.terms.accept(account.sub, conn)  # a new S-login accepts the current terms
                ctx.events.record("account_created", email, conn, lang=checked.lang or lg)
        token, session = ctx.store.start_session(email, browser_session_tokens(request))
        ctx.events.record("signed_in", email, intent=checked.intent)
        auth = ctx.store.request(checked.request_id or "")
        target = after_sign_in(ctx, auth, session, checked.lang or lg, checked.intent)
        response = RedirectResponse(target, status_code=303)
        set_session_cookies(response, token)
        clear_host_cookie(response, TX_COOKIE)
        return response

    return router
