"""The control API answers the harness (with its world's token), never a web page in the
test browser; every site tells browsers to use HTTPS only (HSTS)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi import FastAPI

from stub_services.bank.app import create_app as create_bank
from stub_services.common.settings import Settings
from stub_services.etukortti.app import create_app as create_etukortti
from stub_services.register.app import create_app as create_register
from stub_services.shops.app import create_app as create_shops
from stub_services.signin.app import create_app as create_signin
from stub_services.sms.app import create_app as create_sms

from .support import BareTestClient, TestClient

TOKEN = "control-token-of-this-world"
STUBS: dict[str, Callable[[Settings], FastAPI]] = {
    "signin": create_signin,
    "etukortti": create_etukortti,
    "bank": create_bank,
    "register": create_register,
    "sms": create_sms,
    "shops": create_shops,
}


@pytest.mark.parametrize("stub", list(STUBS))
@pytest.mark.parametrize(
    ("authorization", "challenge"),
    [
        (None, 'Bearer realm="_control"'),
        (f"Bearer {TOKEN}-not", 'Bearer realm="_control", error="invalid_token"'),
        (f"Basic {TOKEN}", 'Bearer realm="_control", error="invalid_token"'),
        ("Bearer ", 'Bearer realm="_control", error="invalid_token"'),
    ],
)
def test_the_control_api_refuses_a_request_without_the_worlds_token(
    tmp_path: Path, stub: str, authorization: str | None, challenge: str
) -> None:
    settings = Settings(state_dir=tmp_path, control_token=TOKEN)
    with BareTestClient(STUBS[stub](settings), base_url="https://stub.test") as client:
        right = {"Authorization": f"Bearer {TOKEN}"}
        moved = client.post("/_control/clock/advance", json={"seconds": 3600}, headers=right)
        assert moved.status_code == 200, moved.text
        given = {"Authorization": authorization} if authorization is not None else {}
        for method, path in (("POST", "/_control/reset"), ("GET", "/_control/events")):
            refused = client.request(method, path, headers=given)
            assert refused.status_code == 401, (method, path, refused.text)
            assert refused.headers["www-authenticate"] == challenge
        # Nothing changed: a reset would have taken the clock back an hour.
        clock = client.get("/_control/clock", headers=right).json()["now"]
        assert clock >= moved.json()["now"]


def test_a_stub_without_a_configured_token_makes_one_up(tmp_path: Path) -> None:
    tokens = set()
    for folder in ("one", "two"):
        app = create_sms(Settings(state_dir=tmp_path / folder))
        with BareTestClient(app, base_url="https://sms.test") as client:
            assert client.post("/_control/reset").status_code == 401
            token = app.state.control_token
            sent = client.post("/_control/reset", headers={"Authorization": f"Bearer {token}"})
            assert sent.status_code == 200
        tokens.add(token)
    assert len(tokens) == 2
    assert all(len(token) >= 32 for token in tokens)


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://evil.test"},
        {"Origin": "null"},
    ],
)
def test_a_browser_request_to_the_control_api_is_refused(
    signin: TestClient, headers: dict[str, str]
) -> None:
    moved = signin.post("/_control/clock/advance", json={"seconds": 3600}).json()["now"]
    refused = signin.post("/_control/reset", headers=headers)
    assert refused.status_code == 403
    # A reset would have wiped the clock's offset, taking it back an hour.
    assert signin.get("/_control/clock").json()["now"] >= moved


def test_the_harness_still_resets(signin: TestClient) -> None:
    assert signin.post("/_control/reset").json() == {"status": "reset"}


def test_every_page_asks_for_https_only(signin: TestClient) -> None:
    for path in ("/sv/login", "/.well-known/openid-configuration", "/healthz"):
        answer = signin.get(path)
        assert answer.headers["strict-transport-security"] == "max-age=31536000", path
