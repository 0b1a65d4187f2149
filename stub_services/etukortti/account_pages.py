"""Home, OIDC sign-in (login and callback), the profile and logout of the account site."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from contract import cookies
from stub_services.common.i18n import Lang, as_lang
from stub_services.common.openapi_docs import json_errors, language_pages
from stub_services.common.openapi_docs import pages as page_answers
from stub_services.common.register_client import RegisterError, mask_card
from stub_services.common.relying_party import CallbackQuery, RequestSecrets, SignInError
from stub_services.common.web import SEE_OTHER, PathLang, clear_host_cookie, set_host_cookie
from stub_services.etukortti.deps import ProfilePage, SiteDep
from stub_services.etukortti.oidc_client import CLIENT_ID, client, complete, current_email
from stub_services.etukortti.site import Page, Site, same_site_path
from stub_services.etukortti.store import SESSION_COOKIE, LocalAccount, PendingLogin

RP_COOKIE = cookies.ETUKORTTI_RP
RP_COOKIE_SECONDS = 600

router = APIRouter()


def created_date(account: LocalAccount, lang: Lang) -> str:
    day = account.signin_created_at.date()
    return f"{day.day}.{day.month}.{day.year}" if lang == "fi" else day.isoformat()


def card_of(site: Site, sub: str) -> tuple[str | None, bool]:
    """The masked linked card (asked fresh each time, so a new link shows at once)."""
    try:
        card = site.register.linked_card(sub)
    except RegisterError as exc:
        site.events.record("register_failed", None, error=str(exc)[:120])
        return None, False
    return (mask_card(card) if card else None), True


def current_account(page: Page) -> LocalAccount:
    """The account with the S-login's current address (it may have changed since)."""
    site, account = page.site, page.account
    access_token = site.store.access_token(page.visitor.session)
    email = current_email(site.signin, access_token, account.sub) if access_token else None
    if email is None or email == account.email:
        return account
    site.store.update_email(account.sub, email)
    site.events.record("email_updated", email, sub=account.sub)
    return replace(account, email=email)


@router.get("/{lang}/", response_class=HTMLResponse, responses=json_errors(404))
def home(request: Request, lang: PathLang, site: SiteDep) -> HTMLResponse:
    account = site.store.session_account(request.cookies.get(SESSION_COOKIE))
    return site.pages.render(request, "home.html", lang, signed_in=account is not None)


@router.get("/{lang}/login", **SEE_OTHER, responses=json_errors(404))
def login(
    request: Request, lang: PathLang, site: SiteDep, create: str = "", next: str = ""
) -> RedirectResponse:
    """`next`: a path of this site to come back to; anything else means the profile."""
    back_to = same_site_path(next)
    if site.store.session_account(request.cookies.get(SESSION_COOKIE)) is not None:
        return RedirectResponse(back_to or f"/{lang}/profile", status_code=303)
    pending = PendingLogin(RequestSecrets.new(), lang, back_to)
    binding = site.store.save_pending(pending)
    prompt = "create" if create in {"1", "true", "yes"} else None
    target = client(site.settings).authorization_url(pending.secrets, lang, prompt)
    response = RedirectResponse(target, status_code=303)
    set_host_cookie(response, RP_COOKIE, binding, RP_COOKIE_SECONDS)
    return response


def _failed(site: Site, request: Request, lang: Lang, reason: str) -> HTMLResponse:
    site.events.record("sign_in_failed", None, reason=reason)
    response = site.pages.render(request, "error.html", lang, 400)
    clear_host_cookie(response, RP_COOKIE)
    return response


@router.get("/callback", **SEE_OTHER, response_model=None, responses=page_answers(400))
def callback(
    request: Request, site: SiteDep, answer: Annotated[CallbackQuery, Depends()]
) -> Response:
    pending = site.store.take_pending(request.cookies.get(RP_COOKIE))
    if pending is None:
        return _failed(site, request, as_lang(None), "no pending request for this browser")
    lang = as_lang(pending.lang)
    refusal = answer.refusal(pending.secrets)
    if refusal is not None:
        return _failed(site, request, lang, refusal)
    try:
        identity = complete(site.settings, site.signin, pending, answer.code)
    except SignInError as exc:
        return _failed(site, request, lang, str(exc))
    store, events = site.store, site.events
    if store.remember_account(identity.sub, identity.email, identity.created_at):
        events.record("account_created", identity.email, sub=identity.sub)
    previous = request.cookies.get(SESSION_COOKIE)
    token = store.start_session(identity.sub, previous, identity.sid)
    if identity.access_token:
        store.save_access_token(token, identity.access_token)
    if identity.id_token:
        store.save_id_token(token, identity.id_token)
    events.record("signed_in", identity.email, sub=identity.sub)
    back_to = same_site_path(pending.next_path) or f"/{lang}/profile"
    response = RedirectResponse(back_to, status_code=303)
    set_host_cookie(response, SESSION_COOKIE, token)
    clear_host_cookie(response, RP_COOKIE)
    return response


@router.get(
    "/{lang}/profile",
    response_model=None,
    response_class=HTMLResponse,
    responses=language_pages(303),
)
def profile(page: ProfilePage, saved: str = "") -> Response:
    site, lang = page.site, page.lang
    account = current_account(page)
    card, cards_known = card_of(site, account.sub)
    return page.render(
        "profile.html",
        account=account,
        created=created_date(account, lang),
        card=card,
        cards_known=cards_known,
        add_card_url=page.add_card_url(f"/{lang}/profile"),
        edit_login_url=f"{site.settings.signin_public_url}/{lang}/account",
        address=site.customers.address(account.sub),
        saved=saved == "1",
    )


@router.post("/{lang}/logout", **SEE_OTHER, responses=json_errors(404))
def logout(request: Request, lang: PathLang, site: SiteDep) -> RedirectResponse:
    id_token = site.store.take_id_token(request.cookies.get(SESSION_COOKIE))
    account = site.store.end_session(request.cookies.get(SESSION_COOKIE))
    if account is not None:
        site.events.record("signed_out", account.email, sub=account.sub)
    query = urlencode(
        {
            **({"id_token_hint": id_token} if id_token else {}),
            "client_id": CLIENT_ID,
            "post_logout_redirect_uri": f"{site.settings.etukortti_public_url}/{lang}/",
            "ui_locales": lang,
        }
    )
    response = RedirectResponse(f"{site.settings.signin_public_url}/logout?{query}", 303)
    clear_host_cookie(response, SESSION_COOKIE)
    return response
