"""The account site (S-Etukortti) as a FastAPI app: its context on `app.state`, and the
routers of sign-in and profile, customer data, benefits, household and back-channel logout."""

from __future__ import annotations

from pathlib import Path

import httpx
from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from stub_services.common.control import StubState, stub_app
from stub_services.common.outbound import https_client
from stub_services.common.provider_metadata import OpenIdProvider
from stub_services.common.register_client import Register, RegisterError, register_over_https
from stub_services.common.security import add_security_headers
from stub_services.common.settings import Settings
from stub_services.common.web import Pages, answer_early, mount_static
from stub_services.etukortti import (
    account_pages,
    backchannel,
    benefit_pages,
    customer_pages,
    household_pages,
)
from stub_services.etukortti.csrf import SCHEMA as CSRF_SCHEMA
from stub_services.etukortti.csrf import CsrfTokens
from stub_services.etukortti.customer_data import SCHEMA as CUSTOMER_SCHEMA
from stub_services.etukortti.customer_data import CustomerData
from stub_services.etukortti.deps import register_unavailable
from stub_services.etukortti.invitation_mail import Outbox, smtp_outbox
from stub_services.etukortti.site import Site
from stub_services.etukortti.store import SCHEMA, Store

SERVICE = "etukortti"


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
    state = StubState.open(settings, SERVICE, SCHEMA + CSRF_SCHEMA + CUSTOMER_SCHEMA)
    db, clock = state.db, state.clock
    site = Site(
        settings=settings,
        pages=Pages(Path(__file__).parent / "templates", "etukortti.heading", "etukortti"),
        store=Store(db, clock),
        events=state.events,
        register=register or register_over_https(settings),
        csrf=CsrfTokens(db),
        customers=CustomerData(db, clock),
        signin=OpenIdProvider(
            signin_client or https_client(settings),
            settings.signin_public_url,
            settings.signin_internal_url,
        ),
        outbox=outbox or smtp_outbox(settings.smtp_host, settings.smtp_port),
    )

    app = stub_app("S-Etukortti stub", SERVICE, state)
    app.state.site = site
    add_security_headers(app, [settings.signin_public_url, settings.etukortti_public_url])
    answer_early(app)
    app.add_exception_handler(RegisterError, register_unavailable)
    mount_static(app)
    app.mount("/assets", StaticFiles(directory=Path(__file__).parent / "static"), name="assets")
    app.include_router(customer_pages.router)
    app.include_router(benefit_pages.router)
    app.include_router(household_pages.router)
    app.include_router(backchannel.router)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/sv/", status_code=303)

    app.include_router(account_pages.router)
    return app
