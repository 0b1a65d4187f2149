"""The bank broker as a FastAPI app: OIDC provider, bank pages, health, control and scripting."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from stub_services.bank import control, oidc, pages
from stub_services.bank.context import Broker, registered_client
from stub_services.bank.keys import load_or_create
from stub_services.bank.store import SCHEMA, Store
from stub_services.common.control import StubState, stub_app
from stub_services.common.security import add_security_headers
from stub_services.common.settings import Settings
from stub_services.common.web import Pages, mount_static

SERVICE = "bank"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    state = StubState.open(settings, SERVICE, SCHEMA)
    broker = Broker(
        settings=settings,
        store=Store(state.db, state.clock),
        events=state.events,
        pages=Pages(Path(__file__).parent / "templates", "bank.site_name", "bank"),
        key=load_or_create(settings.state_dir),
        client=registered_client(settings),
    )
    app = stub_app("Bank broker stub", SERVICE, state)
    # Forms here end in redirects to the client (the sign-in service): CSP must allow it.
    # CSP form-action also governs every redirect after a form is posted. The bank's
    # "Identifiera" post returns to the client, which redirects on to its own relying
    # parties (bank-code sign-in ends on the S-Etukortti site), so a broker cannot list
    # them: any https target is allowed, as brokers in production do.
    add_security_headers(app, [settings.bank_public_url, "https:"])
    mount_static(app)
    app.state.broker = broker
    app.include_router(control.router)
    app.include_router(oidc.router)
    app.include_router(pages.router)
    return app
