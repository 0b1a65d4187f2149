"""The control API answers the harness, never a web page in the test browser; every site
tells browsers to use HTTPS only (HSTS)."""

from __future__ import annotations

import pytest

from .support import TestClient


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
