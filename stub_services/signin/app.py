"""The sign-in service (S-login) as a FastAPI app: pages, OIDC provider, health and control."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from stub_services.common.clock import Clock
from stub_services.common.control import control_router
from stub_services.common.db import Database
from stub_services.common.events import EventLog
from stub_services.common.security import add_security_headers
from stub_services.common.settings import Settings
from stub_services.common.web import Pages, mount_static
from stub_services.signin.codes import Codes
from stub_services.signin.context import Signin, registered_clients
from stub_services.signin.mail import Mailer, smtp_mailer
from stub_services.signin.oidc import oidc_router
from stub_services.signin.pages import pages_router
from stub_services.signin.store import SCHEMA, Store

SERVICE = "signin"


def create_app(settings: Settings | None = None, *, mailer: Mailer | None = None) -> FastAPI:
    """Build the app; `mailer` replaces SMTP delivery (unit tests capture mail in memory)."""
    settings = settings or Settings.from_env()
    db = Database(settings.state_dir / "signin.sqlite3", SCHEMA)
    clock = Clock(db)
    events = EventLog(db, clock)
    store = Store(db, clock)
    ctx = Signin(
        settings=settings,
        store=store,
        codes=Codes(store, events),
        events=events,
        pages=Pages(Path(__file__).parent / "templates", "signin.site_name", "signin"),
        send_mail=mailer or smtp_mailer(settings.smtp_host, settings.smtp_port),
        clients=registered_clients(settings),
    )
    app = FastAPI(title="S-login stub", docs_url=None, redoc_url=None, openapi_url=None)
    add_security_headers(app, [settings.signin_public_url, settings.etukortti_public_url])
    mount_static(app)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok", "service": SERVICE}

    app.include_router(control_router(db, clock, events))
    app.include_router(oidc_router(ctx))
    app.include_router(pages_router(ctx))
    return app
