"""The harness's control clients send the world's control token, from its manifest, to the
control API only."""

from __future__ import annotations

import httpx
import pytest

from harness.clients.control import ControlClient
from harness.clients.sms import SmsGatewayClient
from harness.environment import environment_from_manifest
from harness.tools.mailpit import MailpitEndpoints

INBOX = MailpitEndpoints("http://127.0.0.1:8025", "127.0.0.1", 1025)


def manifest(token: str | None) -> dict[str, object]:
    sites = {
        name: {"public_url": f"https://{name}.test", "control_url": f"https://127.0.0.1:{port}"}
        for port, name in enumerate(("signin", "etukortti", "sms", "shops"), start=9001)
    }
    data: dict[str, object] = {
        "sites": sites,
        "shops": {"prisma": {"public_url": "https://p.test"}},
    }
    if token is not None:
        data["control_token"] = token
    return data


def recorded(client: httpx.Client) -> list[httpx.Request]:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"now": "2026-01-01T00:00:00+00:00"} if "clock" in
                              request.url.path else [])  # fmt: skip

    client._transport = httpx.MockTransport(answer)
    return seen


def test_every_site_of_a_world_carries_the_token_its_manifest_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SLOGIN_CONTROL_TOKEN", raising=False)
    environment = environment_from_manifest(manifest("t0ken"), INBOX)
    assert {site.control_token for site in environment.sites} == {"t0ken"}
    assert environment.shop("prisma").control_token == "t0ken"
    monkeypatch.setenv("SLOGIN_CONTROL_TOKEN", "configured")
    assert environment_from_manifest(manifest(None), INBOX).signin.control_token == "configured"
    assert environment_from_manifest(manifest("t0ken"), INBOX).signin.control_token == "t0ken"


def test_the_control_token_goes_to_the_control_api_and_nowhere_else(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SLOGIN_CONTROL_TOKEN", raising=False)
    environment = environment_from_manifest(manifest("t0ken"), INBOX)
    control = ControlClient(environment.signin, verify=False)
    sent = recorded(control._http)
    control.advance_clock(60)
    gateway = SmsGatewayClient(environment)
    read = recorded(gateway._http)
    gateway.set_down(True)
    gateway.messages_to("+358401234567")
    assert [r.headers.get("authorization") for r in sent] == ["Bearer t0ken"]
    assert [(r.url.path, r.headers.get("authorization")) for r in read] == [
        ("/_control/fault", "Bearer t0ken"),
        ("/api/v1/messages", None),
    ]
