"""OpenID Connect provider routes: authorize, token, userinfo and logout."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Annotated

import jwt
from fastapi import APIRouter, Header, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from stub_services.common.i18n import as_lang
from stub_services.common.oauth import (
    BEARER,
    TokenForm,
    code_refusal,
    grant_type_refusal,
    pkce_s256_requested,
    redirect_error,
    secret_matches,
    token_error,
    token_response,
    with_query,
)
from stub_services.signin.backchannel import send_logout_tokens
from stub_services.signin.context import Signin, SigninDep
from stub_services.signin.intents import Intent
from stub_services.signin.sso import browser_session_tokens, clear_session_cookies
from stub_services.signin.store import SESSION_COOKIE, AuthRequest, Session
from stub_services.signin.terms import terms_url

ACCESS_TOKEN_TTL = timedelta(hours=1)
ID_TOKEN_SECONDS = 300


def complete_authorization(ctx: Signin, request: AuthRequest, session: Session) -> str:
    """Where the browser goes once signed in: the client's redirect URI with code and state."""
    if request.client_id is None or request.redirect_uri is None:
        return f"/{request.lang}/"
    return request.back_to_client(code=ctx.store.issue_code(request, session))


def silent_authorization(ctx: Signin, request: Request, auth: AuthRequest) -> str:
    """prompt=none: never a page. A live session (from either cookie: in a shop's iframe only
    __Host-login_sso arrives) gets a code, unless new terms await acceptance."""
    for token in browser_session_tokens(request):
        session = ctx.store.session(token)
        account = ctx.store.account(session.email) if session is not None else None
        if session is None or account is None:
            continue
        if ctx.terms.outdated(account.sub):
            return auth.back_to_client(error="interaction_required")
        return complete_authorization(ctx, auth, session)
    return auth.back_to_client(error="login_required")


router = APIRouter(tags=["oidc"])


@router.get("/authorize", response_model=None)
def authorize(
    request: Request,
    ctx: SigninDep,
    client_id: str = "",
    redirect_uri: str = "",
    response_type: str = "",
    state: str | None = None,
    nonce: str | None = None,
    code_challenge: str = "",
    code_challenge_method: str = "",
    ui_locales: str | None = None,
    prompt: str | None = None,
) -> Response:
    lang = as_lang(ui_locales)
    client = ctx.clients.get(client_id)
    if client is None or redirect_uri not in client.redirect_uris:
        # Never redirect to an unverified URI: show the error here instead.
        return ctx.pages.render(request, "invalid_request.html", lang, 400)
    if response_type != "code":
        return redirect_error(redirect_uri, state, "unsupported_response_type")
    if not pkce_s256_requested(code_challenge_method, code_challenge):
        return redirect_error(redirect_uri, state, "invalid_request", "PKCE with S256 is required")
    if not state or not nonce:
        # Every registered client sends both; a request without them is refused rather
        # than signed in without CSRF and replay protection at the client.
        return redirect_error(
            redirect_uri, state, "invalid_request", "state and nonce are required"
        )
    prompts = set((prompt or "").split())
    if "none" in prompts and len(prompts) > 1:
        description = "prompt=none cannot be combined with other values"
        return redirect_error(redirect_uri, state, "invalid_request", description)
    auth = AuthRequest(
        client_id=client_id,
        redirect_uri=redirect_uri,
        state=state,
        nonce=nonce,
        code_challenge=code_challenge,
        lang=lang,
        intent=Intent.CREATE if "create" in prompts else Intent.LOGIN,
    )
    if "none" in prompts:
        return RedirectResponse(silent_authorization(ctx, request, auth), status_code=303)
    ctx.store.save_request(auth)
    session = ctx.store.session(request.cookies.get(SESSION_COOKIE))
    account = ctx.store.account(session.email) if session is not None else None
    if session is not None and account is not None:
        # A live session passes through the terms too, once a new version is published.
        if ctx.terms.outdated(account.sub):
            return RedirectResponse(terms_url(lang, auth.id), status_code=303)
        return RedirectResponse(complete_authorization(ctx, auth, session), 303)
    return RedirectResponse(f"/{lang}/{auth.intent.page}?request={auth.id}", status_code=303)


@router.post("/token")
def token(ctx: SigninDep, form: TokenForm) -> JSONResponse:
    client = ctx.clients.get(form.client_id)
    if client is None or not secret_matches(client.secret, form.client_secret):
        return token_error("invalid_client", "unknown client or wrong secret", 401)
    refused = grant_type_refusal(form.grant_type)
    if refused is not None:
        return refused
    issued = ctx.store.spend_code(form.code)
    now = ctx.store.clock.now()
    refused = code_refusal(issued, form.client_id, form.redirect_uri, form.code_verifier, now)
    if refused is not None or issued is None:
        return refused or token_error("invalid_grant", "code unknown or already used")
    account = ctx.store.account(issued.email)
    if account is None:
        return token_error("invalid_grant", "account no longer exists")
    # Wall-clock times: the ID token is checked by another process with its own clock.
    seconds = int(time.time())
    claims = {
        "iss": ctx.settings.signin_public_url,
        "sub": account.sub,
        "aud": form.client_id,
        "iat": seconds,
        "exp": seconds + ID_TOKEN_SECONDS,
        "nonce": issued.nonce,
        "email": issued.email,
    }
    if issued.sid:
        claims["sid"] = issued.sid
    return token_response(
        access_token=ctx.store.issue_access_token(issued.email, form.code, ACCESS_TOKEN_TTL),
        token_type=BEARER,
        expires_in=int(ACCESS_TOKEN_TTL.total_seconds()),
        id_token=jwt.encode(claims, client.secret, algorithm="HS256"),
    )


@router.get("/userinfo")
def userinfo(ctx: SigninDep, authorization: Annotated[str, Header()] = "") -> JSONResponse:
    scheme, _, value = authorization.partition(" ")
    email = ctx.store.token_email(value.strip()) if scheme.lower() == "bearer" else None
    account = ctx.store.account(email) if email else None
    if account is None:
        return JSONResponse(
            {"error": "invalid_token"},
            status_code=401,
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )
    return JSONResponse(
        {
            "sub": account.sub,
            "email": account.email,
            "email_verified": True,
            "locale": account.locale,
            "created_at": account.created_at.isoformat(),
        }
    )


@router.get("/logout")
def logout(
    request: Request,
    ctx: SigninDep,
    client_id: str = "",
    post_logout_redirect_uri: str = "",
    state: str | None = None,
    ui_locales: str | None = None,
) -> RedirectResponse:
    # Only __Host-sid: a cross-site <img> must not be able to sign the user out.
    ended = ctx.store.end_session(request.cookies.get(SESSION_COOKIE))
    if ended is not None:
        ctx.events.record("signed_out", ended.email, client_id=client_id or None)
        account = ctx.store.account(ended.email)
        if account is not None:
            send_logout_tokens(ctx, ended, account.sub)
    client = ctx.clients.get(client_id)
    if client is not None and post_logout_redirect_uri in client.post_logout_uris:
        target = with_query(post_logout_redirect_uri, state=state)
    else:
        target = f"/{as_lang(ui_locales)}/"
    response = RedirectResponse(target, status_code=303)
    clear_session_cookies(response)
    return response
