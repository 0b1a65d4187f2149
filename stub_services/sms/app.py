"""The text-message gateway as a FastAPI app: send API, read API, fault switch, health."""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from stub_services.common.bearer import BEARER
from stub_services.common.control import StubState, stub_app
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


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(_store)]
router = APIRouter()


@router.post(
    "/api/v1/messages",
    status_code=202,
    dependencies=[BEARER],
    responses=json_errors(400, 401, 422, 503),
)
def send(message: Message, store: StoreDep) -> JSONResponse:
    if store.is_down():
        return JSONResponse({"detail": "gateway unavailable"}, status_code=503)
    if not E164.match(message.to):
        return JSONResponse(
            {"detail": "to must be an international (E.164) number, e.g. +358401234567"},
            status_code=422,
        )
    return JSONResponse({"id": store.add(message.to, message.sender, message.text)}, 202)


@router.get("/api/v1/messages")
def read(store: StoreDep, to: str | None = None) -> list[dict[str, Any]]:
    # An unencoded "+" in a query string arrives as a space; give it back its meaning.
    if to is not None and to.startswith(" "):
        to = "+" + to[1:]
    return [asdict(message) for message in store.messages(to)]


@router.post("/_control/fault", responses=json_errors(400, 422))
def fault(body: Fault, store: StoreDep) -> dict[str, bool]:
    store.set_down(body.down)
    return {"down": store.is_down()}


@router.get("/_control/fault")
def fault_state(store: StoreDep) -> dict[str, bool]:
    return {"down": store.is_down()}


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    state = StubState.open(settings, SERVICE, SCHEMA)
    app = stub_app("Text-message gateway stub", SERVICE, state)
    app.state.store = Store(state.db, state.clock)
    app.state.bearer_token = settings.sms_api_token
    app.include_router(router)
    return app
