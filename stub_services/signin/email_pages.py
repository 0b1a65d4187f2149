"""Changing the S-login's email address from its account page, confirmed by a code (C14)."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stub_services.common.i18n import Lang
from stub_services.common.web import PathLang, clear_host_cookie
from stub_services.signin.codes import Checked, MailKind, Started, Transaction
from stub_services.signin.confirmation import ConfirmationFlow
from stub_services.signin.context import Signin, SigninDep
from stub_services.signin.deps import CsrfChecked, SignedIn, signed_in
from stub_services.signin.email_change import move_account
from stub_services.signin.intents import Intent
from stub_services.signin.mail import address_changed_mail, address_in_use_mail, code_mail
from stub_services.signin.pages import normalise_email

EMAIL_TX_COOKIE = "__Host-email_tx"

router = APIRouter(tags=["email"])


def _send(ctx: Signin, message: EmailMessage, account: str) -> bool:
    try:
        ctx.send_mail(message)
    except (OSError, smtplib.SMTPException) as exc:
        ctx.events.record("mail_failed", account, error=type(exc).__name__)
        return False
    return True


class EmailChannel:
    """A code to the new address; an address of another S-login only gets a notice."""

    name = "email"
    cookie = EMAIL_TX_COOKIE
    intent = Intent.CHANGE_EMAIL
    heading = "emailchange.confirm_heading"
    intro = "emailchange.confirm_intro"
    placeholder = "email"
    ends_on_failure = True

    def address_form(
        self,
        ctx: Signin,
        request: Request,
        lang: Lang,
        status_code: int = 200,
        value: str = "",
        error: str = "",
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

    def parse(self, value: str) -> str | None:
        return normalise_email(value)

    def start(self, ctx: Signin, request: Request, lang: Lang, account: str, to: str) -> Started:
        previous = request.cookies.get(EMAIL_TX_COOKIE)
        return ctx.codes.start_email_change(previous, account, to, self.intent, lang)

    def deliver(self, ctx: Signin, lang: Lang, account: str, to: str, started: Started) -> bool:
        sender = ctx.settings.mail_from
        # Another S-login's address gets a notice instead of a code; the page is the same.
        if started.mail is MailKind.CODE:
            if not _send(ctx, code_mail(lang, sender, to, started.code), account):
                ctx.codes.discard(started.token)
                return False
            ctx.events.record("email_change_code_sent", account, to=to, lang=lang)
        elif started.mail is MailKind.ADDRESS_IN_USE and _send(
            ctx, address_in_use_mail(lang, sender, to), account
        ):
            ctx.events.record("address_in_use_mail_sent", account, to=to, lang=lang)
        return True

    def sent_to(self, tx: Transaction | Checked) -> str | None:
        return tx.new_email

    def belongs(self, checked: Checked, account: str) -> bool:
        # After the change, a replayed code names this account as its new address.
        return account in (checked.email, checked.new_email)

    def finish(self, ctx: Signin, request: Request, lang: Lang, account: str, to: str) -> Response:
        with ctx.store.db.transaction() as conn:
            moved = move_account(conn, account, to)
            if moved:
                ctx.events.record("email_changed", to, conn, previous=account)
        if not moved:  # the address was taken by another S-login after the code was sent
            return EMAIL.failure(ctx, request, lang, account, "address_taken")
        if _send(ctx, address_changed_mail(lang, ctx.settings.mail_from, account), to):
            ctx.events.record("address_changed_mail_sent", account, to=account)
        response = RedirectResponse(f"/{lang}/account?email=changed", status_code=303)
        clear_host_cookie(response, EMAIL_TX_COOKIE)
        return response


EMAIL = ConfirmationFlow(EmailChannel())
# The code page of a browser that has no session any more starts the change again.
SignedInToChange = Annotated[str, signed_in("/account/email")]


@router.get("/{lang}/account/email", response_model=None)
def change_page(request: Request, lang: PathLang, ctx: SigninDep, _: SignedIn) -> Response:
    return EMAIL.channel.address_form(ctx, request, lang)


@router.post("/{lang}/account/email", response_model=None)
def submit_new_email(
    request: Request,
    lang: PathLang,
    ctx: SigninDep,
    account: SignedIn,
    _: CsrfChecked,
    email: Annotated[str, Form()] = "",
) -> Response:
    return EMAIL.submit_address(ctx, request, lang, account, email)


@router.get("/{lang}/account/email/confirm", response_model=None)
def confirm_page(request: Request, lang: PathLang, ctx: SigninDep, _: SignedInToChange) -> Response:
    return EMAIL.code_form(ctx, request, lang)


@router.post("/{lang}/account/email/confirm", response_model=None)
def confirm(
    request: Request,
    lang: PathLang,
    ctx: SigninDep,
    account: SignedInToChange,
    _: CsrfChecked,
    code: Annotated[str, Form()] = "",
) -> Response:
    return EMAIL.submit_code(ctx, request, lang, account, code)
