"""What the stubs' OpenAPI documents besides a 200: JSON errors, HTML pages and redirects."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

Responses = dict[int | str, dict[str, Any]]

# A JSON error: FastAPI's list of field errors (422), or the stub's own message.
PROBLEM: dict[str, Any] = {
    "title": "Problem",
    "type": "object",
    "required": ["detail"],
    "properties": {
        "detail": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "object"}}]}
    },
}
# An OAuth 2.0 error of a token endpoint (RFC 6749, 5.2).
OAUTH_ERROR: dict[str, Any] = {
    "title": "OAuthError",
    "type": "object",
    "required": ["error"],
    "properties": {"error": {"type": "string"}, "error_description": {"type": "string"}},
}
HTML: dict[str, Any] = {"type": "string"}
REDIRECTS = frozenset({301, 302, 303, 307, 308})


def _described(codes: tuple[int, ...], content: dict[str, Any] | None) -> Responses:
    out: Responses = {}
    for code in codes:
        out[code] = {"description": HTTPStatus(code).phrase}
        if content is not None:
            out[code]["content"] = dict(content)
    return out


def json_errors(*codes: int) -> Responses:
    """`responses=` for errors with a JSON `detail` (FastAPI answers a body that is not
    JSON with 400, a missing or mistyped field with 422)."""
    return _described(codes, {"application/json": {"schema": PROBLEM}})


def oauth_errors(*codes: int) -> Responses:
    """`responses=` for a token endpoint's `{"error", "error_description"}` answers."""
    return _described(codes, {"application/json": {"schema": OAUTH_ERROR}})


def pages(*codes: int) -> Responses:
    """`responses=` for what a browser gets: redirects (no body) and HTML pages."""
    out = _described(tuple(c for c in codes if c in REDIRECTS), None)
    return out | _described(tuple(c for c in codes if c not in REDIRECTS), _HTML_CONTENT)


def language_pages(*codes: int) -> Responses:
    """`responses=` of a page under `/{lang}/`: `codes` as `pages` does, and a 404 that is
    FastAPI's JSON when the language is not sv, fi or en (`web.require_lang`)."""
    return merged(pages(*codes), json_errors(404))


def without_body(*codes: int) -> Responses:
    """`responses=` for answers that carry no body."""
    return _described(codes, None)


def merged(*parts: Responses) -> Responses:
    """One `responses=` of several: a status in more than one part comes in any of their
    media types (a page route's 404 is HTML, or FastAPI's JSON for an unknown language)."""
    out: Responses = {}
    for part in parts:
        for code, response in part.items():
            if code not in out:
                out[code] = {**response, "content": dict(response.get("content", {}))}
            else:
                out[code]["content"].update(response.get("content", {}))
    for response in out.values():
        if not response["content"]:
            del response["content"]
    return out


_HTML_CONTENT = {"text/html": {"schema": HTML}}
