"""The text-message gateway as a FastAPI app: send API, read API, fault switch, health."""

from __future__ import annotations

import re
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from stub_services.common.bearer import bearer_guard
from stub_services.common.clock import Clock
from stub_services.common.control import control_router
from stub_services.common.db import Database
from stub_services.common.events import EventLog
from stub_services.common.openapi_docs import json_errors
from stub_services.common.settings import Settings
from stub_services.sms.store import SCHEMA, Store

SERVICE = "sms"
E164 = re.compile(r"^\+[1-9]\d{6,14}$")


class Message(BaseModel):
    """Body of POST /api/v1/messages."""

    to: str
    sender: str
    text: str


class Fault(BaseModel):
    """Body of POST /_control/fault."""

    down: bool


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    db = Database(settings.state_dir / "sms.sqlite3", SCHEMA)
    clock = Clock(db)
    store = Store(db, clock)
    authorised = Depends(bearer_guard(settings.sms_api_token))
    app = FastAPI(
        title="Text-message gateway stub", docs_url=None, redoc_url=None, openapi_url=None
    )

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok", "service": SERVICE}

    @app.post(
        "/api/v1/messages",
        status_code=202,
        dependencies=[authorised],
        responses=json_errors(400, 401, 422, 503),
    )
    def send(message: Message) -> JSONResponse:
        if store.is_down():
            return JSONResponse({"detail": "gateway unavailable"}, status_code=503)
        if not E164.match(message.to):
            return JSONResponse(
                {"detail": "to must be an international (E.164) number, e.g. +358401234567"},
                status_code=422,
            )
        return JSONResponse({"id": store.add(message.to, message.sender, message.text)}, 202)

    @app.get("/api/v1/messages")
    def read(to: str | None = None) -> list[dict[str, Any]]:
        # An unencoded "+" in a query string arrives as a space; give it back its meaning.
        if to is not None and to.startswith(" "):
            to = "+" + to[1:]
        return store.messages(to)

    @app.post("/_control/fault", responses=json_errors(400, 422))
    def fault(body: Fault) -> dict[str, bool]:
        store.set_down(body.down)
        return {"down": store.is_down()}

    @app.get("/_control/fault")
    def fault_state() -> dict[str, bool]:
        return {"down": store.is_down()}

    app.include_router(control_router(db, clock, EventLog(db, clock)))
    return app
