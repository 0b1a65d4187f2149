"""The S-login's own account page, phone number confirmation and text-message sign-in."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from contract import cookies
from stub_services.common.i18n import Lang, t
from stub_services.common.web import clear_host_cookie, set_host_cookie
from stub_services.signin.codes import CODE_TTL, TX_COOKIE, Checked, MailKind, Started, Transaction
from stub_services.signin.confirmation import ChannelSpec, ConfirmationFlow, add_routes
from stub_services.signin.context import Signin
from stub_services.signin.deps import CsrfChecked, LangPage, Page, SignedIn
from stub_services.signin.identifiers import finnish_mobile, masked_phone
from stub_services.signin.intents import Intent, Via
from stub_services.signin.journeys import flow_query
from stub_services.signin.limits import client_address
from stub_services.signin.pages import FormRequestId, RequestId
from stub_services.signin.sms_client import SmsUnavailable
from stub_services.signin.store import AuthRequest

PHONE_TX_COOKIE = cookies.PHONE_TX
_CODE_PAGE_LABELS = ("phone.confirm_heading", "phone.confirm_intro", "phone")
# The address form's errors, which confirmation.py names as f"{spec.name}.invalid" and
# f"{spec.name}.send_failed" (text-message sign-in itself never waits for the gateway).
_ADDRESS_ERRORS = ("phone.invalid", "phone.send_failed")

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
    page: Page,
    *,
    sign_in: bool,
    request_id: str = "",
    status_code: int = 200,
    value: str = "",
    error: str | None = None,
) -> HTMLResponse:
    """The number form: of text-message sign-in, or of the account page (`sign_in=False`)."""
    lang = page.lang
    if sign_in:
        texts = ("login.sms_link", "smslogin.intro", "login.submit", "banklogin.email_link")
        action, back = f"/{lang}/login/sms", f"/{lang}/login{flow_query(request_id)}"
        switch = "/login/sms" + flow_query(request_id)
    else:
        texts = ("account.add_phone", "phone.intro", "phone.submit", "phone.back")
        action, back, switch = f"/{lang}/account/phone", f"/{lang}/account", "/account/phone"
    heading, intro, submit, back_label = (t(lang, key) for key in texts)
    return page.render(
        "phone.html",
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
        csrf_token="" if sign_in else page.ctx.forms.token(page.request),
    )


class PhoneChannel:
    """A code by text message to a Finnish mobile number, confirming it for the S-login."""

    spec = ChannelSpec(
        "phone", PHONE_TX_COOKIE, Intent.CONFIRM_PHONE, _CODE_PAGE_LABELS, "/account", False
    )

    def parse(self, value: str) -> str | None:
        return finnish_mobile(value)

    def address_form(
        self, page: Page, status: int = 200, value: str = "", error: str = ""
    ) -> HTMLResponse:
        return phone_form(page, sign_in=False, status_code=status, value=value, error=error or None)

    def start(self, page: Page, account: str, to: str) -> Started:
        previous = page.request.cookies.get(PHONE_TX_COOKIE)
        return page.ctx.codes.start_phone(
            previous, "", account, to, self.spec.intent, page.lang,
            client=client_address(page.request),
        )  # fmt: skip

    def deliver(self, page: Page, account: str, to: str, started: Started) -> bool:
        if not send_code(page.ctx, started, to, page.lang, account):
            return False
        if started.mail is MailKind.CODE:
            phone = masked_phone(to)
            page.ctx.events.record("phone_code_sent", account, phone=phone, lang=page.lang)
        return True

    def sent_to(self, tx: Transaction | Checked) -> str | None:
        return tx.phone

    def belongs(self, checked: Checked, account: str) -> bool:
        return checked.email == account

    def finish(self, page: Page, account: str, to: str) -> Response:
        page.ctx.identity.confirm_phone(account, to)
        page.ctx.events.record("phone_confirmed", account, phone=masked_phone(to))
        response = RedirectResponse(f"/{page.lang}/account?phone=confirmed", status_code=303)
        clear_host_cookie(response, PHONE_TX_COOKIE)
        return response


PHONE = ConfirmationFlow(PhoneChannel())


# The account page and confirming a phone number -------------------------------------
@router.get("/{lang}/account", response_model=None)
def account(
    page: LangPage,
    email: SignedIn,
    phone: str = "",
    changed: Annotated[str, Query(alias="email")] = "",
) -> Response:
    return page.render(
        "account.html",
        switch_to="/account",
        email=email,
        phone=page.ctx.identity.phone_of(email),
        confirmed=phone == "confirmed",
        email_changed=changed == "changed",
        csrf_token=page.ctx.forms.token(page.request),
    )


add_routes(router, PHONE, "add_phone")


@router.post("/{lang}/account/phone", response_model=None)
def submit_phone(
    page: LangPage, email: SignedIn, _: CsrfChecked, phone: Annotated[str, Form()] = ""
) -> Response:
    return PHONE.submit_address(page, email, phone)


# Text-message sign-in ---------------------------------------------------------------
def _text_sign_in_code(
    ctx: Signin, started: Started, number: str, lang: Lang, email: str | None
) -> None:
    if send_code(ctx, started, number, lang, email):
        ctx.events.record("sms_code_sent", email, phone=masked_phone(number), lang=lang)


@router.get("/{lang}/login/sms")
def sms_login_page(page: LangPage, request_id: RequestId = "") -> HTMLResponse:
    return phone_form(page, sign_in=True, request_id=request_id)


@router.post("/{lang}/login/sms", response_model=None)
def submit_sms_login(
    page: LangPage, phone: Annotated[str, Form()] = "", request_id: FormRequestId = ""
) -> Response:
    ctx, request, lang = page.ctx, page.request, page.lang
    number = finnish_mobile(phone)
    if number is None:
        return phone_form(page, sign_in=True, request_id=request_id, status_code=422,
                          value=phone, error="phone.invalid")  # fmt: skip
    auth = ctx.store.request(request_id)
    if auth is None:
        auth = ctx.store.save_request(AuthRequest(lang=lang, intent=Intent.LOGIN))
    # Only a confirmed number of an existing account gets a code; any other number gets
    # the very same answer, so the page tells nobody which numbers have an S-login.
    email = ctx.identity.account_of_phone(number)
    if email is not None and ctx.store.account(email) is None:
        email = None
    started = ctx.codes.start_phone(
        request.cookies.get(TX_COOKIE), auth.id, email, number, Intent.LOGIN, lang,
        client=client_address(request),
    )  # fmt: skip
    if started.mail is MailKind.CODE:
        # Sent after the answer: known and unknown numbers are answered equally fast.
        # A gateway failure only shows in the event log (telling the browser would tell it
        # that the number has an S-login); the customer can ask again.
        ctx.run_later(lambda: _text_sign_in_code(ctx, started, number, lang, email))
    target = f"/{lang}/login/code{flow_query(auth.id, via=Via.SMS)}"
    response = RedirectResponse(target, status_code=303)
    set_host_cookie(response, TX_COOKIE, started.token, int(CODE_TTL.total_seconds()))
    return response
