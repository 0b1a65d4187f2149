"""The broker's scripting routes: the next outcome (global or per identity) and identities."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

from stub_services.bank.context import BrokerDep
from stub_services.bank.identities import Identity
from stub_services.bank.store import Outcome
from stub_services.common.finnish_ids import InvalidIdentityCode, parse_hetu
from stub_services.common.openapi_docs import json_errors


class NextOutcome(BaseModel):
    """Body of POST /_control/next-outcome; without `hetu` it applies to anyone."""

    outcome: Outcome
    hetu: str | None = None


class NewIdentity(BaseModel):
    """Body of POST /_control/identities."""

    hetu: str
    given_name: str
    family_name: str


def _hetu(value: str) -> str:
    try:
        return parse_hetu(value).code
    except InvalidIdentityCode as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None


def _as_json(identity: Identity) -> dict[str, str]:
    return {
        "hetu": identity.hetu,
        "given_name": identity.given_name,
        "family_name": identity.family_name,
        "birthdate": identity.birthdate.isoformat(),
    }


router = APIRouter(prefix="/_control", tags=["control"], responses=json_errors(400, 422))


@router.post("/next-outcome")
def next_outcome(body: NextOutcome, broker: BrokerDep) -> dict[str, str | None]:
    hetu = _hetu(body.hetu) if body.hetu is not None else None
    broker.store.script(body.outcome, hetu)
    return {"outcome": body.outcome.value, "hetu": hetu}


@router.post("/identities")
def add_identity(body: NewIdentity, broker: BrokerDep) -> dict[str, str]:
    given, family = body.given_name.strip(), body.family_name.strip()
    if not given or not family:
        raise HTTPException(status_code=422, detail="given_name and family_name are needed")
    identity = Identity(_hetu(body.hetu), given, family)
    broker.store.add_identity(identity)
    return _as_json(identity)


@router.get("/identities")
def list_identities(broker: BrokerDep) -> list[dict[str, str]]:
    return [_as_json(i) for i in broker.store.identities()]
