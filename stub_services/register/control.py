"""The register's seeding route for tests: POST /_control/customers (persons, businesses)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

from stub_services.common.finnish_ids import InvalidIdentityCode, parse_business_id, parse_hetu
from stub_services.common.openapi_docs import json_errors
from stub_services.register.deps import StoreDep


class CustomerSeed(BaseModel):
    """A person (`hetu`, names) or a business (`business_id`, `name`, `authorised_hetu`)."""

    kind: Literal["person", "business"]
    hetu: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    business_id: str | None = None
    name: str | None = None
    authorised_hetu: str | None = None


def _required(value: str | None, field: str, kind: str) -> str:
    if not value or not value.strip():
        raise HTTPException(status_code=422, detail=f"a {kind} needs {field}")
    return value.strip()


router = APIRouter(prefix="/_control", tags=["control"], responses=json_errors(400, 422))


@router.post("/customers")
def add_customer(seed: CustomerSeed, store: StoreDep) -> dict[str, str]:
    try:
        if seed.kind == "person":
            hetu = parse_hetu(_required(seed.hetu, "hetu", "person")).code
            name = " ".join(
                (
                    _required(seed.given_name, "given_name", "person"),
                    _required(seed.family_name, "family_name", "person"),
                )
            )
            card = store.add_person(hetu, name)
        else:
            business_id = parse_business_id(_required(seed.business_id, "business_id", "business"))
            authorised = parse_hetu(
                _required(seed.authorised_hetu, "authorised_hetu", "business")
            ).code
            name = _required(seed.name, "name", "business")
            card = store.add_business(business_id, name, authorised)
    except InvalidIdentityCode as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None
    return {"customer_id": card.customer_id, "card_number": card.card_number}
