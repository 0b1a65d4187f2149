"""The stub world for browsers on other machines (Selenium Grid nodes): it listens where it
is told and maps the public host names to the address it advertises."""

from __future__ import annotations

from pathlib import Path

import pytest

from stub_services.common.tls import TlsMaterial
from stub_services.world import Stub, manifest, parse_args

TLS = TlsMaterial(Path("ca.pem"), Path("cert.pem"), Path("key.pem"), "spki")
STUBS = [Stub("signin", "https://login.s-ryhma.test", 8443)]


def rules(data: dict[str, object]) -> str:
    args = data["chromium_args"]
    assert isinstance(args, list)
    return str(args[0])


def test_browsers_reach_the_stubs_at_the_advertised_address() -> None:
    data = manifest(STUBS, "0.0.0.0", TLS, "127.0.0.1", 1025, advertise="10.20.30.40")  # noqa: S104
    assert rules(data) == "--host-resolver-rules=MAP login.s-ryhma.test:443 10.20.30.40:8443"
    # The harness, on this machine, still reaches the control API over loopback.
    sites = data["sites"]
    assert isinstance(sites, dict)
    assert sites["signin"]["control_url"] == "https://127.0.0.1:8443"


def test_without_an_advertised_address_browsers_use_the_bind_address() -> None:
    assert rules(manifest(STUBS, "127.0.0.1", TLS, "127.0.0.1", 1025)).endswith(" 127.0.0.1:8443")


def test_the_addresses_come_from_the_environment_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """So the test session's own world (started by the harness) can be reached by nodes."""
    monkeypatch.setenv("STUB_WORLD_BIND", "0.0.0.0")  # noqa: S104
    monkeypatch.setenv("STUB_WORLD_ADVERTISE", "10.20.30.40")
    args = parse_args([])
    assert (args.bind, args.advertise) == ("0.0.0.0", "10.20.30.40")  # noqa: S104
