"""The customer register as a FastAPI app: server API, seeding, health and control."""

from __future__ import annotations

from fastapi import FastAPI

from stub_services.common.clock import Clock
from stub_services.common.control import control_router
from stub_services.common.db import Database
from stub_services.common.events import EventLog
from stub_services.common.settings import Settings
from stub_services.register.api import api_router
from stub_services.register.control import seeding_router
from stub_services.register.store import SCHEMA, Store

SERVICE = "register"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    db = Database(settings.state_dir / "register.sqlite3", SCHEMA)
    clock = Clock(db)
    store = Store(db, clock)
    app = FastAPI(title="Customer register stub", docs_url=None, redoc_url=None, openapi_url=None)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok", "service": SERVICE}

    app.include_router(control_router(db, clock, EventLog(db, clock)))
    app.include_router(seeding_router(store))
    app.include_router(api_router(store, settings.register_api_token))
    return app
