"""Cross-site request forgery defences of the sign-in service's forms, in two layers.

1. Every form POST a browser sends must come from this site. A POST whose
   `Sec-Fetch-Site` is neither "same-origin" nor "none" (or, without fetch metadata, whose
   `Origin` names another origin or is "null") is refused with a 403 page before any
   route runs. A client that sends neither
   header is not a browser (the harness's HTTP client, a server), and cannot be made to
   send a user's cookies by another site.
2. Forms a signed-in user submits (account, phone, email change, card linking, terms) also
   carry a token bound to the session cookie in a hidden field, checked by each route
   (`deps.CsrfChecked`, or `deps.require_form_token` where the flow is in the form), so
   a browser or proxy that strips `Origin` is covered too.

The forms before sign-in carry no token: there is no session yet, and the code form is
bound to the `__Host-login_tx` cookie (SameSite=Lax, so a cross-site POST arrives without
it and ends on AUTH-4376). `/token` is server to server and authenticated by the client
secret; `/_control` is the test control API.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Annotated
from urllib.parse import urlsplit

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from stub_services.common.i18n import Lang, as_lang, is_lang
from stub_services.common.tokens import digest
from stub_services.signin.store import SESSION_COOKIE, Store

if TYPE_CHECKING:
    from stub_services.signin.context import Signin

# The hidden form field (`csrf_token`) of the forms a signed-in user submits.
CsrfToken = Annotated[str, Form()]
# Server-to-server and cross-site by design: a client's own page may POST an authorization
# or logout request (OpenID Connect Core 3.1.2.1, RP-Initiated Logout 2); token and
# userinfo authenticate the caller, and logout ends a session only with a valid
# id_token_hint or the confirmation form's token (signin/logout.py).
_EXEMPT_PATHS = frozenset({"/token", "/authorize", "/userinfo", "/logout"})
_EXEMPT_PREFIX = "/_control/"
_BROWSER_OWN_FETCH = frozenset({"same-origin", "none"})


class FormTokens:
    """One token a session, the same for every form: a keyed hash of the session cookie."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def token(self, request: Request) -> str:
        """The token for this browser's session; "" when it has no session cookie."""
        session = request.cookies.get(SESSION_COOKIE)
        if not session:
            return ""
        message = f"csrf:{digest(session)}".encode()
        return hmac.new(self._store.code_key(), message, "sha256").hexdigest()

    def ok(self, request: Request, given: str) -> bool:
        expected = self.token(request)
        # As bytes: compare_digest refuses str with non-ASCII, which a forged form may hold.
        return bool(expected and given) and hmac.compare_digest(expected.encode(), given.encode())


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def from_this_site(request: Request, public_url: str) -> bool:
    """False when the browser says the request was started by another site.

    `Sec-Fetch-Site` decides when the browser sends it: these pages' own
    `Referrer-Policy: no-referrer` makes browsers send `Origin: null` even on a form
    posted to the same origin (Fetch standard, "serializing a request origin"), so that
    Origin says nothing. Without fetch metadata, `Origin` decides, and "null" is refused.
    """
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site.lower() in _BROWSER_OWN_FETCH
    origin = request.headers.get("origin")
    if origin is None:
        return True
    here = f"{request.url.scheme}://{request.headers.get('host', '')}"
    return origin.lower() in {_origin(public_url), _origin(here)}


def forbidden(
    ctx: Signin,
    request: Request,
    lang: Lang,
    reason: str,
    *,
    email: str | None = None,
    retry_url: str | None = None,
) -> HTMLResponse:
    """The 403 page: nothing was changed; a link back to the form (or to the home page)."""
    ctx.events.record("csrf_refused", email, path=request.url.path, reason=reason)
    back, label = (retry_url, "failure.retry") if retry_url else (f"/{lang}/", "security.home_link")
    return ctx.pages.render(
        request, "forbidden.html", lang, 403, switch_to="/", back_url=back, back_label=label
    )


def refuse_cross_site_posts(app: FastAPI, ctx: Signin) -> None:
    """Install layer 1. Install it before the security headers, so its 403 page gets them."""

    @app.middleware("http")
    async def same_site_forms_only(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        path = request.url.path
        if (
            request.method == "POST"
            and path not in _EXEMPT_PATHS
            and not path.startswith(_EXEMPT_PREFIX)
            and not from_this_site(request, ctx.settings.signin_public_url)
        ):
            segment = path.split("/")[1] if path.count("/") >= 2 else ""
            lang = segment if is_lang(segment) else as_lang(None)
            return await run_in_threadpool(forbidden, ctx, request, lang, "cross_site")
        return await call_next(request)
