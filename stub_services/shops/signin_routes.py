"""Sign-in and sign-out of a storefront: top-level login, the silent check (prompt=none in a
hidden iframe), local logout and OIDC back-channel logout."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from stub_services.common.i18n import Lang, as_lang
from stub_services.common.logout_token import InvalidLogoutToken, token_id, verify_logout_token
from stub_services.common.openapi_docs import json_errors, merged, oauth_errors, without_body
from stub_services.common.relying_party import CallbackQuery, RequestSecrets
from stub_services.common.web import SEE_OTHER, PathLang, clear_host_cookie, set_host_cookie
from stub_services.shops.catalogue import Storefront
from stub_services.shops.context import (
    LOGIN_COOKIE,
    PENDING_SECONDS,
    SESSION_COOKIE,
    SSO_COOKIE,
    Shops,
    clear_none_cookie,
    safe_return,
    set_none_cookie,
    shop_pages,
)
from stub_services.shops.deps import Shop, ShopsDep
from stub_services.shops.oidc import SignInError, authorization_url, complete
from stub_services.shops.store import PendingLogin, Purpose, ShopSession

router = APIRouter(tags=["sign-in"])
Answer = Annotated[CallbackQuery, Depends()]  # code, state and error of a redirect back


def _authorize(
    shops: Shops, shop: Storefront, purpose: Purpose, lang: Lang, return_to: str
) -> tuple[RedirectResponse, str]:
    """The redirect to the sign-in service, and the binding for the browser's cookie."""
    pending = PendingLogin(shop.name, purpose, RequestSecrets.new(), lang, return_to)
    binding = shops.store.save_pending(pending)
    return RedirectResponse(authorization_url(shops.settings, pending), status_code=303), binding


def _start(
    shops: Shops,
    request: Request,
    shop: Storefront,
    pending: PendingLogin,
    code: str,
    binding: str | None,
) -> tuple[ShopSession, str] | str:
    """Exchange the callback's code and start the local session: (session, token) or why
    not; `binding` lets the silent check's page hand the session over (/sso/finish)."""
    try:
        identity = complete(shops.settings, shops.provider, pending, code)
    except SignInError as exc:
        return str(exc)
    fields = ShopSession(
        shop.name, identity.sub, identity.email, identity.sid, pending.purpose == "sso"
    )
    previous = request.cookies.get(SESSION_COOKIE)
    token = shops.store.start_session(fields, previous, binding)
    if identity.id_token:
        shops.store.save_id_token(shop.name, identity.sid, identity.id_token)
    shops.events.record("signed_in", identity.email.lower(), shop=shop.name, via=pending.purpose)
    return fields, token


@router.get("/{lang}/login", **SEE_OTHER, responses=shop_pages())
def login(request: Request, lang: PathLang, shops: ShopsDep, shop: Shop) -> RedirectResponse:
    # `return`: the page to come back to (a keyword in Python, so read it by hand).
    return_to = safe_return(request.query_params.get("return"), lang)
    if shops.session(request, shop) is not None:
        return RedirectResponse(return_to, status_code=303)
    response, binding = _authorize(shops, shop, "login", lang, return_to)
    set_host_cookie(response, LOGIN_COOKIE, binding, PENDING_SECONDS)
    return response


def _sign_in_failed(
    shops: Shops, request: Request, shop: Storefront, lang: Lang, reason: str
) -> Response:
    shops.events.record("sign_in_failed", None, shop=shop.name, reason=reason[:160])
    response = shops.refuse(request, shop, lang, 400, "shop.error.sign_in")
    clear_host_cookie(response, LOGIN_COOKIE)
    return response


@router.get("/callback", **SEE_OTHER, response_model=None, responses=shop_pages(400))
def callback(request: Request, shops: ShopsDep, shop: Shop, answer: Answer) -> Response:
    pending = shops.store.take_pending(request.cookies.get(LOGIN_COOKIE), shop.name, "login")
    if pending is None:
        reason = "no pending request (or replayed)"
        return _sign_in_failed(shops, request, shop, as_lang(None), reason)
    lang = as_lang(pending.lang)
    started = answer.refusal(pending.secrets) or _start(
        shops, request, shop, pending, answer.code, None
    )
    if isinstance(started, str):
        return _sign_in_failed(shops, request, shop, lang, started)
    response = RedirectResponse(pending.return_to, status_code=303)
    set_host_cookie(response, SESSION_COOKIE, started[1])
    clear_host_cookie(response, LOGIN_COOKIE)
    return response


@router.post("/{lang}/logout", **SEE_OTHER, responses=shop_pages())
def logout(request: Request, lang: PathLang, shops: ShopsDep, shop: Shop) -> RedirectResponse:
    ended = shops.store.end_session(request.cookies.get(SESSION_COOKIE), shop.name)
    id_token = shops.store.id_token(shop.name, ended.sid) if ended is not None else None
    if ended is not None:
        shops.events.record("signed_out", ended.email.lower(), shop=shop.name)
    query = urlencode(
        {
            **({"id_token_hint": id_token} if id_token else {}),
            "client_id": shop.name,
            "post_logout_redirect_uri": f"{shops.url(shop)}/{lang}/",
            "ui_locales": lang,
        }
    )
    response = RedirectResponse(
        f"{shops.settings.signin_public_url}/logout?{query}", status_code=303
    )
    clear_host_cookie(response, SESSION_COOKIE)
    # Signed out on purpose: no silent check right away to sign the browser back in.
    shops.mark_checked(response)
    return response


# --- the silent check, in the page's hidden iframe ---------------------------------------
@router.get("/sso/start", **SEE_OTHER, responses=shop_pages())
def sso_start(shops: ShopsDep, shop: Shop, lang: str = "sv") -> RedirectResponse:
    lg = as_lang(lang)
    response, binding = _authorize(shops, shop, "sso", lg, f"/{lg}/")
    set_none_cookie(response, SSO_COOKIE, binding, PENDING_SECONDS)
    shops.mark_checked(response)
    return response


def _sso_page(
    shops: Shops,
    request: Request,
    shop: Storefront,
    lang: Lang,
    result: str,
    status_code: int = 200,
) -> HTMLResponse:
    return shops.pages[shop.name].render(
        request, "sso_callback.html", lang, status_code, switch_to="/", result=result
    )


@router.get(
    "/sso/callback",
    response_model=None,
    response_class=HTMLResponse,
    responses=shop_pages(400),
)
def sso_callback(request: Request, shops: ShopsDep, shop: Shop, answer: Answer) -> Response:
    binding = request.cookies.get(SSO_COOKIE)
    pending = shops.store.take_pending(binding, shop.name, "sso")
    refusal = answer.refusal(pending.secrets) if pending else None
    if pending is None or refusal == "state mismatch":
        shops.events.record("sso_check", None, shop=shop.name, result="refused")
        response = _sso_page(shops, request, shop, as_lang(None), "login_required", 400)
        clear_none_cookie(response, SSO_COOKIE)
        return response
    lang = as_lang(pending.lang)
    if refusal is not None:
        # login_required: no session there, or this browser does not send its cookie.
        shops.events.record(
            "sso_check", None, shop=shop.name, result=(answer.error or "no code")[:40]
        )
        response = _sso_page(shops, request, shop, lang, "login_required")
        clear_none_cookie(response, SSO_COOKIE)
        return response
    started = _start(shops, request, shop, pending, answer.code, binding)
    if isinstance(started, str):
        shops.events.record("sign_in_failed", None, shop=shop.name, reason=started[:160])
        response = _sso_page(shops, request, shop, lang, "login_required", 400)
        clear_none_cookie(response, SSO_COOKIE)
        return response
    response = _sso_page(shops, request, shop, lang, "signed_in")
    set_host_cookie(response, SESSION_COOKIE, started[1])
    return response


@router.post(
    "/sso/finish",
    response_model=None,
    status_code=204,
    responses=merged(without_body(204), oauth_errors(400, 403), json_errors(404)),
)
def sso_finish(request: Request, shops: ShopsDep, shop: Shop) -> Response:
    """Called by the iframe's own script (same origin): sets the session cookie in a
    context where every browser accepts it, rotating the session's token once."""
    origin = request.headers.get("origin")
    if origin is not None and origin != shops.url(shop):
        return JSONResponse({"error": "invalid_request"}, status_code=403)
    token = shops.store.take_handoff(request.cookies.get(SSO_COOKIE), shop.name)
    if token is None:
        response: Response = JSONResponse({"error": "invalid_request"}, status_code=400)
    else:
        response = Response(status_code=204)
        set_host_cookie(response, SESSION_COOKIE, token)
    clear_none_cookie(response, SSO_COOKIE)
    return response


# --- back-channel logout from the sign-in service -------------------------------------------
@router.post("/backchannel-logout", responses=merged(oauth_errors(400), json_errors(404)))
def backchannel_logout(
    shops: ShopsDep, shop: Shop, logout_token: Annotated[str, Form()] = ""
) -> JSONResponse:
    refused = JSONResponse({"error": "invalid_request"}, status_code=400)
    try:
        claims = verify_logout_token(logout_token, shops.provider, shop.name)
    except InvalidLogoutToken as exc:
        shops.events.record("backchannel_refused", None, shop=shop.name, reason=str(exc)[:160])
        return refused
    if not shops.store.first_use_of_jti(shop.name, token_id(logout_token)):
        shops.events.record("backchannel_refused", None, shop=shop.name, reason="replayed jti")
        return refused
    for ended in shops.store.end_sessions(shop.name, claims.sid, claims.sub):
        shops.events.record("signed_out", ended.email.lower(), shop=shop.name, via="backchannel")
    return JSONResponse({}, headers={"Cache-Control": "no-store"})
