"""Bodies no client should send (NaN, Infinity, broken JSON) get a 4xx from every stub,
never a 500: every stub's app comes from `stub_app`, whose validation answer echoes no
input (a NaN cannot be written back as JSON)."""

from __future__ import annotations

import pytest

from stub_services.common.control import StubState, stub_app
from stub_services.common.settings import Settings

from .support import SIGNIN_URL, TestClient

BODIES = ['{"seconds": NaN}', '{"seconds": Infinity}', '{"seconds": -Infinity}',
          '{"seconds": ', "[]", "null"]  # fmt: skip


@pytest.mark.parametrize("body", BODIES)
def test_a_malformed_body_is_a_4xx_naming_the_field(settings: Settings, body: str) -> None:
    app = stub_app("stub", "stub", StubState.open(settings, "stub", ""))
    with TestClient(app, base_url=SIGNIN_URL, raise_server_exceptions=False) as client:
        answer = client.post(
            "/_control/clock/advance", content=body, headers={"Content-Type": "application/json"}
        )
    assert answer.status_code == 422, answer.text
    assert answer.json()["detail"][0]["loc"][0] == "body"


def test_the_sign_in_service_refuses_nan_too(signin: TestClient) -> None:
    answer = signin.post(
        "/_control/terms",
        content='{"version": NaN}',
        headers={"Content-Type": "application/json"},
    )
    assert answer.status_code == 422, answer.text
