"""Changing the S-login's email address from its account page, confirmed by a code (C14)."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from typing import Annotated

from fastapi import APIRouter, Form
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from contract import cookies
from stub_services.common.email_address import normalise_email
from stub_services.common.web import clear_host_cookie
from stub_services.signin.codes import Checked, MailKind, Started, Transaction
from stub_services.signin.confirmation import ChannelSpec, ConfirmationFlow, add_routes
from stub_services.signin.context import Signin
from stub_services.signin.deps import CsrfChecked, LangPage, Page, SignedIn
from stub_services.signin.email_change import move_account
from stub_services.signin.intents import Intent
from stub_services.signin.limits import client_address
from stub_services.signin.mail import address_changed_mail, address_in_use_mail, code_mail

EMAIL_TX_COOKIE = cookies.EMAIL_TX
_CODE_PAGE_LABELS = ("emailchange.confirm_heading", "emailchange.confirm_intro", "email")

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

    spec = ChannelSpec(
        "email", EMAIL_TX_COOKIE, Intent.CHANGE_EMAIL, _CODE_PAGE_LABELS, "/account/email", True
    )

    def address_form(
        self, page: Page, status: int = 200, value: str = "", error: str = ""
    ) -> HTMLResponse:
        return page.render(
            "email_change.html",
            status,
            switch_to="/account/email",
            value=value,
            error=error or None,
            csrf_token=page.ctx.forms.token(page.request),
        )

    def parse(self, value: str) -> str | None:
        return normalise_email(value)

    def start(self, page: Page, account: str, to: str) -> Started:
        previous = page.request.cookies.get(EMAIL_TX_COOKIE)
        return page.ctx.codes.start_email_change(
            previous, account, to, self.spec.intent, page.lang, client=client_address(page.request)
        )

    def deliver(self, page: Page, account: str, to: str, started: Started) -> bool:
        ctx, lang = page.ctx, page.lang
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

    def finish(self, page: Page, account: str, to: str) -> Response:
        ctx = page.ctx
        with ctx.store.db.transaction() as conn:
            moved = move_account(conn, account, to)
            if moved:
                ctx.events.record("email_changed", to, conn, previous=account)
        if not moved:  # the address was taken by another S-login after the code was sent
            return EMAIL.failure(page, account, "address_taken")
        if _send(ctx, address_changed_mail(page.lang, ctx.settings.mail_from, account), to):
            ctx.events.record("address_changed_mail_sent", account, to=account)
        response = RedirectResponse(f"/{page.lang}/account?email=changed", status_code=303)
        clear_host_cookie(response, EMAIL_TX_COOKIE)
        return response


EMAIL = ConfirmationFlow(EmailChannel())


add_routes(router, EMAIL, "change_page")


@router.post("/{lang}/account/email", response_model=None)
def submit_new_email(
    page: LangPage, account: SignedIn, _: CsrfChecked, email: Annotated[str, Form()] = ""
) -> Response:
    return EMAIL.submit_address(page, account, email)
