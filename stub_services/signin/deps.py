"""What a sign-in route may ask for in its signature: the service, the signed-in user, a
checked form token (as full-stack-fastapi-template's `api/deps.py`).

A dependency that cannot give what a route asks for raises one of the exceptions below;
`install_handlers` turns them into the answer the routes used to build by hand: a trip
through the sign-in page, or the 403 page of a forged form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from stub_services.common.i18n import Lang
from stub_services.common.web import PathLang
from stub_services.signin.context import Signin, SigninDep, get_signin
from stub_services.signin.csrf import CsrfToken, forbidden
from stub_services.signin.journeys import session_email, sign_in_first


@dataclass(frozen=True)
class Page:
    """A page being answered: the browser's request, the path's language and the service."""

    request: Request
    lang: Lang
    ctx: Signin

    def render(
        self, template: str, status_code: int = 200, switch_to: str | None = None, **context: Any
    ) -> HTMLResponse:
        return self.ctx.pages.render(
            self.request, template, self.lang, status_code, switch_to, **context
        )


def _page(request: Request, lang: PathLang, ctx: SigninDep) -> Page:
    return Page(request, lang, ctx)


# `page: LangPage` for a route under `/{lang}/` that renders pages of the service.
LangPage = Annotated[Page, Depends(_page)]


class SignInFirst(Exception):
    """The browser has no live session: it signs in first, then carries on at `then`."""

    def __init__(self, lang: Lang, then: str) -> None:
        super().__init__(then)
        self.lang = lang
        self.then = then


class FormRefused(Exception):
    """A signed-in form came without its session's token: nothing is changed."""

    def __init__(self, lang: Lang, email: str | None, retry_url: str) -> None:
        super().__init__(retry_url)
        self.lang = lang
        self.email = email
        self.retry_url = retry_url


def require_signed_in(ctx: Signin, request: Request, lang: Lang, then: str) -> str:
    """The signed-in address; else SignInFirst, to continue at the local `then`."""
    email = session_email(ctx, request)
    if email is None:
        raise SignInFirst(lang, then)
    return email


def require_form_token(
    ctx: Signin, request: Request, lang: Lang, given: str, email: str, retry_url: str
) -> None:
    """FormRefused (the 403 page, linking back to `retry_url`) unless `given` is the token
    of this browser's session."""
    if not ctx.forms.ok(request, given):
        raise FormRefused(lang, email, retry_url)


def signed_in(then: str | None = None) -> Any:
    """A dependency giving the signed-in address; a browser without a session signs in
    first and then carries on at `/{lang}{then}`, or at this very page when `then` is None."""

    def signed_in_email(page: LangPage) -> str:
        path = page.request.url.path if then is None else f"/{page.lang}{then}"
        return require_signed_in(page.ctx, page.request, page.lang, path)

    return Depends(signed_in_email)


# `email: SignedIn`: the page is for a signed-in user, and is returned to after sign-in.
SignedIn = Annotated[str, signed_in()]


def _form_token_checked(page: LangPage, csrf_token: CsrfToken = "") -> None:
    ctx, request = page.ctx, page.request
    if not ctx.forms.ok(request, csrf_token):
        raise FormRefused(page.lang, session_email(ctx, request), request.url.path)


# `_: CsrfChecked` after `SignedIn` (dependencies run in the order declared, and a browser
# without a session must be sent to sign in, not refused): the form's hidden token is this
# session's, else the 403 page links back to the form.
CsrfChecked = Annotated[None, Depends(_form_token_checked)]


def _sign_in_first(request: Request, exc: Exception) -> RedirectResponse:
    assert isinstance(exc, SignInFirst)
    return sign_in_first(get_signin(request), exc.lang, exc.then)


def _refused(request: Request, exc: Exception) -> HTMLResponse:
    assert isinstance(exc, FormRefused)
    ctx = get_signin(request)
    return forbidden(ctx, request, exc.lang, "form_token", email=exc.email, retry_url=exc.retry_url)


def install_handlers(app: FastAPI) -> None:
    """Answer the exceptions the dependencies raise (sync handlers: they use the store)."""
    app.add_exception_handler(SignInFirst, _sign_in_first)
    app.add_exception_handler(FormRefused, _refused)
