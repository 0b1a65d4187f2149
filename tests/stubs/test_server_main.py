"""`python -m stub_services.NAME`: the control token it uses, and how uvicorn is set up."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import pytest
import uvicorn

from stub_services.common import server
from stub_services.sms.app import create_app


class Captured:
    """Stands in for uvicorn.Server: keeps the config instead of serving."""

    configs: ClassVar[list[uvicorn.Config]] = []

    def __init__(self, config: uvicorn.Config) -> None:
        self.configs.append(config)

    def run(self) -> None:
        pass


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[uvicorn.Config]:
    Captured.configs = []
    monkeypatch.setattr(uvicorn, "Server", Captured)
    monkeypatch.setenv("STUB_STATE_DIR", str(tmp_path))
    monkeypatch.delenv("STUB_CONTROL_TOKEN", raising=False)
    monkeypatch.delenv("STUB_HEADER_TIMEOUT", raising=False)
    return Captured.configs


def token_of(config: uvicorn.Config) -> str:
    app: Any = config.app
    return str(app.state.control_token)


def test_a_stub_run_alone_makes_up_its_token_and_says_it(
    served: list[uvicorn.Config], capsys: pytest.CaptureFixture[str]
) -> None:
    server.main(create_app, "sms", ["--port", "0"])
    [config] = served
    token = token_of(config)
    assert len(token) >= 32
    assert f"sms: control API token (Authorization: Bearer …): {token}" in capsys.readouterr().out
    assert issubclass(config.http, server.HeadTimeoutProtocol)  # type: ignore[arg-type]
    assert config.http.head_timeout_s == 10.0  # type: ignore[union-attr]


def test_a_stub_takes_the_token_and_deadline_it_is_given(
    served: list[uvicorn.Config],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("STUB_CONTROL_TOKEN", "given-token")
    monkeypatch.setenv("STUB_HEADER_TIMEOUT", "2.5")
    server.main(create_app, "sms", ["--port", "0"])
    [config] = served
    assert token_of(config) == "given-token"
    assert "given-token" not in capsys.readouterr().out
    assert config.http.head_timeout_s == 2.5  # type: ignore[union-attr]
