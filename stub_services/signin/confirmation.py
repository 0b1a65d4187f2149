"""Confirming a new email address or a phone number of an S-login with a code sent to it:
one `ConfirmationFlow(channel)`, where the channel says what differs between the two."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Protocol

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stub_services.common.i18n import t
from stub_services.common.web import clear_host_cookie, set_host_cookie
from stub_services.signin.codes import CODE_TTL, Checked, Outcome, Started, Transaction
from stub_services.signin.deps import CsrfChecked, LangPage, Page, SignedIn, require_signed_in
from stub_services.signin.intents import Intent
from stub_services.signin.limits import client_address
from stub_services.signin.pages import CODE_ERRORS


@dataclass(frozen=True)
class ChannelSpec:
    """What one channel's pages and transactions are called."""

    # "email" or "phone": the pages are /{lang}/account/{name} and …/{name}/confirm, and
    # the address form's error labels are "{name}.invalid" and "{name}.send_failed".
    name: str
    cookie: str  # the __Host- cookie that binds the code transaction to this browser
    intent: Intent
    # The code page's heading and intro labels, and the intro's name for the address.
    labels: tuple[str, str, str]
    # Where a browser whose session ended carries on from the code page, once signed in
    # again (a path without the language).
    signed_out_then: str
    # Whether the AUTH-4376 page also forgets the transaction and records why (the email
    # change, which can fail for two reasons; a phone's code page keeps its cookie).
    ends_on_failure: bool


class Channel(Protocol):
    """What a code is sent to, and what confirming it changes."""

    @property
    def spec(self) -> ChannelSpec: ...

    def address_form(
        self, page: Page, status: int = 200, value: str = "", error: str = ""
    ) -> HTMLResponse:
        """The page that asks for the new address (again, with an error)."""
        ...

    def parse(self, value: str) -> str | None:
        """The typed address in canonical form, or None when it is not one."""
        ...

    def start(self, page: Page, account: str, to: str) -> Started:
        """A code transaction for `account` whose code goes to `to`."""
        ...

    def deliver(self, page: Page, account: str, to: str, started: Started) -> bool:
        """Send what `started` says; False (the transaction discarded) when it failed."""
        ...

    def sent_to(self, tx: Transaction | Checked) -> str | None:
        """Where the transaction's code went (the new address or the number)."""
        ...

    def belongs(self, checked: Checked, account: str) -> bool:
        """Whether the checked transaction is this account's (else AUTH-4376)."""
        ...

    def finish(self, page: Page, account: str, to: str) -> Response:
        """Apply the confirmed address and answer the browser."""
        ...


@dataclass(frozen=True)
class ConfirmationFlow:
    """The steps both channels share: the address form's submission, the code page, the
    code check and the AUTH-4376 page."""

    channel: Channel

    def submit_address(self, page: Page, account: str, value: str) -> Response:
        """Send a code to the typed address and go to the code page."""
        channel, spec = self.channel, self.channel.spec
        to = channel.parse(value)
        if to is None:
            return channel.address_form(page, 422, value, f"{spec.name}.invalid")
        started = channel.start(page, account, to)
        if not channel.deliver(page, account, to, started):
            return channel.address_form(page, 503, value, f"{spec.name}.send_failed")
        target = f"/{page.lang}/account/{spec.name}/confirm"
        response = RedirectResponse(target, status_code=303)
        set_host_cookie(response, spec.cookie, started.token, int(CODE_TTL.total_seconds()))
        return response

    def code_form(self, page: Page, status_code: int = 200, error: str = "") -> HTMLResponse:
        channel, spec = self.channel, self.channel.spec
        tx = page.ctx.codes.transaction(page.request.cookies.get(spec.cookie))
        to = (channel.sent_to(tx) if tx is not None else None) or ""
        heading, intro, placeholder = spec.labels
        return page.render(
            "confirm.html",
            status_code,
            switch_to=f"/account/{spec.name}/confirm",
            channel=spec.name,
            heading=heading,
            intro=t(page.lang, intro, **{placeholder: to}),
            error=error or None,
            csrf_token=page.ctx.forms.token(page.request),
        )

    def submit_code(self, page: Page, account: str, code: str) -> Response:
        """Check the code; a right one applies the address (`Channel.finish`)."""
        channel, spec = self.channel, self.channel.spec
        checked = page.ctx.codes.check(
            page.request.cookies.get(spec.cookie),
            code,
            frozenset({spec.intent}),
            client=client_address(page.request),
        )
        if checked.outcome is Outcome.NO_TRANSACTION or not channel.belongs(checked, account):
            return self.failure(page, account, "no_transaction")
        to = channel.sent_to(checked)
        if checked.outcome is not Outcome.OK or to is None or checked.email != account:
            status, message = CODE_ERRORS.get(checked.outcome, (400, "code.wrong"))
            return self.code_form(page, status, message)
        return channel.finish(page, account, to)

    def failure(self, page: Page, account: str, reason: str) -> HTMLResponse:
        """The AUTH-4376 page: this browser holds no live transaction of this account."""
        spec, lang = self.channel.spec, page.lang
        why = {"reason": reason} if spec.ends_on_failure else {}
        page.ctx.events.record("auth_4376", account, None, lang=lang, flow=spec.intent, **why)
        retry = f"/{lang}/account/{spec.name}"
        response = page.render("failure.html", 400, switch_to=retry[3:], retry_url=retry)
        if spec.ends_on_failure:
            clear_host_cookie(response, spec.cookie)
        return response


# The flows whose pages are served, by channel name (filled by add_routes).
_FLOWS: dict[str, ConfirmationFlow] = {}


def _flow(request: Request) -> ConfirmationFlow:
    return _FLOWS[request.url.path.split("/")[3]]  # /{lang}/account/{channel}[/confirm]


# `flow: ChannelFlow`: the flow whose page this is.
ChannelFlow = Annotated[ConfirmationFlow, Depends(_flow)]


def _signed_in_for_code(page: LangPage, flow: ChannelFlow) -> str:
    then = f"/{page.lang}{flow.channel.spec.signed_out_then}"
    return require_signed_in(page.ctx, page.request, page.lang, then)


SignedInForCode = Annotated[str, Depends(_signed_in_for_code)]


def address_page(page: LangPage, flow: ChannelFlow, _: SignedIn) -> Response:
    return flow.channel.address_form(page)


def confirm_page(page: LangPage, flow: ChannelFlow, _: SignedInForCode) -> Response:
    return flow.code_form(page)


def confirm(
    page: LangPage,
    flow: ChannelFlow,
    account: SignedInForCode,
    _: CsrfChecked,
    code: Annotated[str, Form()] = "",
) -> Response:
    return flow.submit_code(page, account, code)


def add_routes(router: APIRouter, flow: ConfirmationFlow, address_page_name: str) -> None:
    """Serve the flow's pages that are the same for every channel: the address form at
    /{lang}/account/{channel} (as `address_page_name`), the code page and its form at
    …/confirm. The address form's POST names its own field, so each channel has its own."""
    name = flow.channel.spec.name
    _FLOWS[name] = flow
    address = f"/{{lang}}/account/{name}"
    router.add_api_route(
        address, address_page, methods=["GET"], name=address_page_name, response_model=None
    )
    router.add_api_route(f"{address}/confirm", confirm_page, methods=["GET"], response_model=None)
    router.add_api_route(f"{address}/confirm", confirm, methods=["POST"], response_model=None)
