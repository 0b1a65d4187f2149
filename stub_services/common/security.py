"""Middleware that adds security headers to every response of a stub."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable

from fastapi import FastAPI, Request, Response

HSTS = "max-age=31536000"


def content_security_policy(form_targets: Iterable[str]) -> str:
    """CSP that still lets forms land on the other stub after a redirect."""
    targets = " ".join(sorted(set(form_targets)))
    return (
        "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'; "
        f"form-action 'self' {targets}".rstrip()
    )


def add_security_headers(app: FastAPI, form_targets: Iterable[str]) -> None:
    """Install the headers middleware; `form_targets` are origins forms may redirect to."""
    csp = content_security_policy(form_targets)

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", csp)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        # Every site of the world is HTTPS only: a browser never tries plain HTTP again.
        response.headers.setdefault("Strict-Transport-Security", HSTS)
        if not request.url.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response
