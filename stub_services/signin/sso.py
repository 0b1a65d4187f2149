"""The session cookies: `__Host-sid` for top-level pages and `__Host-login_sso` for the
silent check (prompt=none), which runs in a shop's hidden iframe, a third-party context."""

from __future__ import annotations

from fastapi import Request
from starlette.responses import Response

from contract import cookies
from stub_services.common.web import clear_host_cookie, set_host_cookie
from stub_services.signin.store import SESSION_COOKIE

# Same token as __Host-sid, but SameSite=None so the browser sends it in third-party
# iframes. Only prompt=none reads it: pages and forms keep Lax's CSRF protection.
SSO_COOKIE = cookies.SSO


def set_session_cookies(response: Response, token: str) -> None:
    set_host_cookie(response, SESSION_COOKIE, token)
    response.set_cookie(SSO_COOKIE, token, path="/", secure=True, httponly=True, samesite="none")


def clear_session_cookies(response: Response) -> None:
    """Browsers drop a cookie only when the deletion carries the same attributes."""
    clear_host_cookie(response, SESSION_COOKIE)
    response.delete_cookie(SSO_COOKIE, path="/", secure=True, httponly=True, samesite="none")


def browser_session_tokens(request: Request) -> list[str]:
    """Every session token this browser sent, __Host-sid first (they are normally equal)."""
    tokens = [request.cookies.get(SESSION_COOKIE), request.cookies.get(SSO_COOKIE)]
    return list(dict.fromkeys(token for token in tokens if token))
