"""Shared `python -m` entry point: parse host/port/TLS flags and run one stub with uvicorn."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import secrets
from collections.abc import Callable, Sequence
from typing import Any

import h11
import uvicorn
from fastapi import FastAPI
from uvicorn.protocols.http.h11_impl import H11Protocol

from stub_services.common.settings import Settings


class HeadTimeoutProtocol(H11Protocol):
    """uvicorn's h11 protocol, but a client gets `head_timeout_s` to send a request's head
    (request line and headers), counted from the connection or from the first byte of the
    next request on a kept-alive one; then the connection is closed. uvicorn alone waits
    for ever, so a slowloris client (a header line every few seconds) holds a connection
    indefinitely. nginx's client_header_timeout is the model."""

    head_timeout_s: float = 10.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_head_timer()

    def data_received(self, data: bytes) -> None:
        if self.conn.their_state is h11.IDLE:
            self._arm_head_timer()  # a new request begins (no-op if one is timed already)
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._disarm_head_timer()  # the head is complete

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_head_timer()
        super().connection_lost(exc)

    def _arm_head_timer(self) -> None:
        if self._head_timer is None:
            self._head_timer = self.loop.call_later(self.head_timeout_s, self._head_timed_out)

    def _disarm_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.logger.info("Closing a connection whose request head took too long")
            self.transport.close()


def head_timeout_protocol(seconds: float) -> type[HeadTimeoutProtocol]:
    """The protocol class for uvicorn's `http=`, with this deadline for a request's head."""
    return type("HeadTimeoutProtocol", (HeadTimeoutProtocol,), {"head_timeout_s": seconds})


def server_config(
    app: FastAPI,
    settings: Settings,
    *,
    host: str = "127.0.0.1",
    port: int = 8443,
    ssl_certfile: str | None = None,
    ssl_keyfile: str | None = None,
) -> uvicorn.Config:
    """How every stub is served: uvicorn with the request-head deadline of `settings`."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        ssl_certfile=ssl_certfile,
        ssl_keyfile=ssl_keyfile,
        http=head_timeout_protocol(settings.header_timeout_s),
        log_level="warning",
    )


def main(
    app_factory: Callable[[Settings], FastAPI], name: str, argv: Sequence[str] | None = None
) -> None:
    """Serve `app_factory(Settings.from_env())`; TLS when both cert and key are given."""
    parser = argparse.ArgumentParser(prog=f"python -m stub_services.{name}")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8443)
    parser.add_argument("--ssl-certfile", default=None)
    parser.add_argument("--ssl-keyfile", default=None)
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    if not settings.control_token:
        # Run alone, without STUB_CONTROL_TOKEN: a fresh token, said once so that its
        # developer can use the control API (the world gives every stub its own).
        settings = dataclasses.replace(settings, control_token=secrets.token_urlsafe(32))
        print(f"{name}: control API token (Authorization: Bearer …): {settings.control_token}",
              flush=True)  # fmt: skip
    app = app_factory(settings)
    config = server_config(
        app, settings, host=args.host, port=args.port,
        ssl_certfile=args.ssl_certfile, ssl_keyfile=args.ssl_keyfile,
    )  # fmt: skip
    uvicorn.Server(config).run()
