"""The shop platform as one FastAPI app: six storefronts, each picked by the Host header,
each its own OIDC client of the sign-in service; 4xx answers in the shop's own chrome."""

from __future__ import annotations

from pathlib import Path

import httpx
from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from stub_services.common.control import StubState, invalid_request, stub_app
from stub_services.common.outbound import https_client
from stub_services.common.provider_metadata import OpenIdProvider
from stub_services.common.register_client import ShopRegister, register_over_https
from stub_services.common.settings import Settings
from stub_services.common.web import answer_early, as_path_lang, mount_static
from stub_services.shops import control, signin_routes, storefront
from stub_services.shops.catalogue import STOREFRONTS
from stub_services.shops.context import Shops
from stub_services.shops.headers import add_shop_headers
from stub_services.shops.store import SCHEMA, Store

SERVICE = "shops"
STATIC_DIR = Path(__file__).parent / "static"


def create_app(
    settings: Settings | None = None,
    *,
    signin_client: httpx.Client | None = None,
    register: ShopRegister | None = None,
) -> FastAPI:
    """Build the app; `signin_client` replaces the HTTPS client of the token endpoint,
    `register` the customer register's client (unit tests use in-memory fakes)."""
    settings = settings or Settings.from_env()
    state = StubState.open(settings, SERVICE, SCHEMA)
    shops = Shops(
        settings=settings,
        store=Store(state.db, state.clock),
        clock=state.clock,
        events=state.events,
        provider=OpenIdProvider(
            signin_client or https_client(settings),
            settings.signin_public_url,
            settings.signin_internal_url,
        ),
        register=register or register_over_https(settings),
        pages=Shops.create_pages(),
    )

    app = stub_app("Shops stub", SERVICE, state)
    app.state.shops = shops
    add_shop_headers(app, settings.signin_public_url)
    answer_early(app)
    mount_static(app)
    app.mount("/shop-static", StaticFiles(directory=STATIC_DIR), name="shop-static")
    app.include_router(signin_routes.router)
    app.include_router(storefront.router)

    app.include_router(control.router)

    def shop_page(request: Request) -> bool:
        """Whether an error should be a page in a shop's chrome (not control or API)."""
        if request.url.path.startswith(("/_control/", "/backchannel-logout", "/sso/finish")):
            return False
        return settings.shop_of_host(request.headers.get("host", "")) in STOREFRONTS

    def error_page(request: Request, status_code: int) -> Response:
        shop = shops.storefront(request)
        key = "shop.error.not_found" if status_code == 404 else "shop.error.bad_request"
        return shops.refuse(request, shop, as_path_lang(request.url.path), status_code, key)

    # A 4xx in the shop's own chrome; control routes and hosts that are no shop keep
    # FastAPI's JSON answers. Pages read the database, so they render in the thread pool.
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if not shop_page(request):
            return await http_exception_handler(request, exc)
        page: Response = await run_in_threadpool(error_page, request, exc.status_code)
        return page

    @app.exception_handler(RequestValidationError)
    async def invalid_input(request: Request, exc: RequestValidationError) -> Response:
        if not shop_page(request):
            return await invalid_request(request, exc)
        page: Response = await run_in_threadpool(error_page, request, 400)
        return page

    return app
