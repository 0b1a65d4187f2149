"""Web helpers shared by the stubs: templates, static files, __Host- cookies, languages."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape
from starlette.responses import Response

from stub_services.common.i18n import LANGS, LANGUAGE_NAMES, Lang, as_lang, catalog, is_lang, t

COMMON_DIR = Path(__file__).parent


class Pages:
    """Jinja2 (autoescaped) rendering of one stub's templates plus the shared base."""

    def __init__(self, template_dir: Path, site_name_key: str, site_class: str) -> None:
        self._site_name_key = site_name_key
        self._site_class = site_class
        env = Environment(
            loader=ChoiceLoader(
                [FileSystemLoader(template_dir), FileSystemLoader(COMMON_DIR / "templates")]
            ),
            autoescape=select_autoescape(default=True, default_for_string=True),
        )
        self._templates = Jinja2Templates(env=env)

    def render(
        self,
        request: Request,
        name: str,
        lang: Lang,
        status_code: int = 200,
        switch_to: str | None = None,
        **context: Any,
    ) -> HTMLResponse:
        """Render `name`; `switch_to` is the language-less path the language links lead to
        (needed when the page answers a POST, whose path cannot be re-opened by a link)."""
        if switch_to is None:
            query = request.url.query
            switch_to = _strip_lang(request.url.path) + (f"?{query}" if query else "")
        switch = {code: f"/{code}{switch_to}" for code in LANGS}
        return self._templates.TemplateResponse(
            request,
            name,
            {
                "lang": lang,
                "tr": catalog(lang),
                "site_name": t(lang, self._site_name_key),
                "site_class": self._site_class,
                "languages": [(c, LANGUAGE_NAMES[c], switch[c]) for c in LANGS],
                **context,
            },
            status_code=status_code,
        )


def _strip_lang(path: str) -> str:
    parts = path.split("/", 2)
    if len(parts) > 1 and is_lang(parts[1]):
        return "/" + (parts[2] if len(parts) > 2 else "")
    return "/"


def mount_static(app: FastAPI) -> None:
    """Shared stylesheet (CSP forbids inline styles) and an empty favicon."""
    app.mount("/static", StaticFiles(directory=COMMON_DIR / "static"), name="static")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)


def require_lang(lang: str) -> Lang:
    """Path languages are sv, fi and en; anything else is a 404."""
    if not is_lang(lang):
        raise HTTPException(status_code=404)
    return lang


# Keyword arguments of a route that answers with a redirect (303 See Other), for its
# OpenAPI operation.
SEE_OTHER: dict[str, Any] = {"status_code": 303, "response_class": RedirectResponse}


# A route with `{lang}` in its path declares `lang: PathLang` instead of calling
# require_lang itself: the signature then says the page is per language.
PathLang = Annotated[Lang, Depends(require_lang)]


def as_path_lang(path: str) -> Lang:
    """The language a path starts with (`/fi/…`), else the default: for pages answered
    outside a route, such as error pages."""
    first = path.split("/")[1] if path.count("/") > 1 else ""
    return as_lang(first if is_lang(first) else None)


class Answered(Exception):
    """Raised by a route dependency that has answered the request itself (a redirect to
    sign in, a refusal page): the route never runs, and the app sends `response`."""

    def __init__(self, response: Response) -> None:
        super().__init__(f"answered {response.status_code}")
        self.response = response


def answer_early(app: FastAPI) -> None:
    """Let the app's dependencies raise `Answered`."""

    async def send(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Answered)
        return exc.response

    app.add_exception_handler(Answered, send)


def set_host_cookie(response: Response, name: str, value: str, max_age: int | None = None) -> None:
    """A `__Host-` cookie: Secure, HttpOnly, SameSite=Lax, Path=/, no Domain."""
    response.set_cookie(
        name, value, max_age=max_age, path="/", secure=True, httponly=True, samesite="lax"
    )


def clear_host_cookie(response: Response, name: str) -> None:
    """Browsers drop a __Host- cookie only when the deletion carries the same attributes."""
    response.delete_cookie(name, path="/", secure=True, httponly=True, samesite="lax")
