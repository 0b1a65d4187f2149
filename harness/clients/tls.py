"""One TLS context per trust store for the harness's HTTP clients (issue 19).

httpx builds a new `ssl.SSLContext` for every client and for every `httpx.get(...)`: with
the default trust store that means reading certifi's bundle of ~150 certificates, 30-90 ms
of CPU each time. A run made ten or more of them before its first scenario (the inbox,
the world's health checks, doctor's preflight). A context can serve any number of clients
and threads, so the harness makes each one once and passes it as `verify=`.
"""

from __future__ import annotations

import functools
import os
import ssl

import httpx


def verify_for(url: str) -> ssl.SSLContext:
    """What to pass as `verify=` for a client of `url`: the default trust for https, and for
    plain http (a Mailpit on loopback) a context that loads no certificates, since no TLS
    connection is made; should one ever be (a redirect to https), it trusts nothing and
    the connection fails rather than go unverified. Saves building the default context
    (~40-70 ms) in a run that talks https only to its own stub world."""
    return default_context() if url.lower().startswith("https:") else _no_trust()


@functools.cache
def _no_trust() -> ssl.SSLContext:
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


@functools.cache
def default_context() -> ssl.SSLContext:
    """The trust httpx uses by default (certifi, or SSL_CERT_FILE / SSL_CERT_DIR)."""
    return httpx.create_ssl_context()


def ca_context(ca_file: str) -> ssl.SSLContext:
    """A context that trusts `ca_file`, made again only when the file changes (a served
    world started again writes a new CA at the same path)."""
    try:
        stamp = os.stat(ca_file).st_mtime_ns
    except OSError:
        stamp = 0  # ssl reports the missing file when the context is made
    return _ca_context(ca_file, stamp)


@functools.lru_cache(maxsize=8)
def _ca_context(ca_file: str, _stamp: int) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=ca_file)
