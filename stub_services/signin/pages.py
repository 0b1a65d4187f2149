"""Browser pages of the sign-in service: email form, code form, failure page and home."""

from __future__ import annotations

import smtplib
from typing import Annotated

from fastapi import APIRouter, Form, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stub_services.common.email_address import normalise_email
from stub_services.common.web import clear_host_cookie, set_host_cookie
from stub_services.signin.codes import CODE_TTL, TX_COOKIE, MailKind, Outcome, Started
from stub_services.signin.deps import LangPage, Page
from stub_services.signin.intents import Intent, Via
from stub_services.signin.journeys import after_sign_in, restart_url
from stub_services.signin.limits import client_address
from stub_services.signin.mail import code_mail, no_account_mail
from stub_services.signin.sso import browser_session_tokens, set_session_cookies
from stub_services.signin.store import SESSION_COOKIE, AuthRequest

RequestId = Annotated[str, Query(alias="request")]
FormRequestId = Annotated[str, Form(alias="request")]
FormText = Annotated[str, Form()]

CODE_ERRORS: dict[Outcome, tuple[int, str]] = {
    Outcome.WRONG: (400, "code.wrong"),
    Outcome.LOCKED: (429, "code.locked"),
    Outcome.EXPIRED: (400, "code.expired"),
    Outcome.USED: (400, "code.used"),
    Outcome.RATE_LIMITED: (429, "security.rate_limited"),
}


router = APIRouter(tags=["pages"])


def email_form(
    page: Page,
    intent: Intent,
    request_id: str,
    status_code: int = 200,
    value: str = "",
    error: str | None = None,
    advice: str | None = None,
) -> HTMLResponse:
    return page.render(
        "email.html",
        status_code,
        switch_to=f"/{intent.page}" + (f"?request={request_id}" if request_id else ""),
        page=intent.page,
        intent=intent.value,
        request_id=request_id,
        value=value,
        error=error,
        advice=advice,
    )


def code_form(
    page: Page,
    request_id: str,
    status_code: int = 200,
    error: str | None = None,
    via: Via = Via.EMAIL,
) -> HTMLResponse:
    auth = page.ctx.store.request(request_id)
    path = "login/sms" if via is Via.SMS else auth.intent.page if auth is not None else "login"
    new_code_url = f"/{page.lang}/{path}" + (f"?request={request_id}" if request_id else "")
    query = "&".join(
        p for p in (f"request={request_id}" if request_id else "", f"via={via}" if via else "") if p
    )
    return page.render(
        "code.html",
        status_code,
        switch_to="/login/code" + (f"?{query}" if query else ""),
        request_id=request_id,
        error=error,
        new_code_url=new_code_url,
        via=via.value,
    )


@router.get("/", include_in_schema=False)
def root() -> RedirectResponse:
    return RedirectResponse("/sv/", status_code=303)


@router.get("/{lang}/")
def home(page: LangPage) -> HTMLResponse:
    email = page.ctx.store.session_email(page.request.cookies.get(SESSION_COOKIE))
    # The service's own sign-out is a form with the session's token: one click, and a
    # link from another site still only reaches the confirmation page.
    token = page.ctx.forms.token(page.request) if email else ""
    return page.render("home.html", email=email, csrf_token=token)


@router.get("/{lang}/login")
def login_page(page: LangPage, request_id: RequestId = "") -> HTMLResponse:
    return email_form(page, Intent.LOGIN, request_id)


@router.get("/{lang}/register")
def register_page(page: LangPage, request_id: RequestId = "") -> HTMLResponse:
    return email_form(page, Intent.CREATE, request_id)


def _mail_code(page: Page, auth: AuthRequest, address: str, started: Started) -> Exception | None:
    """Send the code, or tell an unknown address it has no S-login; the error if it failed."""
    ctx, lang = page.ctx, page.lang
    sender, public = ctx.settings.mail_from, ctx.settings.signin_public_url
    if started.mail is MailKind.CODE:
        message = code_mail(lang, sender, address, started.code)
    else:
        register_url = f"{public}/{lang}/register?request={auth.id}"
        message = no_account_mail(lang, sender, address, register_url)
    try:
        ctx.send_mail(message)
    except (OSError, smtplib.SMTPException) as exc:
        return exc
    return None


@router.post("/{lang}/login/email", response_model=None)
def submit_email(
    page: LangPage, email: FormText = "", request_id: FormRequestId = "", intent: FormText = "login"
) -> Response:
    ctx, lang = page.ctx, page.lang
    wish = Intent.sign_in(intent)
    address = normalise_email(email)
    if address is None:
        return email_form(page, wish, request_id, 422, email, "email.invalid")
    auth = ctx.store.request(request_id)
    if auth is None:
        # A flow without an OIDC client still gets an ID, so the code is bound to it.
        auth = ctx.store.save_request(AuthRequest(lang=lang, intent=wish))
    previous = page.request.cookies.get(TX_COOKIE)
    client = client_address(page.request)
    started = ctx.codes.start(previous, auth.id, address, wish, lang, client=client)
    if started.mail is not None:
        failed = _mail_code(page, auth, address, started)
        if failed is not None:
            ctx.codes.discard(started.token)
            ctx.events.record("mail_failed", address, error=type(failed).__name__)
            errors = ("email.send_failed", "email.send_failed_advice")
            return email_form(page, wish, request_id, 503, email, *errors)
        kind = "code_sent" if started.mail is MailKind.CODE else "no_account_mail_sent"
        ctx.events.record(kind, address, intent=wish, lang=lang)
    response = RedirectResponse(f"/{lang}/login/code?request={auth.id}", status_code=303)
    set_host_cookie(response, TX_COOKIE, started.token, int(CODE_TTL.total_seconds()))
    return response


@router.get("/{lang}/login/code")
def code_page(page: LangPage, request_id: RequestId = "", via: str = "") -> HTMLResponse:
    return code_form(page, request_id, via=Via.of(via))


@router.post("/{lang}/login/code", response_model=None)
def submit_code(
    page: LangPage, code: FormText = "", request_id: FormRequestId = "", via: FormText = ""
) -> Response:
    ctx, request, lang = page.ctx, page.request, page.lang
    checked = ctx.codes.check(request.cookies.get(TX_COOKIE), code, client=client_address(request))
    if checked.outcome is Outcome.NO_TRANSACTION:
        email = ctx.codes.email_of_request(request_id)
        ctx.events.record("auth_4376", email, lang=lang)
        return page.render(
            "failure.html",
            400,
            switch_to="/login" + (f"?request={request_id}" if request_id else ""),
            retry_url=restart_url(ctx, lang, request_id),
        )
    if checked.outcome is not Outcome.OK:
        status, message = CODE_ERRORS[checked.outcome]
        request_id = checked.request_id or request_id
        return code_form(page, request_id, status, message, Via.of(via))
    email = checked.email or ""  # Outcome.OK always carries the address
    signed_in_lang = checked.lang or lang
    with ctx.store.db.transaction() as conn:
        if ctx.store.account(email, conn) is None:
            account = ctx.store.create_account(conn, email, signed_in_lang)
            ctx.terms.accept(account.sub, conn)  # a new S-login accepts the current terms
            ctx.events.record("account_created", email, conn, lang=signed_in_lang)
    token, session = ctx.store.start_session(email, browser_session_tokens(request))
    ctx.events.record("signed_in", email, intent=checked.intent)
    auth = ctx.store.request(checked.request_id or "")
    target = after_sign_in(ctx, auth, session, signed_in_lang, checked.intent)
    response = RedirectResponse(target, status_code=303)
    set_session_cookies(response, token)
    clear_host_cookie(response, TX_COOKIE)
    return response
