"""Shared `python -m` entry point: parse host/port/TLS flags and run one stub with uvicorn."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

import uvicorn
from fastapi import FastAPI

from stub_services.common.settings import Settings


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
    app = app_factory(Settings.from_env())
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        ssl_certfile=args.ssl_certfile,
        ssl_keyfile=args.ssl_keyfile,
        log_level="warning",
    )
