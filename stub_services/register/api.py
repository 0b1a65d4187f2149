"""The register's server API (bearer token): card look-ups and linking cards to S-logins."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from stub_services.common.bearer import BEARER
from stub_services.common.finnish_ids import InvalidIdentityCode, parse_business_id, parse_hetu
from stub_services.common.openapi_docs import Responses, json_errors
from stub_services.register.deps import StoreDep
from stub_services.register.store import LinkResult


class LinkBody(BaseModel):
    """Body of POST and DELETE /api/v1/cards/{card_number}/link."""

    s_login: str


class LinkedToOther(BaseModel):
    """Answer 409 of the link routes: the card belongs to another S-login."""

    linked_to_other: bool


def link_responses(*codes: int) -> Responses:
    return {**json_errors(*codes), 409: {"model": LinkedToOther}}


def _found(value: str | None, detail: str) -> str:
    if value is None:
        raise HTTPException(status_code=404, detail=detail)
    return value


def _valid_hetu(value: str) -> str:
    try:
        return parse_hetu(value).code
    except InvalidIdentityCode as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None


router = APIRouter(prefix="/api/v1", dependencies=[BEARER], responses=json_errors(401))


@router.get("/persons/{hetu}/card", responses=json_errors(404, 422))
def person_card(hetu: str, store: StoreDep) -> dict[str, str]:
    card = store.person_card(_valid_hetu(hetu))
    if card is None:
        raise HTTPException(status_code=404, detail="this person has no card")
    return {"card_number": card.card_number, "customer_id": card.customer_id}


@router.get("/businesses/{business_id}/card", responses=json_errors(403, 404, 422))
def business_card(business_id: str, authorised_hetu: str, store: StoreDep) -> dict[str, str]:
    try:
        business_id = parse_business_id(business_id)
    except InvalidIdentityCode as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None
    person = _valid_hetu(authorised_hetu)
    found = store.business_card(business_id)
    if found is None:
        raise HTTPException(status_code=404, detail="unknown business customer")
    card, people = found
    if person not in people:
        raise HTTPException(status_code=403, detail="this person may not act for the business")
    return {"card_number": card.card_number, "customer_id": card.customer_id}


@router.post("/cards/{card_number}/link", responses=link_responses(400, 404, 422))
def link(card_number: str, body: LinkBody, store: StoreDep) -> JSONResponse:
    result = store.link(card_number, body.s_login)
    if result is LinkResult.UNKNOWN_CARD:
        return JSONResponse({"detail": "unknown card"}, status_code=404)
    if result is LinkResult.LINKED_TO_OTHER:
        return JSONResponse({"linked_to_other": True}, status_code=409)
    return JSONResponse({"card_number": card_number, "s_login": body.s_login})


@router.delete("/cards/{card_number}/link", responses=link_responses(400, 422))
def unlink(card_number: str, body: LinkBody, store: StoreDep) -> JSONResponse:
    unlinked = store.unlink(card_number, body.s_login)
    if unlinked is None:
        # Never undo someone else's link: only the S-login that linked may unlink.
        return JSONResponse({"linked_to_other": True}, status_code=409)
    return JSONResponse({"unlinked": unlinked})


@router.get("/cards/{card_number}/link", responses=json_errors(404))
def card_link(card_number: str, store: StoreDep) -> dict[str, str]:
    return {"s_login": _found(store.s_login_of(card_number), "card is not linked")}


@router.get("/links/{s_login}", responses=json_errors(404))
def s_login_link(s_login: str, store: StoreDep) -> dict[str, str]:
    card = _found(store.card_of(s_login), "no card linked to this S-login")
    return {"card_number": card}
