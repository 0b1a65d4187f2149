"""The /_control/… router every stub mounts: reset, clock and the event log, and the guard
that lets only the harness in (its world's bearer token, no browser)."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from typing import Any

from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from stub_services.common.clock import MAX_OFFSET_SECONDS, Clock, ClockOutOfRange
from stub_services.common.db import Database
from stub_services.common.events import EventLog
from stub_services.common.openapi_docs import json_errors
from stub_services.common.settings import Settings


class Advance(BaseModel):
    """Body of POST /_control/clock/advance."""

    seconds: float = Field(ge=-MAX_OFFSET_SECONDS, le=MAX_OFFSET_SECONDS, allow_inf_nan=False)


def control_router(db: Database, clock: Clock, events: EventLog) -> APIRouter:
    """Routes to script and inspect a stub; they are part of the harness contract."""
    router = APIRouter(prefix="/_control", tags=["control"])

    @router.post("/reset")
    def reset() -> dict[str, str]:
        db.wipe()
        return {"status": "reset"}

    @router.get("/clock")
    def get_clock() -> dict[str, str]:
        return {"now": clock.now().isoformat()}

    @router.post("/clock/advance", responses=json_errors(400, 422))
    def advance(body: Advance) -> dict[str, str]:
        try:
            return {"now": clock.advance(body.seconds).isoformat()}
        except ClockOutOfRange as exc:
            raise HTTPException(status_code=422, detail=str(exc)) from None

    @router.get("/events")
    def list_events(email: str | None = None) -> list[dict[str, Any]]:
        return [asdict(event) for event in events.for_email(email)]

    return router


@dataclass(frozen=True)
class StubState:
    """A stub's SQLite file (`STUB_STATE_DIR/{service}.sqlite3`), its clock and event log,
    and the token its control API asks for."""

    db: Database
    clock: Clock
    events: EventLog
    # Settings.control_token, or one made up here: the control API is never open.
    control_token: str = ""

    @classmethod
    def open(cls, settings: Settings, service: str, schema: str) -> StubState:
        db = Database(settings.state_dir / f"{service}.sqlite3", schema)
        clock = Clock(db)
        token = settings.control_token or secrets.token_urlsafe(32)
        return cls(db, clock, EventLog(db, clock), token)


async def invalid_request(request: Request, exc: Exception) -> JSONResponse:
    """422 naming where and what is wrong, without echoing the input: a body value such as
    NaN or Infinity cannot be written as JSON, and echoing it made FastAPI's default
    answer fail with a 500."""
    assert isinstance(exc, RequestValidationError)
    detail = [
        {"loc": [str(part) for part in error.get("loc", ())], "msg": str(error.get("msg", "")),
         "type": str(error.get("type", ""))}
        for error in exc.errors()
    ]  # fmt: skip
    return JSONResponse({"detail": detail}, status_code=422)


def stub_app(title: str, service: str, state: StubState) -> FastAPI:
    """A stub's app: no interactive docs (the stubs are not for browsing), the health
    route the world polls, and the control routes over `state`."""
    app = FastAPI(title=title, docs_url=None, redoc_url=None, openapi_url=None)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok", "service": service}

    app.include_router(control_router(state.db, state.clock, state.events))
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.state.control_token = state.control_token
    guard_control(app, state.control_token)
    return app


def control_refusal(authorization: str | None, token: str) -> JSONResponse | None:
    """401 unless `authorization` is `Bearer <token>` (RFC 6750, as the register's and the
    gateway's server APIs are guarded: the scheme every HTTP client and curl know)."""
    scheme, _, given = (authorization or "").partition(" ")
    # As bytes: compare_digest refuses str with non-ASCII, which a header may hold.
    if scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode()):
        return None
    challenge = 'Bearer realm="_control"'
    if authorization:
        challenge += ', error="invalid_token"'
    return JSONResponse(
        {"detail": "the control API needs the world's token: Authorization: Bearer <token> "
                   "(the world's manifest names it as control_token)"},
        status_code=401,
        headers={"WWW-Authenticate": challenge},
    )  # fmt: skip


def guard_control(app: FastAPI, token: str) -> None:
    """The control API is for the harness's HTTP client, which sends neither `Origin` nor
    fetch metadata. A request that a web page made a browser send (a cross-site
    `fetch('…/_control/reset', {method: 'POST'})`) carries one of them and is refused
    (403); any other request without the world's token gets 401 and changes nothing."""

    @app.middleware("http")
    async def control_for_the_harness_only(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if request.url.path.startswith("/_control/"):
            fetch_site = request.headers.get("sec-fetch-site")
            if request.headers.get("origin") is not None or fetch_site not in (None, "none"):
                return JSONResponse({"detail": "the control API refuses browser requests"}, 403)
            refused = control_refusal(request.headers.get("authorization"), token)
            if refused is not None:
                return refused
        return await call_next(request)
