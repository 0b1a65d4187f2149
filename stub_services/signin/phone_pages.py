"""The S-login's own account page, phone number confirmation and text-message sign-in."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stub_services.common.i18n import Lang, t
from stub_services.common.web import PathLang, clear_host_cookie, set_host_cookie
from stub_services.signin.codes import CODE_TTL, TX_COOKIE, Checked, MailKind, Started, Transaction
from stub_services.signin.confirmation import ConfirmationFlow
from stub_services.signin.context import Signin, SigninDep
from stub_services.signin.deps import CsrfChecked, SignedIn, signed_in
from stub_services.signin.identifiers import finnish_mobile, masked_phone
from stub_services.signin.intents import Intent, Via
from stub_services.signin.journeys import flow_query
from stub_services.signin.pages import FormRequestId, RequestId
from stub_services.signin.sms_client import SmsUnavailable
from stub_services.signin.store import AuthRequest

PHONE_TX_COOKIE = "__Host-phone_tx"

router = APIRouter(tags=["phone"])


def code_text(lang: Lang, code: str) -> str:
    """The code stands alone on its own line, as in the email."""
    return "\n".join(
        [t(lang, "mail.code.intro"), code, t(lang, "mail.code.validity"), t(lang, "mail.signature")]
    )


def send_code(ctx: Signin, started: Started, phone: str, lang: Lang, email: str | None) -> bool:
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
    ctx: Signin,
    request: Request,
    lang: Lang,
    *,
    sign_in: bool,
    request_id: str = "",
    status_code: int = 200,
    value: str = "",
    error: str | None = None,
) -> HTMLResponse:
    """The number form: of text-message sign-in, or of the account page (`sign_in=False`)."""
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


class PhoneChannel:
    """A code by text message to a Finnish mobile number, confirming it for the S-login."""

    name = "phone"
    cookie = PHONE_TX_COOKIE
    intent = Intent.CONFIRM_PHONE
    heading = "phone.confirm_heading"
    intro = "phone.confirm_intro"
    placeholder = "phone"
    ends_on_failure = False

    def address_form(
        self,
        ctx: Signin,
        request: Request,
        lang: Lang,
        status_code: int = 200,
        value: str = "",
        error: str = "",
    ) -> HTMLResponse:
        return phone_form(
            ctx, request, lang, sign_in=False, status_code=status_code, value=value,
            error=error or None,
        )  # fmt: skip

    def parse(self, value: str) -> str | None:
        return finnish_mobile(value)

    def start(self, ctx: Signin, request: Request, lang: Lang, account: str, to: str) -> Started:
        previous = request.cookies.get(PHONE_TX_COOKIE)
        return ctx.codes.start_phone(previous, "", account, to, self.intent, lang)

    def deliver(self, ctx: Signin, lang: Lang, account: str, to: str, started: Started) -> bool:
        if not send_code(ctx, started, to, lang, account):
            return False
        if started.mail is MailKind.CODE:
            ctx.events.record("phone_code_sent", account, phone=masked_phone(to), lang=lang)
        return True

    def sent_to(self, tx: Transaction | Checked) -> str | None:
        return tx.phone

    def belongs(self, checked: Checked, account: str) -> bool:
        return checked.email == account

    def finish(self, ctx: Signin, request: Request, lang: Lang, account: str, to: str) -> Response:
        ctx.identity.confirm_phone(account, to)
        ctx.events.record("phone_confirmed", account, phone=masked_phone(to))
        response = RedirectResponse(f"/{lang}/account?phone=confirmed", status_code=303)
        clear_host_cookie(response, PHONE_TX_COOKIE)
        return response


PHONE = ConfirmationFlow(PhoneChannel())
# The code page of a browser that has no session any more leads to the account page.
SignedInToAccount = Annotated[str, signed_in("/account")]


# The account page and confirming a phone number -------------------------------------
@router.get("/{lang}/account", response_model=None)
def account(
    request: Request,
    lang: PathLang,
    ctx: SigninDep,
    email: SignedIn,
    phone: str = "",
    changed: Annotated[str, Query(alias="email")] = "",
) -> Response:
    return ctx.pages.render(
        request,
        "account.html",
        lang,
        switch_to="/account",
        email=email,
        phone=ctx.identity.phone_of(email),
        confirmed=phone == "confirmed",
        email_changed=changed == "changed",
    )


@router.get("/{lang}/account/phone", response_model=None)
def add_phone(request: Request, lang: PathLang, ctx: SigninDep, _: SignedIn) -> Response:
    return PHONE.channel.address_form(ctx, request, lang)


@router.post("/{lang}/account/phone", response_model=None)
def submit_phone(
    request: Request,
    lang: PathLang,
    ctx: SigninDep,
    email: SignedIn,
    _: CsrfChecked,
    phone: Annotated[str, Form()] = "",
) -> Response:
    return PHONE.submit_address(ctx, request, lang, email, phone)


@router.get("/{lang}/account/phone/confirm", response_model=None)
def confirm_page(
    request: Request, lang: PathLang, ctx: SigninDep, _: SignedInToAccount
) -> Response:
    return PHONE.code_form(ctx, request, lang)


@router.post("/{lang}/account/phone/confirm", response_model=None)
def confirm(
    request: Request,
    lang: PathLang,
    ctx: SigninDep,
    email: SignedInToAccount,
    _: CsrfChecked,
    code: Annotated[str, Form()] = "",
) -> Response:
    return PHONE.submit_code(ctx, request, lang, email, code)


# Text-message sign-in ---------------------------------------------------------------
@router.get("/{lang}/login/sms")
def sms_login_page(
    request: Request, lang: PathLang, ctx: SigninDep, request_id: RequestId = ""
) -> HTMLResponse:
    return phone_form(ctx, request, lang, sign_in=True, request_id=request_id)


@router.post("/{lang}/login/sms", response_model=None)
def submit_sms_login(
    request: Request,
    lang: PathLang,
    ctx: SigninDep,
    phone: Annotated[str, Form()] = "",
    request_id: FormRequestId = "",
) -> Response:
    number = finnish_mobile(phone)
    if number is None:
        return phone_form(ctx, request, lang, sign_in=True, request_id=request_id,
                          status_code=422, value=phone, error="phone.invalid")  # fmt: skip
    auth = ctx.store.request(request_id)
    if auth is None:
        auth = ctx.store.save_request(AuthRequest(lang=lang, intent=Intent.LOGIN))
    # Only a confirmed number of an existing account gets a code; any other number gets
    # the very same answer, so the page tells nobody which numbers have an S-login.
    email = ctx.identity.account_of_phone(number)
    if email is not None and ctx.store.account(email) is None:
        email = None
    started = ctx.codes.start_phone(
        request.cookies.get(TX_COOKIE), auth.id, email, number, Intent.LOGIN, lang
    )
    if not send_code(ctx, started, number, lang, email):
        return phone_form(ctx, request, lang, sign_in=True, request_id=request_id,
                          status_code=503, value=phone, error="phone.send_failed")  # fmt: skip
    if started.mail is MailKind.CODE:
        ctx.events.record("sms_code_sent", email, phone=masked_phone(number), lang=lang)
    target = f"/{lang}/login/code{flow_query(auth.id, via=Via.SMS)}"
    response = RedirectResponse(target, status_code=303)
    set_host_cookie(response, TX_COOKIE, started.token, int(CODE_TTL.total_seconds()))
    return response
