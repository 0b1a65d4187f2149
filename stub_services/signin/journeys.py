"""Where the browser goes next in a flow: after sign-in, after linking, and safe return URLs."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from fastapi import Request
from fastapi.responses import RedirectResponse

from stub_services.common.i18n import Lang
from stub_services.signin.context import Signin
from stub_services.signin.intents import Intent
from stub_services.signin.oidc import complete_authorization
from stub_services.signin.store import SESSION_COOKIE, AuthRequest, Session
from stub_services.signin.terms import terms_url

_MAX_RETURN_URL = 2000


def return_urls(ctx: Signin) -> frozenset[str]:
    """Every page a card-linking flow may return to: the registered clients' lists."""
    return frozenset(url for client in ctx.clients.values() for url in client.return_urls)


def allowed_return(ctx: Signin, url: str) -> bool:
    """Exactly one of the registered return pages. The shape checks come first, so nothing a
    browser could re-read as another host (userinfo, backslashes, control characters) passes
    even if a list entry were ever written carelessly."""
    if not url or len(url) > _MAX_RETURN_URL or any(c in url for c in "\\@ \t\r\n"):
        return False
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc or not parts.path.startswith("/"):
        return False
    return url in return_urls(ctx)


def flow_query(request_id: str = "", return_url: str = "", **extra: str) -> str:
    """`?request=…` or `?return=…` (plus extras), or nothing when the flow has neither."""
    params = {"request": request_id, "return": return_url, **extra}
    query = urlencode({k: v for k, v in params.items() if v})
    return f"?{query}" if query else ""


def link_card_url(lang: Lang, request_id: str = "", return_url: str = "", page: str = "") -> str:
    return f"/{lang}/link-card{page}{flow_query(request_id, return_url)}"


def current_session(ctx: Signin, request: Request) -> Session | None:
    """The browser's session (from __Host-sid), if live and its account still exists."""
    session = ctx.store.session(request.cookies.get(SESSION_COOKIE))
    if session is None or ctx.store.account(session.email) is None:
        return None
    return session


def session_email(ctx: Signin, request: Request) -> str | None:
    """The signed-in address, if the session is live and its account still exists."""
    session = current_session(ctx, request)
    return session.email if session else None


def restart_url(ctx: Signin, lang: Lang, request_id: str) -> str:
    """Where "Försök igen" on the AUTH-4376 page leads. A client's request restarts at the
    client, which makes a new authorization request (new state, nonce and PKCE, bound to
    the browser again): the old one may be spent or expired at the client by now. A flow
    without a client starts again at this service's own sign-in page."""
    auth = ctx.store.request(request_id)
    if auth is not None and (client := ctx.clients.get(auth.client_id or "")) is not None:
        restart = client.restart_url(lang, auth.intent)
        if restart is not None:
            return restart
    return f"/{lang}/login" + (f"?request={request_id}" if request_id else "")


def sign_in_first(ctx: Signin, lang: Lang, then: str) -> RedirectResponse:
    """Send the browser to sign in; once signed in, the flow continues at the local `then`."""
    auth = ctx.store.save_request(AuthRequest(lang=lang, intent=Intent.LOGIN))
    ctx.identity.set_after_sign_in(auth.id, then)
    return RedirectResponse(f"/{lang}/login?request={auth.id}", status_code=303)


def after_sign_in(
    ctx: Signin, auth: AuthRequest | None, session: Session, lang: Lang, intent: Intent | None
) -> str:
    """Outdated terms are accepted first; a new S-login is offered card linking; otherwise
    back to where the flow began."""
    account = ctx.store.account(session.email)
    if account is not None and ctx.terms.outdated(account.sub):
        return terms_url(lang, auth.id if auth is not None else "")
    if auth is None:
        return f"/{lang}/"
    if intent is Intent.CREATE:
        return link_card_url(lang, auth.id)
    target = ctx.identity.after_sign_in(auth.id)
    if target is not None:
        return target
    return complete_authorization(ctx, auth, session)


def after_linking(
    ctx: Signin, lang: Lang, request_id: str, return_url: str, session: Session | None
) -> str:
    """ "Fortsätt" and "Hoppa över": to the (checked) return URL, or back to the client."""
    if return_url:
        return return_url
    auth = ctx.store.request(request_id)
    if auth is None or session is None:
        return f"/{lang}/"
    target = ctx.identity.after_sign_in(auth.id)
    return target if target is not None else complete_authorization(ctx, auth, session)
