"""OpenID Connect provider routes: authorize, token, userinfo and logout."""

from __future__ import annotations

import hmac
import re
import time
from datetime import timedelta
from typing import Annotated

import jwt
from fastapi import APIRouter, Form, Header, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from stub_services.common.clock import parse_time
from stub_services.common.i18n import as_lang
from stub_services.common.oauth import pkce_s256, token_error, with_query
from stub_services.common.web import clear_host_cookie
from stub_services.signin.context import Signin
from stub_services.signin.store import SESSION_COOKIE, AuthRequest, new_request_id
from stub_services.signin.terms import terms_url

AUTH_CODE_TTL = timedelta(seconds=60)
ACCESS_TOKEN_TTL = timedelta(hours=1)
ID_TOKEN_SECONDS = 300
_PKCE_CHALLENGE = re.compile(r"^[A-Za-z0-9_-]{43}$")


def complete_authorization(ctx: Signin, request: AuthRequest, email: str) -> str:
    """Where the browser goes once signed in: the client's redirect URI with code and state."""
    if request.client_id is None or request.redirect_uri is None:
        return f"/{request.lang}/"
    code = ctx.store.issue_code(request, email)
    return with_query(request.redirect_uri, code=code, state=request.state)


def oidc_router(ctx: Signin) -> APIRouter:
    router = APIRouter(tags=["oidc"])

    @router.get("/authorize", response_model=None)
    def authorize(
        request: Request,
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
            target = with_query(redirect_uri, error="unsupported_response_type", state=state)
            return RedirectResponse(target, status_code=303)
        if code_challenge_method != "S256" or not _PKCE_CHALLENGE.match(code_challenge):
            target = with_query(
                redirect_uri,
                error="invalid_request",
                error_description="PKCE with S256 is required",
                state=state,
            )
            return RedirectResponse(target, status_code=303)
        intent = "create" if prompt == "create" else "login"
        auth = AuthRequest(
            new_request_id(), client_id, redirect_uri, state, nonce, code_challenge, lang, intent
        )
        ctx.store.save_request(auth)
        email = ctx.store.session_email(request.cookies.get(SESSION_COOKIE))
        account = ctx.store.account(email) if email is not None else None
        if account is not None:
            # A live session passes through the terms too, once a new version is published.
            if ctx.terms.outdated(account.sub):
                return RedirectResponse(terms_url(lang, auth.id), status_code=303)
            return RedirectResponse(complete_authorization(ctx, auth, account.email), 303)
        page = "register" if intent == "create" else "login"
        return RedirectResponse(f"/{lang}/{page}?request={auth.id}", status_code=303)

    @router.post("/token")
    def token(
        grant_type: Annotated[str, Form()] = "",
        code: Annotated[str, Form()] = "",
        redirect_uri: Annotated[str, Form()] = "",
        client_id: Annotated[str, Form()] = "",
        client_secret: Annotated[str, Form()] = "",
        code_verifier: Annotated[str, Form()] = "",
    ) -> JSONResponse:
        client = ctx.clients.get(client_id)
        if client is None or not hmac.compare_digest(client.secret, client_secret):
            return token_error("invalid_client", "unknown client or wrong secret", 401)
        if grant_type != "authorization_code":
            return token_error("unsupported_grant_type", "only authorization_code")
        row = ctx.store.spend_code(code)
        if row is None or row["used"]:
            return token_error("invalid_grant", "code unknown or already used")
        if row["client_id"] != client_id:
            return token_error("invalid_grant", "code issued to another client")
        if ctx.store.clock.now() - parse_time(row["issued_at"]) > AUTH_CODE_TTL:
            return token_error("invalid_grant", "code expired")
        if row["redirect_uri"] != redirect_uri:
            return token_error("invalid_grant", "redirect_uri does not match")
        if not hmac.compare_digest(pkce_s256(code_verifier), row["code_challenge"]):
            return token_error("invalid_grant", "PKCE verifier does not match")
        email = str(row["email"])
        account = ctx.store.account(email)
        if account is None:
            return token_error("invalid_grant", "account no longer exists")
        access_token = ctx.store.issue_access_token(email, code, ACCESS_TOKEN_TTL)
        # Wall-clock times: the ID token is checked by another process with its own clock.
        issued = int(time.time())
        claims = {
            "iss": ctx.settings.signin_public_url,
            "sub": account.sub,
            "aud": client_id,
            "iat": issued,
            "exp": issued + ID_TOKEN_SECONDS,
            "nonce": row["nonce"],
            "email": email,
        }
        id_token = jwt.encode(claims, client.secret, algorithm="HS256")
        return JSONResponse(
            {
                "access_token": access_token,
                "token_type": "Bearer",
                "expires_in": int(ACCESS_TOKEN_TTL.total_seconds()),
                "id_token": id_token,
            },
            headers={"Cache-Control": "no-store"},
        )

    @router.get("/userinfo")
    def userinfo(authorization: Annotated[str, Header()] = "") -> JSONResponse:
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
        client_id: str = "",
        post_logout_redirect_uri: str = "",
        state: str | None = None,
        ui_locales: str | None = None,
    ) -> RedirectResponse:
        email = ctx.store.end_session(request.cookies.get(SESSION_COOKIE))
        if email is not None:
            ctx.events.record("signed_out", email, client_id=client_id or None)
        client = ctx.clients.get(client_id)
        if client is not None and post_logout_redirect_uri in client.post_logout_uris:
            target = with_query(post_logout_redirect_uri, state=state)
        else:
            target = f"/{as_lang(ui_locales)}/"
        response = RedirectResponse(target, status_code=303)
        clear_host_cookie(response, SESSION_COOKIE)
        return response

    return router
