"""OpenID Connect provider routes: discovery, JWKS, authorize, token, userinfo and logout.

The provider follows OpenID Connect Core and Discovery 1.0 closely enough for a stock client
library: RS256 ID tokens with a published `kid`, client_secret_basic and client_secret_post,
GET and POST for /authorize and /userinfo; RP-initiated logout is in `logout`.
"""

from __future__ import annotations

import base64
import hashlib
import time
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Header, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel

from stub_services.common.discovery import provider_metadata, server_url
from stub_services.common.i18n import as_lang
from stub_services.common.oauth import (
    BEARER,
    TokenForm,
    client_credentials,
    code_refusal,
    grant_type_refusal,
    pkce_s256_requested,
    redirect_error,
    secret_matches,
    token_error,
    token_response,
)
from stub_services.common.openapi_docs import oauth_errors
from stub_services.signin.context import Signin, SigninDep
from stub_services.signin.intents import Intent
from stub_services.signin.sso import browser_session_tokens
from stub_services.signin.store import SESSION_COOKIE, AuthRequest, Session
from stub_services.signin.terms import terms_url

ACCESS_TOKEN_TTL = timedelta(hours=1)
ID_TOKEN_SECONDS = 300
CLAIMS = ["iss", "sub", "aud", "exp", "iat", "nonce", "at_hash", "sid", "email", "email_verified",
          "locale", "created_at"]  # fmt: skip


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


@router.get("/.well-known/openid-configuration")
def discovery(request: Request, ctx: SigninDep) -> dict[str, Any]:
    """OpenID Connect Discovery 1.0 metadata (common/discovery.py), with what only the
    sign-in service has: userinfo, RP-initiated and back-channel logout, prompts."""
    return provider_metadata(
        request,
        ctx.settings.signin_public_url,
        scopes=["openid", "email"],
        claims=CLAIMS,
        userinfo_endpoint=server_url(request, "/userinfo"),
        end_session_endpoint=f"{ctx.settings.signin_public_url}/logout",
        response_modes_supported=["query"],
        prompt_values_supported=["none", "login", "create"],
        claims_parameter_supported=False,
        request_parameter_supported=False,
        request_uri_parameter_supported=False,
        require_request_uri_registration=False,
        backchannel_logout_supported=True,
        backchannel_logout_session_supported=True,
        frontchannel_logout_supported=False,
    )


@router.get("/jwks.json")
def jwks(ctx: SigninDep) -> dict[str, list[dict[str, Any]]]:
    """The public keys ID and logout tokens are signed with (the current one first)."""
    return ctx.keys.jwks()


@router.post("/_control/keys/rotate", tags=["control"])
def rotate_keys(ctx: SigninDep) -> dict[str, str]:
    """Sign with a new key from now on; the previous ones stay in the JWKS for a while."""
    return {"kid": ctx.keys.rotate().kid}


class AuthorizeRequest(BaseModel):
    """The parameters of an authorization request: the query of a GET, or the form body of
    a POST (OpenID Connect Core 3.1.2.1); one model, read by FastAPI either way."""

    client_id: str = ""
    redirect_uri: str = ""
    response_type: str = ""
    state: str | None = None
    nonce: str | None = None
    code_challenge: str = ""
    code_challenge_method: str = ""
    ui_locales: str | None = None
    prompt: str | None = None


FormField = Annotated[str, Form()]


def _authorize(request: Request, ctx: Signin, asked: AuthorizeRequest) -> Response:
    lang = as_lang(asked.ui_locales)
    client = ctx.clients.get(asked.client_id)
    if client is None or asked.redirect_uri not in client.redirect_uris:
        # Never redirect to an unverified URI: show the error here instead.
        return ctx.pages.render(request, "invalid_request.html", lang, 400)
    if asked.response_type != "code":
        return redirect_error(asked.redirect_uri, asked.state, "unsupported_response_type")
    if not pkce_s256_requested(asked.code_challenge_method, asked.code_challenge):
        return redirect_error(
            asked.redirect_uri, asked.state, "invalid_request", "PKCE with S256 is required"
        )
    if not asked.state or not asked.nonce:
        # Every registered client sends both; a request without them is refused rather
        # than signed in without CSRF and replay protection at the client.
        return redirect_error(
            asked.redirect_uri, asked.state, "invalid_request", "state and nonce are required"
        )
    prompts = set((asked.prompt or "").split())
    if "none" in prompts and len(prompts) > 1:
        description = "prompt=none cannot be combined with other values"
        return redirect_error(asked.redirect_uri, asked.state, "invalid_request", description)
    auth = AuthRequest(
        client_id=asked.client_id,
        redirect_uri=asked.redirect_uri,
        state=asked.state,
        nonce=asked.nonce,
        code_challenge=asked.code_challenge,
        lang=lang,
        intent=Intent.CREATE if "create" in prompts else Intent.LOGIN,
    )
    if "none" in prompts:
        return RedirectResponse(silent_authorization(ctx, request, auth), status_code=303)
    ctx.store.save_request(auth)
    session = ctx.store.session(request.cookies.get(SESSION_COOKIE))
    account = ctx.store.account(session.email) if session is not None else None
    if session is not None and account is not None and "login" not in prompts:
        # A live session passes through the terms too, once a new version is published.
        if ctx.terms.outdated(account.sub):
            return RedirectResponse(terms_url(lang, auth.id), status_code=303)
        return RedirectResponse(complete_authorization(ctx, auth, session), 303)
    return RedirectResponse(f"/{lang}/{auth.intent.page}?request={auth.id}", status_code=303)


@router.get("/authorize", response_model=None)
def authorize(
    request: Request, ctx: SigninDep, asked: Annotated[AuthorizeRequest, Query()]
) -> Response:
    return _authorize(request, ctx, asked)


@router.post("/authorize", response_model=None)
def authorize_by_post(
    request: Request, ctx: SigninDep, asked: Annotated[AuthorizeRequest, Form()]
) -> Response:
    """The same request form-encoded in a POST body (OpenID Connect Core 3.1.2.1)."""
    return _authorize(request, ctx, asked)


def at_hash(access_token: str) -> str:
    """The left half of the access token's SHA-256, base64url (Core 3.1.3.6, for RS256)."""
    digest = hashlib.sha256(access_token.encode()).digest()
    return base64.urlsafe_b64encode(digest[: len(digest) // 2]).rstrip(b"=").decode()


@router.post("/token", responses=oauth_errors(400, 401))
def token(
    ctx: SigninDep, form: TokenForm, authorization: Annotated[str, Header()] = ""
) -> JSONResponse:
    credentials = client_credentials(authorization, form)
    if credentials is None:
        return token_error("invalid_request", "use one client authentication method")
    client_id, secret = credentials
    client = ctx.clients.get(client_id)
    if client is None or not secret_matches(client.secret, secret):
        return token_error("invalid_client", "unknown client or wrong secret", 401)
    refused = grant_type_refusal(form.grant_type)
    if refused is not None:
        return refused
    issued = ctx.store.spend_code(form.code)
    now = ctx.store.clock.now()
    refused = code_refusal(issued, client_id, form.redirect_uri, form.code_verifier, now)
    if refused is not None or issued is None:
        return refused or token_error("invalid_grant", "code unknown or already used")
    account = ctx.store.account(issued.email)
    if account is None:
        return token_error("invalid_grant", "account no longer exists")
    access_token = ctx.store.issue_access_token(issued.email, form.code, ACCESS_TOKEN_TTL)
    # Wall-clock times: the ID token is checked by another process with its own clock.
    seconds = int(time.time())
    claims: dict[str, Any] = {
        "iss": ctx.settings.signin_public_url,
        "sub": account.sub,
        "aud": client_id,
        "iat": seconds,
        "exp": seconds + ID_TOKEN_SECONDS,
        "nonce": issued.nonce,
        "at_hash": at_hash(access_token),
        "email": issued.email,
        "email_verified": True,
    }
    if issued.sid:
        claims["sid"] = issued.sid
    return token_response(
        access_token=access_token,
        token_type=BEARER,
        expires_in=int(ACCESS_TOKEN_TTL.total_seconds()),
        scope="openid email",
        id_token=ctx.keys.current().sign(claims),
    )


def _userinfo(ctx: Signin, authorization: str, form_token: str) -> JSONResponse:
    scheme, _, value = authorization.partition(" ")
    header_token = value.strip() if scheme.lower() == "bearer" else ""
    if header_token and form_token:
        # RFC 6750 section 2: a client must not use more than one method in a request.
        return JSONResponse(
            {"error": "invalid_request"},
            status_code=400,
            headers={"WWW-Authenticate": 'Bearer error="invalid_request"'},
        )
    given = header_token or form_token
    email = ctx.store.token_email(given) if given else None
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
        },
        headers={"Cache-Control": "no-store"},
    )


@router.get("/userinfo", responses=oauth_errors(400, 401))
def userinfo(ctx: SigninDep, authorization: Annotated[str, Header()] = "") -> JSONResponse:
    return _userinfo(ctx, authorization, "")


@router.post("/userinfo", responses=oauth_errors(400, 401))
def userinfo_by_post(
    ctx: SigninDep,
    authorization: Annotated[str, Header()] = "",
    access_token: FormField = "",
) -> JSONResponse:
    """The token in the Authorization header, or as `access_token` in a form body."""
    return _userinfo(ctx, authorization, access_token)
