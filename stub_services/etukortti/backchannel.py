"""OIDC Back-Channel Logout: the sign-in service tells the site which session ended."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from fastapi.responses import JSONResponse

from stub_services.common.events import EventLog
from stub_services.common.logout_token import InvalidLogoutToken, token_id, verify_logout_token
from stub_services.common.openapi_docs import oauth_errors
from stub_services.etukortti.deps import SiteDep
from stub_services.etukortti.oidc_client import CLIENT_ID

_NO_STORE = {"Cache-Control": "no-store"}


def _refused(events: EventLog, reason: str) -> JSONResponse:
    events.record("backchannel_refused", None, reason=reason[:120])
    return JSONResponse({"error": "invalid_request"}, status_code=400, headers=_NO_STORE)


router = APIRouter(tags=["back-channel logout"])


@router.post("/backchannel-logout", responses=oauth_errors(400))
def backchannel_logout(site: SiteDep, logout_token: Annotated[str, Form()] = "") -> JSONResponse:
    """Ends every local session of the token's `sid` (or of its `sub` when no session
    has that sid); a token is accepted once."""
    store, events = site.store, site.events
    try:
        claims = verify_logout_token(logout_token, site.signin, CLIENT_ID)
    except InvalidLogoutToken as exc:
        return _refused(events, str(exc))
    if not store.first_use_of_logout_token(token_id(logout_token)):
        return _refused(events, "replayed jti")
    account = store.end_sessions_of(claims.sid, claims.sub)
    if account is not None:
        events.record("signed_out_by_signin", account.email, sub=account.sub)
    return JSONResponse({}, headers=_NO_STORE)
