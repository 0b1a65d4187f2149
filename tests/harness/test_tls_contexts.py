"""The TLS contexts the harness's HTTP clients get (issue 19): built once, and not at all for
a plain-http Mailpit, where building the default trust costs 40-70 ms of start-up."""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from harness.clients import tls
from harness.tools.mailpit import external_endpoints


class Ready(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *_args: object) -> None:
        return


@pytest.fixture
def plain_http() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), Ready)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def test_an_http_mailpit_is_checked_without_building_the_default_trust(plain_http: str) -> None:
    tls.default_context.cache_clear()
    endpoints = external_endpoints(plain_http, "127.0.0.1:1025")
    assert endpoints.api_url == plain_http
    assert tls.default_context.cache_info().currsize == 0, "the default trust was built"


def test_an_http_url_gets_a_context_that_trusts_nothing_and_still_verifies() -> None:
    context = tls.verify_for("http://127.0.0.1:8025")
    assert context is tls.verify_for("HTTP://localhost:1")
    assert context.cert_store_stats()["x509_ca"] == 0
    # Should a connection ever turn to TLS (a redirect to https), it fails, not goes
    # unverified.
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname


def test_an_https_url_gets_the_default_trust_made_once() -> None:
    context = tls.verify_for("https://mailpit.example.test")
    assert context is tls.default_context()
    assert context.cert_store_stats()["x509_ca"] > 0
