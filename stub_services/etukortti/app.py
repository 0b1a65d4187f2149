"""The account site (S-Etukortti) as a FastAPI app: home, OIDC login, profile and logout;
benefits, Bonus and household come from their own routers."""

from __future__ import annotations

import secrets
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlencode

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from stub_services.common.clock import Clock
from stub_services.common.control import control_router
from stub_services.common.db import Database
from stub_services.common.events import EventLog
from stub_services.common.i18n import Lang, as_lang
from stub_services.common.openapi_docs import json_errors, language_pages
from stub_services.common.openapi_docs import pages as page_answers
from stub_services.common.outbound import https_client
from stub_services.common.register_client import HttpRegister, Register, RegisterError, mask_card
from stub_services.common.security import add_security_headers
from stub_services.common.settings import Settings
from stub_services.common.web import (
    Pages,
    clear_host_cookie,
    mount_static,
    require_lang,
    set_host_cookie,
)
from stub_services.etukortti.backchannel import backchannel_router
from stub_services.etukortti.benefit_pages import benefit_pages_router
from stub_services.etukortti.csrf import SCHEMA as CSRF_SCHEMA
from stub_services.etukortti.csrf import CsrfTokens
from stub_services.etukortti.customer_data import SCHEMA as CUSTOMER_SCHEMA
from stub_services.etukortti.customer_data import CustomerData
from stub_services.etukortti.customer_pages import customer_pages_router
from stub_services.etukortti.household_pages import household_pages_router
from stub_services.etukortti.invitation_mail import Outbox, smtp_outbox
from stub_services.etukortti.oidc_client import (
    CLIENT_ID,
    SignInError,
    authorization_url,
    complete,
    current_email,
    http_client,
    new_pending,
)
from stub_services.etukortti.site import Site, same_site_path
from stub_services.etukortti.store import SCHEMA, SESSION_COOKIE, LocalAccount, Store

SERVICE = "etukortti"
RP_COOKIE = "__Host-etukortti_rp"
RP_COOKIE_SECONDS = 600


def created_date(account: LocalAccount, lang: Lang) -> str:
    day = account.signin_created_at.date()
    return f"{day.day}.{day.month}.{day.year}" if lang == "fi" else day.isoformat()


def create_app(
    settings: Settings | None = None,
    *,
    signin_client: httpx.Client | None = None,
    register: Register | None = None,
    outbox: Outbox | None = None,
) -> FastAPI:
    """Build the app; `signin_client` replaces the HTTPS client used for token and userinfo,
    `register` the customer register's client and `outbox` the SMTP connection of the
    invitation mail (unit tests use in-memory fakes)."""
    settings = settings or Settings.from_env()
    db = Database(settings.state_dir / "etukortti.sqlite3", SCHEMA + CSRF_SCHEMA + CUSTOMER_SCHEMA)
    clock = Clock(db)
    events = EventLog(db, clock)
    store = Store(db, clock)
    customers = CustomerData(db, clock)
    csrf = CsrfTokens(db)
    pages = Pages(Path(__file__).parent / "templates", "etukortti.heading", "etukortti")
    client = signin_client or http_client(settings)
    cards = register or HttpRegister(
        https_client(settings, timeout=5.0),
        settings.register_internal_url,
        settings.register_api_token,
    )
    site = Site(settings, pages, store, events, cards, csrf)

    def card_of(sub: str) -> tuple[str | None, bool]:
        """The masked linked card (asked fresh each time, so a new link shows at once)."""
        try:
            card = cards.linked_card(sub)
        except RegisterError as exc:
            events.record("register_failed", None, error=str(exc)[:120])
            return None, False
        return (mask_card(card) if card else None), True

    def current_account(account: LocalAccount, session: str | None) -> LocalAccount:
        """The account with the S-login's current address (it may have changed since)."""
        access_token = store.access_token(session)
        email = current_email(settings, client, access_token, account.sub) if access_token else None
        if email is None or email == account.email:
            return account
        store.update_email(account.sub, email)
        events.record("email_updated", email, sub=account.sub)
        return replace(account, email=email)

    app = FastAPI(title="S-Etukortti stub", docs_url=None, redoc_url=None, openapi_url=None)
    add_security_headers(app, [settings.signin_public_url, settings.etukortti_public_url])
    mount_static(app)
    app.mount("/assets", StaticFiles(directory=Path(__file__).parent / "static"), name="assets")
    app.include_router(control_router(db, clock, events))
    app.include_router(customer_pages_router(site, customers))
    app.include_router(benefit_pages_router(site))
    app.include_router(
        household_pages_router(site, outbox or smtp_outbox(settings.smtp_host, settings.smtp_port))
    )
    app.include_router(backchannel_router(settings, store, events))

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok", "service": SERVICE}

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/sv/", status_code=303)

    @app.get("/{lang}/", response_class=HTMLResponse, responses=json_errors(404))
    def home(request: Request, lang: str) -> HTMLResponse:
        lg = require_lang(lang)
        account = store.session_account(request.cookies.get(SESSION_COOKIE))
        return pages.render(request, "home.html", lg, signed_in=account is not None)

    @app.get(
        "/{lang}/login",
        status_code=303,
        response_class=RedirectResponse,
        responses=json_errors(404),
    )
    def login(request: Request, lang: str, create: str = "", next: str = "") -> RedirectResponse:
        """`next`: a path of this site to come back to; anything else means the profile."""
        lg = require_lang(lang)
        back_to = same_site_path(next)
        if store.session_account(request.cookies.get(SESSION_COOKIE)) is not None:
            return RedirectResponse(back_to or f"/{lg}/profile", status_code=303)
        pending = new_pending(lg, back_to)
        binding = store.save_pending(pending)
        target = authorization_url(settings, pending, create=create in {"1", "true", "yes"})
        response = RedirectResponse(target, status_code=303)
        set_host_cookie(response, RP_COOKIE, binding, RP_COOKIE_SECONDS)
        return response

    def failed(request: Request, lang: Lang, reason: str) -> HTMLResponse:
        events.record("sign_in_failed", None, reason=reason)
        response = pages.render(request, "error.html", lang, 400)
        clear_host_cookie(response, RP_COOKIE)
        return response

    @app.get(
        "/callback",
        response_model=None,
        status_code=303,
        response_class=RedirectResponse,
        responses=page_answers(400),
    )
    def callback(request: Request, code: str = "", state: str = "", error: str = "") -> Response:
        pending = store.take_pending(request.cookies.get(RP_COOKIE))
        if pending is None:
            return failed(request, as_lang(None), "no pending request for this browser")
        lang = as_lang(pending.lang)
        # As bytes: compare_digest refuses str with non-ASCII, and the query may hold any.
        if not secrets.compare_digest(state.encode(), pending.state.encode()):
            return failed(request, lang, "state mismatch")
        if error or not code:
            return failed(request, lang, f"provider error: {error or 'no code'}")
        try:
            identity = complete(settings, client, pending, code)
        except SignInError as exc:
            return failed(request, lang, str(exc))
        if store.remember_account(identity.sub, identity.email, identity.created_at):
            events.record("account_created", identity.email, sub=identity.sub)
        previous = request.cookies.get(SESSION_COOKIE)
        token = store.start_session(identity.sub, previous, identity.sid)
        if identity.access_token:
            store.save_access_token(token, identity.access_token)
        events.record("signed_in", identity.email, sub=identity.sub)
        back_to = same_site_path(pending.next_path) or f"/{lang}/profile"
        response = RedirectResponse(back_to, status_code=303)
        set_host_cookie(response, SESSION_COOKIE, token)
        clear_host_cookie(response, RP_COOKIE)
        return response

    @app.get(
        "/{lang}/profile",
        response_model=None,
        response_class=HTMLResponse,
        responses=language_pages(303),
    )
    def profile(request: Request, lang: str, saved: str = "") -> Response:
        lg = require_lang(lang)
        visitor = site.visitor(request)
        if visitor is None:
            return RedirectResponse(f"/{lg}/login", status_code=303)
        account = current_account(visitor.account, visitor.session)
        card, cards_known = card_of(account.sub)
        return site.render(
            request,
            "profile.html",
            lg,
            visitor,
            account=account,
            created=created_date(account, lg),
            card=card,
            cards_known=cards_known,
            add_card_url=site.add_card_url(lg, f"/{lg}/profile"),
            edit_login_url=f"{settings.signin_public_url}/{lg}/account",
            address=customers.address(account.sub),
            saved=saved == "1",
        )

    @app.post(
        "/{lang}/logout",
        status_code=303,
        response_class=RedirectResponse,
        responses=json_errors(404),
    )
    def logout(request: Request, lang: str) -> RedirectResponse:
        lg = require_lang(lang)
        account = store.end_session(request.cookies.get(SESSION_COOKIE))
        if account is not None:
            events.record("signed_out", account.email, sub=account.sub)
        query = urlencode(
            {
                "client_id": CLIENT_ID,
                "post_logout_redirect_uri": f"{settings.etukortti_public_url}/{lg}/",
                "ui_locales": lg,
            }
        )
        response = RedirectResponse(f"{settings.signin_public_url}/logout?{query}", 303)
        clear_host_cookie(response, SESSION_COOKIE)
        return response

    return app
