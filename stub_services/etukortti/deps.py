"""What the account site's routes declare they need: the site from `app.state`, the visitor
(signed in, or sent to sign in first) and forms posted with this session's CSRF token."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Form, Request
from fastapi.responses import RedirectResponse

from stub_services.common.i18n import t
from stub_services.common.register_client import RegisterError
from stub_services.common.web import Answered, PathLang, as_path_lang
from stub_services.etukortti.site import Page, Site, Visitor


def site_of(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


SiteDep = Annotated[Site, Depends(site_of)]


def maybe_visitor(request: Request, site: SiteDep) -> Visitor | None:
    return site.visitor(request)


MaybeVisitor = Annotated[Visitor | None, Depends(maybe_visitor)]


def signed_in(request: Request, lang: PathLang, site: SiteDep, visitor: MaybeVisitor) -> Visitor:
    """Not signed in: sign in first, then come back to this page."""
    if visitor is None:
        raise Answered(site.to_login(request, lang))
    return visitor


SignedIn = Annotated[Visitor, Depends(signed_in)]


def signed_in_page(request: Request, lang: PathLang, site: SiteDep, visitor: SignedIn) -> Page:
    return Page(site, request, lang, visitor)


SignedInPage = Annotated[Page, Depends(signed_in_page)]


def profile_page(request: Request, lang: PathLang, site: SiteDep, visitor: MaybeVisitor) -> Page:
    """Not signed in: sign in first, landing on the profile (the pages of "Mina uppgifter"
    that are reached from it)."""
    if visitor is None:
        raise Answered(RedirectResponse(f"/{lang}/login", status_code=303))
    return Page(site, request, lang, visitor)


ProfilePage = Annotated[Page, Depends(profile_page)]


def posted_form(
    form: str,
    form_page: Callable[..., str],
    *,
    label_key: str = "benefits.try_again",
    come_back: bool = True,
) -> Any:
    """`Depends` of a form's POST: the Page answering it, whose visitor must be signed in
    (else sign in, coming back to `form_page`, a dependency giving the form's path) and
    send this session's CSRF token (else 403, linking back to the form as `label_key`)."""

    def checked(
        request: Request,
        lang: PathLang,
        site: SiteDep,
        visitor: MaybeVisitor,
        back: str,
        csrf_token: Annotated[str, Form()] = "",
    ) -> Page:
        if visitor is None:
            if not come_back:
                raise Answered(RedirectResponse(f"/{lang}/login", status_code=303))
            raise Answered(site.to_login(request, lang, back_to=back))
        page = Page(site, request, lang, visitor)
        if not site.csrf.ok(visitor.session, csrf_token):
            raise Answered(page.csrf_refused(form, back, t(lang, label_key)))
        return page

    # Annotations are strings here (`from __future__ import annotations`) that FastAPI
    # resolves in the module's globals, where `form_page` is not: given as an object.
    checked.__annotations__["back"] = Annotated[str, Depends(form_page)]
    return Depends(checked)


def register_unavailable(request: Request, exc: Exception) -> Any:
    """A register that cannot be reached, from any signed-in page: a clear 503 page."""
    assert isinstance(exc, RegisterError)
    site = site_of(request)
    visitor = site.visitor(request)
    lang = as_path_lang(request.url.path)
    if visitor is None:  # every page that asks the register has a visitor already
        raise exc
    return Page(site, request, lang, visitor).unavailable(exc)
