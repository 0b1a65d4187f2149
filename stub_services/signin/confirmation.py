"""Confirming a new email address or a phone number of an S-login with a code sent to it:
one `ConfirmationFlow(channel)`, where the channel says what differs between the two."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stub_services.common.i18n import Lang, t
from stub_services.common.web import clear_host_cookie, set_host_cookie
from stub_services.signin.codes import CODE_TTL, Checked, Outcome, Started, Transaction
from stub_services.signin.context import Signin
from stub_services.signin.intents import Intent
from stub_services.signin.limits import client_address
from stub_services.signin.pages import CODE_ERRORS


class Channel(Protocol):
    """What a code is sent to; its pages are /{lang}/account/{name} and …/{name}/confirm."""

    @property
    def name(self) -> str:
        """ "email" or "phone": the path segment and the prefix of the form's error labels."""
        ...

    @property
    def cookie(self) -> str:
        """The __Host- cookie that binds the code transaction to this browser."""
        ...

    @property
    def intent(self) -> Intent: ...

    @property
    def heading(self) -> str:
        """Label of the code page's heading; `intro` takes the address as `{placeholder}`."""
        ...

    @property
    def intro(self) -> str: ...

    @property
    def placeholder(self) -> str: ...

    @property
    def ends_on_failure(self) -> bool:
        """Whether the AUTH-4376 page also forgets the transaction and records why (the
        email change, which can fail for two reasons; a phone's page keeps its cookie)."""
        ...

    def address_form(
        self,
        ctx: Signin,
        request: Request,
        lang: Lang,
        status_code: int = 200,
        value: str = "",
        error: str = "",
    ) -> HTMLResponse:
        """The page that asks for the new address, again, with an error."""
        ...

    def parse(self, value: str) -> str | None:
        """The typed address in canonical form, or None when it is not one."""
        ...

    def start(self, ctx: Signin, request: Request, lang: Lang, account: str, to: str) -> Started:
        """A code transaction for `account` whose code goes to `to`."""
        ...

    def deliver(self, ctx: Signin, lang: Lang, account: str, to: str, started: Started) -> bool:
        """Send what `started` says; False (the transaction discarded) when it failed."""
        ...

    def sent_to(self, tx: Transaction | Checked) -> str | None:
        """Where the transaction's code went (the new address or the number)."""
        ...

    def belongs(self, checked: Checked, account: str) -> bool:
        """Whether the checked transaction is this account's (else AUTH-4376)."""
        ...

    def finish(self, ctx: Signin, request: Request, lang: Lang, account: str, to: str) -> Response:
        """Apply the confirmed address and answer the browser."""
        ...


@dataclass(frozen=True)
class ConfirmationFlow:
    """The steps both channels share: the address form's submission, the code page, the
    code check and the AUTH-4376 page."""

    channel: Channel

    def submit_address(
        self, ctx: Signin, request: Request, lang: Lang, account: str, value: str
    ) -> Response:
        """Send a code to the typed address and go to the code page."""
        channel = self.channel
        to = channel.parse(value)
        if to is None:
            return channel.address_form(ctx, request, lang, 422, value, f"{channel.name}.invalid")
        started = channel.start(ctx, request, lang, account, to)
        if not channel.deliver(ctx, lang, account, to, started):
            error = f"{channel.name}.send_failed"
            return channel.address_form(ctx, request, lang, 503, value, error)
        response = RedirectResponse(f"/{lang}/account/{channel.name}/confirm", status_code=303)
        set_host_cookie(response, channel.cookie, started.token, int(CODE_TTL.total_seconds()))
        return response

    def code_form(
        self, ctx: Signin, request: Request, lang: Lang, status_code: int = 200, error: str = ""
    ) -> HTMLResponse:
        channel = self.channel
        tx = ctx.codes.transaction(request.cookies.get(channel.cookie))
        to = (channel.sent_to(tx) if tx is not None else None) or ""
        return ctx.pages.render(
            request,
            "confirm.html",
            lang,
            status_code,
            switch_to=f"/account/{channel.name}/confirm",
            channel=channel.name,
            heading=channel.heading,
            intro=t(lang, channel.intro, **{channel.placeholder: to}),
            error=error or None,
            csrf_token=ctx.forms.token(request),
        )

    def submit_code(
        self, ctx: Signin, request: Request, lang: Lang, account: str, code: str
    ) -> Response:
        """Check the code; a right one applies the address (`Channel.finish`)."""
        channel = self.channel
        checked = ctx.codes.check(
            request.cookies.get(channel.cookie),
            code,
            frozenset({channel.intent}),
            client=client_address(request),
        )
        if checked.outcome is Outcome.NO_TRANSACTION or not channel.belongs(checked, account):
            return self.failure(ctx, request, lang, account, "no_transaction")
        to = channel.sent_to(checked)
        if checked.outcome is not Outcome.OK or to is None or checked.email != account:
            status, message = CODE_ERRORS.get(checked.outcome, (400, "code.wrong"))
            return self.code_form(ctx, request, lang, status, message)
        return channel.finish(ctx, request, lang, account, to)

    def failure(
        self, ctx: Signin, request: Request, lang: Lang, account: str, reason: str
    ) -> HTMLResponse:
        """The AUTH-4376 page: this browser holds no live transaction of this account."""
        channel = self.channel
        why = {"reason": reason} if channel.ends_on_failure else {}
        ctx.events.record("auth_4376", account, None, lang=lang, flow=channel.intent, **why)
        retry = f"/{lang}/account/{channel.name}"
        response = ctx.pages.render(
            request, "failure.html", lang, 400, switch_to=retry[3:], retry_url=retry
        )
        if channel.ends_on_failure:
            clear_host_cookie(response, channel.cookie)
        return response
