"""The broker's OpenID Connect routes: discovery, JWKS, authorize and token (RS256 ID tokens)."""

from __future__ import annotations

import base64
import binascii
import hmac
import re
import secrets
import time
import uuid
from datetime import timedelta
from typing import Annotated, Any

import jwt
from fastapi import APIRouter, Form, Header, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from stub_services.bank.context import Broker
from stub_services.bank.store import Store
from stub_services.common.i18n import as_lang
from stub_services.common.oauth import pkce_s256, token_error, with_query
from stub_services.common.openapi_docs import oauth_errors, pages

AUTH_CODE_TTL = timedelta(seconds=60)
TOKEN_SECONDS = 600
_PKCE_CHALLENGE = re.compile(r"^[A-Za-z0-9_-]{43}$")
_SUB_NAMESPACE = uuid.UUID("6f0d7c52-3b1e-4c8e-9a55-2f1f5b0c6e21")


def subject(hetu: str) -> str:
    """A stable pseudonymous `sub` per person, as brokers give (not the identity code)."""
    return str(uuid.uuid5(_SUB_NAMESPACE, hetu))


def _basic_credentials(authorization: str) -> tuple[str, str] | None:
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        client_id, _, secret = base64.b64decode(value.strip()).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return client_id, secret


def id_token(broker: Broker, store: Store, hetu: str, bank_idp: str, nonce: str) -> str:
    identity = store.identity(hetu)
    if identity is None:
        raise LookupError(hetu)
    # Wall-clock times: the sign-in service checks `exp` with its own clock.
    issued = int(time.time())
    claims: dict[str, Any] = {
        "iss": broker.settings.bank_public_url,
        "aud": broker.client.client_id,
        "sub": subject(hetu),
        "iat": issued,
        "exp": issued + TOKEN_SECONDS,
        "nonce": nonce,
        "name": identity.name,
        "given_name": identity.given_name,
        "family_name": identity.family_name,
        "birthdate": identity.birthdate.isoformat(),
        "hetu": hetu,
        "ftn_idp": bank_idp,
    }
    return jwt.encode(
        claims, broker.key.private_key, algorithm="RS256", headers={"kid": broker.key.kid}
    )


def oidc_router(broker: Broker) -> APIRouter:
    router = APIRouter(tags=["oidc"])
    store = broker.store
    client = broker.client

    @router.get("/.well-known/openid-configuration")
    def discovery(request: Request) -> dict[str, Any]:
        public = broker.settings.bank_public_url
        # Back-channel endpoints on the address the caller used: a server that reached
        # this document at https://127.0.0.1:P can reach the token endpoint there too.
        here = str(request.base_url).rstrip("/")
        return {
            "issuer": public,
            "authorization_endpoint": f"{public}/authorize",
            "token_endpoint": f"{here}/token",
            "jwks_uri": f"{here}/jwks.json",
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
            "scopes_supported": ["openid", "profile"],
            "claims_supported": [
                "iss",
                "aud",
                "sub",
                "exp",
                "iat",
                "nonce",
                "name",
                "given_name",
                "family_name",
                "birthdate",
                "hetu",
                "ftn_idp",
            ],
            "ui_locales_supported": ["sv", "fi", "en"],
        }

    @router.get("/jwks.json")
    def jwks() -> dict[str, list[dict[str, Any]]]:
        return {"keys": [broker.key.jwk()]}

    @router.get(
        "/authorize", response_model=None, response_class=HTMLResponse, responses=pages(303, 400)
    )
    def authorize(
        request: Request,
        client_id: str = "",
        redirect_uri: str = "",
        response_type: str = "",
        state: str | None = None,
        nonce: str = "",
        code_challenge: str = "",
        code_challenge_method: str = "",
        ui_locales: str | None = None,
    ) -> Response:
        lang = as_lang(ui_locales)
        if client_id != client.client_id or redirect_uri != client.redirect_uri:
            # Never redirect to an unverified URI: show the error here instead.
            return broker.pages.render(request, "invalid_request.html", lang, 400)
        error: tuple[str, str] | None = None
        if response_type != "code":
            error = ("unsupported_response_type", "only response_type=code")
        elif code_challenge_method != "S256" or not _PKCE_CHALLENGE.match(code_challenge):
            error = ("invalid_request", "PKCE with S256 is required")
        elif not nonce:
            error = ("invalid_request", "nonce is required")
        if error is not None:
            target = with_query(
                redirect_uri, error=error[0], error_description=error[1], state=state
            )
            return RedirectResponse(target, status_code=303)
        request_id = store.save_request(client_id, redirect_uri, state, nonce, code_challenge, lang)
        return RedirectResponse(f"/{lang}/select?request={request_id}", status_code=303)

    @router.post("/token", responses=oauth_errors(400, 401))
    def token(
        grant_type: Annotated[str, Form()] = "",
        code: Annotated[str, Form()] = "",
        redirect_uri: Annotated[str, Form()] = "",
        client_id: Annotated[str, Form()] = "",
        client_secret: Annotated[str, Form()] = "",
        code_verifier: Annotated[str, Form()] = "",
        authorization: Annotated[str, Header()] = "",
    ) -> JSONResponse:
        basic = _basic_credentials(authorization)
        if basic is not None:
            client_id, client_secret = basic
        if client_id != client.client_id or not hmac.compare_digest(
            client.secret.encode(), client_secret.encode()
        ):
            return token_error("invalid_client", "unknown client or wrong secret", 401)
        if grant_type != "authorization_code":
            return token_error("unsupported_grant_type", "only authorization_code")
        issued = store.spend_code(code)
        if issued is None or issued.used:
            return token_error("invalid_grant", "code unknown or already used")
        if issued.client_id != client_id:
            return token_error("invalid_grant", "code issued to another client")
        if store.clock.now() - issued.issued_at > AUTH_CODE_TTL:
            return token_error("invalid_grant", "code expired")
        if issued.redirect_uri != redirect_uri:
            return token_error("invalid_grant", "redirect_uri does not match")
        if not hmac.compare_digest(pkce_s256(code_verifier), issued.code_challenge):
            return token_error("invalid_grant", "PKCE verifier does not match")
        try:
            signed = id_token(broker, store, issued.hetu, issued.bank, issued.nonce)
        except LookupError:
            return token_error("invalid_grant", "identity no longer exists")
        return JSONResponse(
            {
                "id_token": signed,
                "access_token": secrets.token_urlsafe(32),
                "token_type": "Bearer",
                "expires_in": TOKEN_SECONDS,
            },
            headers={"Cache-Control": "no-store"},
        )

    return router
