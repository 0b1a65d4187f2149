"""The account site's context, kept on `app.state`: who is visiting, the way to sign-in and
back, rendering with the menu, and the pages for a refused form or an unreachable register."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse

from stub_services.common.events import EventLog
from stub_services.common.i18n import Lang
from stub_services.common.provider_metadata import OpenIdProvider
from stub_services.common.register_client import Register
from stub_services.common.settings import Settings
from stub_services.common.web import Pages
from stub_services.etukortti.csrf import CsrfTokens
from stub_services.etukortti.customer_data import CustomerData
from stub_services.etukortti.invitation_mail import Outbox
from stub_services.etukortti.store import SESSION_COOKIE, LocalAccount, Store

_MAX_NEXT_PATH = 512
# A path of this site: one "/" then no second "/" or "\" (which browsers read as "//", a
# host), and nothing a browser strips or that could split a header.
_SAME_SITE_PATH = re.compile(r"/(?![/\\])[^\\\s\x00-\x1f\x7f]*")


def same_site_path(value: str) -> str:
    """`value` when it is a path of this site to return to after sign-in, else ""."""
    if len(value) > _MAX_NEXT_PATH or not _SAME_SITE_PATH.fullmatch(value):
        return ""
    return value


@dataclass(frozen=True)
class Site:
    """The account site's collaborators, built once by create_app (see `deps`)."""

    settings: Settings
    pages: Pages
    store: Store
    events: EventLog
    register: Register
    csrf: CsrfTokens
    customers: CustomerData
    signin: OpenIdProvider  # the sign-in service: discovery, JWKS, token and userinfo
    outbox: Outbox  # the invitation mail's SMTP connection

    def visitor(self, request: Request) -> Visitor | None:
        session = request.cookies.get(SESSION_COOKIE) or ""
        account = self.store.session_account(session)
        return Visitor(session, account) if account else None

    @staticmethod
    def to_login(request: Request, lang: Lang, back_to: str | None = None) -> RedirectResponse:
        """Sign in first, then come back to the page asked for (or to `back_to`, for a form
        posted without a session: its page, since the POST cannot be replayed)."""
        path = back_to or request.url.path + (f"?{request.url.query}" if request.url.query else "")
        query = urlencode({"next": path}, safe="/")
        return RedirectResponse(f"/{lang}/login?{query}", status_code=303)

    def add_card_url(self, lang: Lang, back_to: str) -> str:
        """The sign-in service's card linking, returning to `back_to` (a path of this site)."""
        query = urlencode({"return": f"{self.settings.etukortti_public_url}{back_to}"})
        return f"{self.settings.signin_public_url}/{lang}/link-card?{query}"


@dataclass(frozen=True)
class Page:
    """A signed-in page being answered: the site, the request, its language, the visitor."""

    site: Site
    request: Request
    lang: Lang
    visitor: Visitor

    @property
    def account(self) -> LocalAccount:
        return self.visitor.account

    def render(
        self, name: str, status_code: int = 200, switch_to: str | None = None, **context: Any
    ) -> HTMLResponse:
        """The page with the menu and the visitor's CSRF token; `switch_to` as in
        `Pages.render`."""
        return self.site.pages.render(
            self.request,
            name,
            self.lang,
            status_code,
            switch_to,
            signed_in=True,
            csrf_token=self.site.csrf.token(self.visitor.session),
            **context,
        )

    def add_card_url(self, back_to: str) -> str:
        return self.site.add_card_url(self.lang, back_to)

    def unavailable(self, error: Exception) -> HTMLResponse:
        """The register could not be reached: a clear page (503), never a crash."""
        self.site.events.record("register_failed", self.account.email, error=str(error)[:120])
        return self.render("unavailable.html", 503)

    def csrf_refused(self, form: str, back: str, label: str) -> HTMLResponse:
        """403 for a form without this session's token; `back` re-opens the form."""
        self.site.events.record("csrf_refused", self.account.email, form=form)
        return self.render("csrf_refused.html", 403, back_href=back, back_label=label)


@dataclass(frozen=True)
class Visitor:
    """A signed-in browser: its session cookie (CSRF tokens are bound to it) and account."""

    session: str
    account: LocalAccount
