"""Security headers of the shops: the common set, plus frame-src for the silent check's
iframe; only /sso/callback may be framed, and only by the shop itself."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response

from stub_services.common.security import add_security_headers, content_security_policy

FRAMED_PATH = "/sso/callback"


def shop_policies(signin_url: str) -> tuple[str, str]:
    """The CSP of every page, and the one of the page that runs inside the iframe."""
    page = f"{content_security_policy([signin_url])}; frame-src 'self' {signin_url}"
    return page, page.replace("frame-ancestors 'none'", "frame-ancestors 'self'")


def add_shop_headers(app: FastAPI, signin_url: str) -> None:
    page_csp, framed_csp = shop_policies(signin_url)

    # Added first, so it runs inside the common middleware, which only fills in headers
    # that are still missing.
    @app.middleware("http")
    async def frame_rules(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        if request.url.path == FRAMED_PATH:
            response.headers["Content-Security-Policy"] = framed_csp
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        else:
            response.headers["Content-Security-Policy"] = page_csp
            response.headers["X-Frame-Options"] = "DENY"
        return response

    add_security_headers(app, [signin_url])
