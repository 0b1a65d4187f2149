"""RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0) at `end_session_endpoint`.

A relying party sends the ID token it got as `id_token_hint`: signed by this provider and
naming the current session's subject (expired is fine: the spec allows it, and a user
signs out long after signing in), the session ends at once. Without such a hint, a link
from anywhere would end the session, so the service asks first: a confirmation page whose
form POSTs back with the session's form token. `post_logout_redirect_uri` must be
registered for the client the hint's audience or `client_id` names, or nothing redirects.
"""

from __future__ import annotations

from typing import Annotated, Any

import jwt
from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel

from stub_services.common.i18n import as_lang
from stub_services.common.oauth import with_query
from stub_services.common.signing_keys import ALGORITHM
from stub_services.signin.backchannel import send_logout_tokens
from stub_services.signin.context import Signin, SigninDep
from stub_services.signin.sso import clear_session_cookies
from stub_services.signin.store import SESSION_COOKIE

router = APIRouter(tags=["oidc"])


class LogoutRequest(BaseModel):
    """The parameters of a logout request: the query of a GET or the form body of a POST."""

    id_token_hint: str = ""
    client_id: str = ""
    post_logout_redirect_uri: str = ""
    state: str | None = None
    ui_locales: str | None = None
    csrf_token: str = ""  # the confirmation form's; read from a POST only


def hint_claims(ctx: Signin, hint: str) -> dict[str, Any] | None:
    """The claims of an ID token this provider signed (expired or not); None otherwise."""
    try:
        kid = jwt.get_unverified_header(hint).get("kid")
        key = ctx.keys.published(kid) if isinstance(kid, str) else None
        if key is None:
            return None
        claims: dict[str, Any] = jwt.decode(
            hint,
            key.private_key.public_key(),
            algorithms=[ALGORITHM],
            issuer=ctx.settings.signin_public_url,
            options={"verify_exp": False, "verify_aud": False, "require": ["sub", "aud"]},
        )
    except jwt.PyJWTError:
        return None
    return claims


def hint_audience(claims: dict[str, Any] | None) -> str:
    """The one client an ID token was issued to ("" when none or several)."""
    aud = (claims or {}).get("aud")
    if isinstance(aud, list) and len(aud) == 1:
        aud = aud[0]
    return aud if isinstance(aud, str) else ""


def _logout(request: Request, ctx: Signin, asked: LogoutRequest, *, posted: bool) -> Response:
    lang = as_lang(asked.ui_locales)
    claims = hint_claims(ctx, asked.id_token_hint) if asked.id_token_hint else None
    audience = hint_audience(claims)
    if asked.client_id and audience and asked.client_id != audience:
        return ctx.pages.render(request, "invalid_request.html", lang, 400)
    client_id = asked.client_id or audience
    target = f"/{lang}/"
    if asked.post_logout_redirect_uri:
        client = ctx.clients.get(client_id)
        if client is None or asked.post_logout_redirect_uri not in client.post_logout_uris:
            # Never redirect to an unregistered URI (no open redirect): say so here.
            return ctx.pages.render(request, "invalid_request.html", lang, 400)
        target = with_query(asked.post_logout_redirect_uri, state=asked.state)
    session = ctx.store.session(request.cookies.get(SESSION_COOKIE))
    account = ctx.store.account(session.email) if session is not None else None
    hinted = claims is not None and account is not None and claims.get("sub") == account.sub
    confirmed = posted and ctx.forms.ok(request, asked.csrf_token)
    if account is not None and not (hinted or confirmed):
        return ctx.pages.render(
            request, "logout_confirm.html", lang, switch_to="/", email=account.email,
            client_id=client_id, post_logout_redirect_uri=asked.post_logout_redirect_uri,
            state=asked.state, csrf_token=ctx.forms.token(request),
        )  # fmt: skip
    # Only __Host-sid: a cross-site <img> must not be able to sign the user out.
    ended = ctx.store.end_session(request.cookies.get(SESSION_COOKIE))
    if ended is not None:
        ctx.events.record("signed_out", ended.email, client_id=client_id or None)
        if account is not None:
            send_logout_tokens(ctx, ended, account.sub)
    response = RedirectResponse(target, status_code=303)
    clear_session_cookies(response)
    return response


@router.get("/logout", response_model=None)
def logout(request: Request, ctx: SigninDep, asked: Annotated[LogoutRequest, Query()]) -> Response:
    return _logout(request, ctx, asked, posted=False)


@router.post("/logout", response_model=None)
def logout_by_post(
    request: Request, ctx: SigninDep, asked: Annotated[LogoutRequest, Form()]
) -> Response:
    """The same request form-encoded (RP-Initiated Logout 1.0, section 2), or the
    confirmation page's form with its token."""
    return _logout(request, ctx, asked, posted=True)
