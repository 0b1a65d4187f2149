"""Server-to-server HTTPS clients of the stubs: one place that decides what to trust."""

from __future__ import annotations

import ssl

import httpx

from stub_services.common.settings import Settings


def https_client(settings: Settings, timeout: float = 10.0) -> httpx.Client:
    """Trusts STUB_CA_FILE when set (the world's throwaway CA), else the system store."""
    verify: ssl.SSLContext | bool = True
    if settings.ca_file:
        verify = ssl.create_default_context(cafile=settings.ca_file)
    return httpx.Client(verify=verify, timeout=timeout)
