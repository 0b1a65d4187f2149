"""The /_control/… router every stub mounts: reset, clock and the event log."""

from __future__ import annotations

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
    """A stub's SQLite file (`STUB_STATE_DIR/{service}.sqlite3`), its clock and event log."""

    db: Database
    clock: Clock
    events: EventLog

    @classmethod
    def open(cls, settings: Settings, service: str, schema: str) -> StubState:
        db = Database(settings.state_dir / f"{service}.sqlite3", schema)
        clock = Clock(db)
        return cls(db, clock, EventLog(db, clock))


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
    refuse_browsers_at_control(app)
    return app


def refuse_browsers_at_control(app: FastAPI) -> None:
    """The control API is for the harness's HTTP client, which sends neither `Origin` nor
    fetch metadata. A request that a web page made a browser send (a cross-site
    `fetch('…/_control/reset', {method: 'POST'})`) carries one of them and is refused."""

    @app.middleware("http")
    async def control_from_servers_only(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if request.url.path.startswith("/_control/"):
            fetch_site = request.headers.get("sec-fetch-site")
            if request.headers.get("origin") is not None or fetch_site not in (None, "none"):
                return JSONResponse({"detail": "the control API refuses browser requests"}, 403)
        return await call_next(request)
