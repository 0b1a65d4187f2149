"""The shops' context, kept on `app.state`, and the page chrome every storefront page
shares: the shop from Host, the session, the CSRF token, the silent check."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from contract import cookies
from contract.outcomes import SsoCheck
from stub_services.common.clock import Clock
from stub_services.common.events import EventLog
from stub_services.common.i18n import Lang, t
from stub_services.common.openapi_docs import Responses, json_errors, merged, pages
from stub_services.common.provider_metadata import OpenIdProvider
from stub_services.common.register_client import RegisterError, ShopRegister, mask_card
from stub_services.common.settings import Settings
from stub_services.common.web import Pages, set_host_cookie
from stub_services.shops.catalogue import STOREFRONTS, Storefront, euros
from stub_services.shops.store import ShopSession, Store

SESSION_COOKIE = cookies.SHOP_SESSION
LOGIN_COOKIE = cookies.SHOP_LOGIN
SSO_COOKIE = cookies.SHOP_SSO
CSRF_COOKIE = cookies.SHOP_CSRF
CHECKED_COOKIE = cookies.SHOP_SSO_CHECKED
PENDING_SECONDS = 600
CHECK_INTERVAL_SECONDS = 300
TEMPLATES = Path(__file__).parent / "templates"

# A same-site page to return to after signing in: /{lang}/ and simple paths below it.
_RETURN_PATH = re.compile(r"^/(sv|fi|en)/[A-Za-z0-9/_-]{0,80}$")
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


@dataclass(frozen=True)
class CardState:
    """The linked card as the register tells it now; `known` is False when it is down."""

    masked: str | None
    known: bool


def shop_pages(*codes: int) -> Responses:
    """`responses=` of a storefront route: `codes` as `openapi_docs.pages` does, and a 404
    that is a page in the shop's chrome, or FastAPI's JSON for a Host that is no shop."""
    return merged(pages(*codes, 404), json_errors(404))


def safe_return(path: str | None, lang: Lang) -> str:
    """Only a path of this site's own pages; anything else returns to the front page."""
    return path if path and _RETURN_PATH.fullmatch(path) else f"/{lang}/"


def set_none_cookie(response: Response, name: str, value: str, max_age: int) -> None:
    """A __Host- cookie sent in the silent check's iframe even after the cross-site
    redirect through the sign-in service (Lax cookies are withheld there by some browsers)."""
    response.set_cookie(
        name, value, max_age=max_age, path="/", secure=True, httponly=True, samesite="none"
    )


def clear_none_cookie(response: Response, name: str) -> None:
    response.delete_cookie(name, path="/", secure=True, httponly=True, samesite="none")


@dataclass(frozen=True)
class Shops:
    settings: Settings
    store: Store
    clock: Clock
    events: EventLog
    provider: OpenIdProvider  # the sign-in service: discovery, JWKS and token
    register: ShopRegister
    pages: dict[str, Pages]

    @staticmethod
    def create_pages() -> dict[str, Pages]:
        return {
            name: Pages(TEMPLATES, shop.name_key, f"shop shop-{name}")
            for name, shop in STOREFRONTS.items()
        }

    def storefront(self, request: Request) -> Storefront:
        """The shop named by the Host header; any other host is a 404."""
        name = self.settings.shop_of_host(request.headers.get("host", ""))
        shop = STOREFRONTS.get(name or "")
        if shop is None:
            raise HTTPException(status_code=404)
        return shop

    def url(self, shop: Storefront) -> str:
        return self.settings.shop_public_urls[shop.name]

    def session(self, request: Request, shop: Storefront) -> ShopSession | None:
        return self.store.session(request.cookies.get(SESSION_COOKIE), shop.name)

    def card(self, sub: str) -> CardState:
        """Asked at every page view, so a card linked a moment ago shows at once."""
        try:
            card = self.register.linked_card(sub)
        except RegisterError as exc:
            self.events.record("register_failed", None, error=str(exc)[:120])
            return CardState(None, False)
        return CardState(mask_card(card) if card else None, True)

    def recently_checked(self, request: Request) -> bool:
        """Whether the silent check ran in this browser within five minutes (service clock,
        so tests can move past it)."""
        value = request.cookies.get(CHECKED_COOKIE, "")
        if not value.isdigit():
            return False
        age = self.clock.now().timestamp() - int(value)
        return 0 <= age < CHECK_INTERVAL_SECONDS

    def mark_checked(self, response: Response) -> None:
        stamp = str(int(self.clock.now().timestamp()))
        set_host_cookie(response, CHECKED_COOKIE, stamp, CHECK_INTERVAL_SECONDS)

    def render(
        self,
        request: Request,
        shop: Storefront,
        name: str,
        lang: Lang,
        *,
        session: ShopSession | None,
        status_code: int = 200,
        silent_check: bool = True,
        reload_to: str | None = None,
        switch_to: str | None = None,
        **context: Any,
    ) -> HTMLResponse:
        """A storefront page: sign-in state in the header, a CSRF token for its forms and,
        without a session, the hidden iframe of the silent check (at most every 5 min).
        `reload_to` is the page the check reloads on success (a POST's page cannot be)."""
        csrf = request.cookies.get(CSRF_COOKIE, "")
        fresh_csrf = not _TOKEN.fullmatch(csrf)
        if fresh_csrf:
            csrf = secrets.token_urlsafe(32)
        sso: SsoCheck | None = None
        if session is not None:
            sso = "signed_in" if session.via_sso else None
        elif silent_check and not self.recently_checked(request):
            sso = "pending"
        response = self.pages[shop.name].render(
            request,
            name,
            lang,
            status_code,
            switch_to=switch_to,
            shop=shop,
            session=session,
            csrf_token=csrf,
            sso_check=sso,
            sso_reload=safe_return(reload_to or request.url.path, lang),
            signin_url=self.settings.signin_public_url,
            euros=euros,
            t=lambda key, **values: t(lang, key, **values),
            **context,
        )
        if fresh_csrf:
            set_host_cookie(response, CSRF_COOKIE, csrf)
        return response

    def refuse(
        self,
        request: Request,
        shop: Storefront,
        lang: Lang,
        status_code: int,
        key: str,
    ) -> HTMLResponse:
        """A clear 4xx page in the shop's chrome, its heading `key` and its text
        `key`_text (i18n keys); never a server error."""
        return self.render(
            request,
            shop,
            "error.html",
            lang,
            session=self.session(request, shop),
            status_code=status_code,
            silent_check=False,
            switch_to="/",
            heading=t(lang, key),
            text=t(lang, f"{key}_text"),
        )
