"""The sign-in service (S-login) as a FastAPI app: pages, OIDC provider, health and control."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from fastapi import FastAPI

from stub_services.common.control import StubState, stub_app
from stub_services.common.outbound import https_client
from stub_services.common.register_client import HttpRegister, Register
from stub_services.common.security import add_security_headers
from stub_services.common.settings import Settings
from stub_services.common.signing_keys import SCHEMA as KEYS_SCHEMA
from stub_services.common.signing_keys import KeyRing
from stub_services.common.web import Pages, mount_static
from stub_services.signin import (
    bank_pages,
    email_pages,
    link_pages,
    logout,
    oidc,
    pages,
    phone_pages,
    terms_pages,
)
from stub_services.signin.backchannel import BACKCHANNEL_TIMEOUT
from stub_services.signin.bank_client import BankApi, HttpBank
from stub_services.signin.codes import Codes
from stub_services.signin.context import Client, Signin, registered_clients
from stub_services.signin.csrf import FormTokens, refuse_cross_site_posts
from stub_services.signin.deps import install_handlers
from stub_services.signin.id_token import IdTokenVerifier
from stub_services.signin.identity_store import SCHEMA as IDENTITY_SCHEMA
from stub_services.signin.identity_store import IdentityStore
from stub_services.signin.limits import SCHEMA as LIMITS_SCHEMA
from stub_services.signin.mail import Mailer, smtp_mailer
from stub_services.signin.sms_client import HttpSms, SmsGateway
from stub_services.signin.store import SCHEMA, Store
from stub_services.signin.terms import SCHEMA as TERMS_SCHEMA
from stub_services.signin.terms import Terms

SERVICE = "signin"


def form_targets(settings: Settings, clients: dict[str, Client]) -> list[str]:
    """Origins a form of this service may end on after its redirects (CSP form-action is
    enforced on redirects): itself, the bank broker (card linking, bank sign-in) and every
    registered client (the code, terms and card-linking forms end at the client)."""
    urls = [settings.signin_public_url, settings.bank_public_url]
    for client in clients.values():
        urls += [*client.redirect_uris, *client.return_urls, *client.post_logout_uris]
    return sorted({f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" for url in urls})


def create_app(
    settings: Settings | None = None,
    *,
    mailer: Mailer | None = None,
    bank: BankApi | None = None,
    register: Register | None = None,
    sms: SmsGateway | None = None,
    backchannel: httpx.Client | None = None,
    run_later: Callable[[Callable[[], None]], object] | None = None,
) -> FastAPI:
    """Build the app; `mailer`, `bank`, `register`, `sms` and `backchannel` (the HTTP client
    that delivers logout tokens) replace the real deliveries and server-to-server clients
    (unit tests use in-memory fakes); `run_later` runs jobs after the answer (a thread pool
    unless given)."""
    settings = settings or Settings.from_env()
    state = StubState.open(
        settings, SERVICE, SCHEMA + IDENTITY_SCHEMA + TERMS_SCHEMA + LIMITS_SCHEMA + KEYS_SCHEMA
    )
    events = state.events
    store = Store(state.db, state.clock)
    outbound = https_client(settings)
    bank = bank or HttpBank(outbound, settings)
    ctx = Signin(
        settings=settings,
        store=store,
        codes=Codes(store, events, settings.signin_client_send_limit),
        events=events,
        pages=Pages(Path(__file__).parent / "templates", "signin.site_name", "signin"),
        send_mail=mailer or smtp_mailer(settings.smtp_host, settings.smtp_port),
        clients=registered_clients(settings),
        identity=IdentityStore(store),
        bank=bank,
        id_tokens=IdTokenVerifier(bank, settings.bank_public_url),
        register=register
        or HttpRegister(outbound, settings.register_internal_url, settings.register_api_token),
        sms=sms or HttpSms(outbound, settings.sms_internal_url, settings.sms_api_token),
        terms=Terms(store),
        backchannel=backchannel or https_client(settings, timeout=BACKCHANNEL_TIMEOUT),
        forms=FormTokens(store),
        keys=KeyRing(state.db, state.clock),
        run_later=run_later or ThreadPoolExecutor(4, thread_name_prefix="signin-later").submit,
    )
    app = stub_app("S-login stub", SERVICE, state)
    # Middleware added last runs first: the headers then cover the cross-site 403 page too.
    refuse_cross_site_posts(app, ctx)
    add_security_headers(app, form_targets(settings, ctx.clients))
    mount_static(app)
    app.state.signin = ctx
    install_handlers(app)
    app.add_exception_handler(link_pages.FlowRefused, link_pages.refused)
    routers = (oidc, logout, pages, link_pages, bank_pages, phone_pages, terms_pages, email_pages)
    for module in routers:
        app.include_router(module.router)
    return app
