"""What a shop route declares it needs: the shops from `app.state`, the storefront the Host
names, the browser's session (or sign-in first) and a form posted with its CSRF token."""

from __future__ import annotations

import secrets
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Depends, Form, Request
from fastapi.responses import RedirectResponse

from stub_services.common.i18n import Lang
from stub_services.common.web import Answered, PathLang
from stub_services.shops.catalogue import Storefront
from stub_services.shops.context import CSRF_COOKIE, Shops
from stub_services.shops.store import ShopSession


def shops_of(request: Request) -> Shops:
    shops: Shops = request.app.state.shops
    return shops


ShopsDep = Annotated[Shops, Depends(shops_of)]


def storefront(request: Request, shops: ShopsDep) -> Storefront:
    """The shop named by the Host header; any other host is a 404."""
    return shops.storefront(request)


Shop = Annotated[Storefront, Depends(storefront)]


def maybe_session(request: Request, shops: ShopsDep, shop: Shop) -> ShopSession | None:
    return shops.session(request, shop)


MaybeSession = Annotated[ShopSession | None, Depends(maybe_session)]


def login_url(lang: Lang, return_to: str) -> str:
    return f"/{lang}/login?{urlencode({'return': return_to})}"


def signed_in(request: Request, lang: PathLang, session: MaybeSession) -> ShopSession:
    """Not signed in: sign in first, then come back to this page."""
    if session is None:
        raise Answered(RedirectResponse(login_url(lang, request.url.path), status_code=303))
    return session


SignedIn = Annotated[ShopSession, Depends(signed_in)]


def csrf_checked(
    request: Request,
    lang: PathLang,
    shops: ShopsDep,
    shop: Shop,
    session: MaybeSession,
    csrf_token: Annotated[str, Form()] = "",
) -> None:
    """The form's token must be the browser's CSRF cookie (double submit); else 403."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    # As bytes: compare_digest refuses str with non-ASCII, and a form field may hold any.
    same = secrets.compare_digest(cookie.encode(), csrf_token.encode())
    if not (cookie and csrf_token and same):
        email = session.email.lower() if session else None
        shops.events.record("csrf_refused", email, shop=shop.name, form="buy")
        raise Answered(shops.refuse(request, shop, lang, 403, "shop.error.csrf"))


CsrfChecked = Annotated[None, Depends(csrf_checked)]
