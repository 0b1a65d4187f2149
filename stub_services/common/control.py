"""The /_control/… router every stub mounts: reset, clock and the event log."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from stub_services.common.clock import Clock
from stub_services.common.db import Database
from stub_services.common.events import EventLog


class Advance(BaseModel):
    """Body of POST /_control/clock/advance."""

    seconds: float


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

    @router.post("/clock/advance")
    def advance(body: Advance) -> dict[str, str]:
        return {"now": clock.advance(body.seconds).isoformat()}

    @router.get("/events")
    def list_events(email: str | None = None) -> list[dict[str, Any]]:
        return events.for_email(email)

    return router
