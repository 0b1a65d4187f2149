"""HTTP access to a site under its public host name, as an integration would reach it.

In the stub world the sites listen on loopback ports; the request goes to the control
address while the Host header names the public site, so cookies and redirects look as
they would in production. A remote environment is reached at its public URL, through the
environment's transport (its CA, and the host names its profile maps).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx

from harness.environment import Environment, Site


def site_client(site: Site, environment: Environment) -> httpx.Client:
    base = site.control_url or site.public_url
    return httpx.Client(
        base_url=base,
        headers={"Host": urlsplit(site.public_url).netloc},
        transport=environment.transport(),
        timeout=15,
        follow_redirects=False,
    )
