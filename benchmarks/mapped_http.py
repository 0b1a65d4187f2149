"""httpx clients that reach the stubs' public https names on their loopback ports."""

from __future__ import annotations

import ssl
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

import httpcore
import httpx

from harness.environment import Environment


class MappedBackend(httpcore.AsyncNetworkBackend):
    """Opens TCP connections to mapped (host, port) pairs instead of resolving the name.

    Only the TCP connect is redirected: httpcore still starts TLS with the URL's host as
    server name, and httpx still sends it as Host, so the stubs see their public origin.
    The same trick as Chromium's --host-resolver-rules.
    """

    def __init__(
        self,
        routes: Mapping[tuple[str, int], tuple[str, int]],
        inner: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        self.routes = dict(routes)
        self.inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        host, port = self.routes.get((host, port), (host, port))
        return await self.inner.connect_tcp(
            host, port, timeout=timeout, local_address=local_address, socket_options=socket_options
        )

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        return await self.inner.connect_unix_socket(path, timeout, socket_options)

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


class MappedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport over a connection pool that connects through MappedBackend."""

    def __init__(
        self, routes: Mapping[tuple[str, int], tuple[str, int]], ssl_context: ssl.SSLContext
    ) -> None:
        super().__init__(verify=ssl_context)
        # httpx has no public way to hand its pool a network backend; the pool it built
        # above is replaced before any connection is opened.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context, network_backend=MappedBackend(routes)
        )


def site_routes(environment: Environment) -> dict[tuple[str, int], tuple[str, int]]:
    """Public (host, 443) → the loopback (host, port) each stub site listens on."""
    routes: dict[tuple[str, int], tuple[str, int]] = {}
    for site in (*environment.sites, *environment.shops.values()):
        public, control = urlsplit(site.public_url), urlsplit(site.control_url or "")
        if public.hostname and control.hostname and control.port:
            routes[(public.hostname, public.port or 443)] = (control.hostname, control.port)
    return routes
