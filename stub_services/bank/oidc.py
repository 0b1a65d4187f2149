"""The broker's OpenID Connect routes: discovery, JWKS, authorize and token (RS256 ID tokens)."""

from __future__ import annotations

import base64
import binascii
import secrets
import time
import uuid
from typing import Annotated, Any

import jwt
from fastapi import APIRouter, Header, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from stub_services.bank.context import Broker, BrokerDep
from stub_services.bank.store import AuthRequest
from stub_services.common import oauth
from stub_services.common.discovery import provider_metadata
from stub_services.common.i18n import as_lang
from stub_services.common.openapi_docs import oauth_errors, pages

TOKEN_SECONDS = 600
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


def id_token(broker: Broker, hetu: str, bank_idp: str, nonce: str) -> str:
    identity = broker.store.identity(hetu)
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


router = APIRouter(tags=["oidc"])

_CLAIMS = ["iss", "aud", "sub", "exp", "iat", "nonce", "name", "given_name", "family_name"]


@router.get("/.well-known/openid-configuration")
def discovery(request: Request, broker: BrokerDep) -> dict[str, Any]:
    return provider_metadata(
        request,
        broker.settings.bank_public_url,
        scopes=["openid", "profile"],
        claims=[*_CLAIMS, "birthdate", "hetu", "ftn_idp"],
    )


@router.get("/jwks.json")
def jwks(broker: BrokerDep) -> dict[str, list[dict[str, Any]]]:
    return {"keys": [broker.key.jwk()]}


@router.get(
    "/authorize", response_model=None, response_class=HTMLResponse, responses=pages(303, 400)
)
def authorize(
    request: Request,
    broker: BrokerDep,
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
    client = broker.client
    if client_id != client.client_id or redirect_uri != client.redirect_uri:
        # Never redirect to an unverified URI: show the error here instead.
        return broker.pages.render(request, "invalid_request.html", lang, 400)
    if response_type != "code":
        return oauth.redirect_error(
            redirect_uri, state, "unsupported_response_type", "only response_type=code"
        )
    if not oauth.pkce_s256_requested(code_challenge_method, code_challenge):
        return oauth.redirect_error(
            redirect_uri, state, "invalid_request", "PKCE with S256 is required"
        )
    if not nonce:
        return oauth.redirect_error(redirect_uri, state, "invalid_request", "nonce is required")
    auth = broker.store.save_request(
        AuthRequest(
            client_id=client_id,
            redirect_uri=redirect_uri,
            state=state,
            nonce=nonce,
            code_challenge=code_challenge,
            lang=lang,
        )
    )
    return RedirectResponse(f"/{lang}/select?request={auth.id}", status_code=303)


@router.post("/token", responses=oauth_errors(400, 401))
def token(
    broker: BrokerDep, form: oauth.TokenForm, authorization: Annotated[str, Header()] = ""
) -> JSONResponse:
    client_id, client_secret = _basic_credentials(authorization) or (
        form.client_id,
        form.client_secret,
    )
    client = broker.client
    if client_id != client.client_id or not oauth.secret_matches(client.secret, client_secret):
        return oauth.token_error("invalid_client", "unknown client or wrong secret", 401)
    refused = oauth.grant_type_refusal(form.grant_type)
    if refused is not None:
        return refused
    issued = broker.store.spend_code(form.code)
    now = broker.store.clock.now()
    refused = oauth.code_refusal(issued, client_id, form.redirect_uri, form.code_verifier, now)
    if refused is not None or issued is None:
        return refused or oauth.token_error("invalid_grant", "code unknown or already used")
    try:
        signed = id_token(broker, issued.hetu, issued.bank, issued.nonce or "")
    except LookupError:
        return oauth.token_error("invalid_grant", "identity no longer exists")
    return oauth.token_response(
        id_token=signed,
        access_token=secrets.token_urlsafe(32),
        token_type=oauth.BEARER,
        expires_in=TOKEN_SECONDS,
    )
