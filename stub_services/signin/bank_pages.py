"""Back from the bank broker: the callback, bank-code sign-in and its unavailable page."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from stub_services.common.i18n import Lang, as_lang
from stub_services.common.web import PathLang, clear_host_cookie
from stub_services.signin.bank_client import BankError, bank_redirect_uri
from stub_services.signin.card_linking import link_card
from stub_services.signin.context import Signin, SigninDep
from stub_services.signin.id_token import BankIdentity, IdTokenError
from stub_services.signin.identity_store import BANK_TX_COOKIE, BankPurpose, BankTx
from stub_services.signin.intents import Intent
from stub_services.signin.journeys import after_sign_in, flow_query, link_card_url, session_email
from stub_services.signin.link_pages import start_bank
from stub_services.signin.pages import RequestId
from stub_services.signin.sso import browser_session_tokens, set_session_cookies

router = APIRouter(tags=["bank"])


def _redirect_ending_tx(target: str) -> RedirectResponse:
    """Go on to `target`; the bank transaction is over (its cookie is cleared)."""
    response = RedirectResponse(target, status_code=303)
    clear_host_cookie(response, BANK_TX_COOKIE)
    return response


def _refused(ctx: Signin, request: Request, lang: Lang, retry_url: str) -> HTMLResponse:
    response = ctx.pages.render(
        request, "bank_error.html", lang, 400, switch_to="/", retry_url=retry_url
    )
    clear_host_cookie(response, BANK_TX_COOKIE)
    return response


def _link_failed(ctx: Signin, tx: BankTx, reason: str) -> RedirectResponse:
    ctx.events.record("card_link_failed", tx.email, reason=reason)
    query = flow_query(tx.request_id, tx.return_url, reason=reason)
    return _redirect_ending_tx(f"/{tx.lang}/link-card/failed{query}")


def _retry_url(tx: BankTx) -> str:
    lang = as_lang(tx.lang)
    if tx.purpose is BankPurpose.LINK:
        return link_card_url(lang, tx.request_id, tx.return_url)
    return f"/{lang}/login{flow_query(tx.request_id)}"


def _bank_failed(ctx: Signin, request: Request, tx: BankTx, reason: str, error: str) -> Response:
    ctx.events.record("bank_auth_failed", tx.email, purpose=tx.purpose, reason=error[:160])
    if tx.purpose is BankPurpose.LINK:
        return _link_failed(ctx, tx, reason)
    if reason == "cancelled":  # the user chose to leave: back to the sign-in page
        return _redirect_ending_tx(_retry_url(tx))
    return _refused(ctx, request, as_lang(tx.lang), _retry_url(tx))


@router.get("/{lang}/login/bank")
def start_bank_login(
    lang: PathLang, ctx: SigninDep, request_id: RequestId = ""
) -> RedirectResponse:
    known = request_id if ctx.store.request(request_id) is not None else ""
    return start_bank(ctx, lang, BankPurpose.LOGIN, request_id=known)


@router.get("/bank/callback", response_model=None)
def callback(
    request: Request, ctx: SigninDep, code: str = "", state: str = "", error: str = ""
) -> Response:
    tx = ctx.identity.take_bank_tx(request.cookies.get(BANK_TX_COOKIE))
    if tx is None:
        ctx.events.record("bank_auth_failed", None, reason="no transaction for this browser")
        return _refused(ctx, request, as_lang(None), f"/{as_lang(None)}/")
    # As bytes: compare_digest refuses str with non-ASCII, which a forged query may hold.
    if not state or not secrets.compare_digest(state.encode(), tx.state.encode()):
        ctx.events.record("bank_auth_failed", tx.email, reason="state mismatch")
        return _refused(ctx, request, as_lang(tx.lang), _retry_url(tx))
    if error or not code:
        reason = "cancelled" if error == "access_denied" else "bank_failed"
        return _bank_failed(ctx, request, tx, reason, error or "no code")
    try:
        tokens = ctx.bank.token(code, tx.verifier, bank_redirect_uri(ctx.settings))
        identity = ctx.id_tokens.verify(str(tokens.get("id_token", "")), tx.nonce)
    except (BankError, IdTokenError) as exc:
        return _bank_failed(ctx, request, tx, "bank_failed", f"{type(exc).__name__}: {exc}")
    if tx.purpose is BankPurpose.LOGIN:
        return _bank_sign_in(ctx, request, tx, identity)
    return _finish_link(ctx, request, tx, identity)


def _finish_link(
    ctx: Signin, request: Request, tx: BankTx, identity: BankIdentity
) -> RedirectResponse:
    email = session_email(ctx, request)
    if email is None or email != tx.email:
        return _link_failed(ctx, tx, "unexpected")  # the browser's session changed on the way
    reason = link_card(ctx, tx, identity, email)
    if reason is not None:
        return _link_failed(ctx, tx, reason)
    return _redirect_ending_tx(
        link_card_url(as_lang(tx.lang), tx.request_id, tx.return_url, "/done")
    )


def _bank_sign_in(
    ctx: Signin, request: Request, tx: BankTx, identity: BankIdentity
) -> RedirectResponse:
    lang = as_lang(tx.lang)
    link = ctx.identity.link_by_hetu(identity.hetu)
    if link is None or ctx.store.account(link.email) is None:
        ctx.events.record("bank_login_unavailable", None, idp=identity.idp)
        return _redirect_ending_tx(f"/{lang}/bank-login/unavailable{flow_query(tx.request_id)}")
    token, session = ctx.store.start_session(link.email, browser_session_tokens(request))
    ctx.events.record("bank_signed_in", link.email, idp=identity.idp)
    auth = ctx.store.request(tx.request_id)
    response = RedirectResponse(after_sign_in(ctx, auth, session, lang, Intent.LOGIN), 303)
    set_session_cookies(response, token)
    clear_host_cookie(response, BANK_TX_COOKIE)
    return response


@router.get("/{lang}/bank-login/unavailable")
def unavailable(
    request: Request, lang: PathLang, ctx: SigninDep, request_id: RequestId = ""
) -> HTMLResponse:
    known = request_id if ctx.store.request(request_id) is not None else ""
    return ctx.pages.render(
        request, "bank_unavailable.html", lang, email_login_url=f"/{lang}/login{flow_query(known)}"
    )
