"""`./qa doctor` reads the inbox as the scenarios do: with the credentials the environment
names (inbox.auth_env), against a real Mailpit that asks for basic auth."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness import doctor
from harness.config import HarnessConfig
from harness.tools.mailpit import MailpitEndpoints, MailpitProcess, require_mailpit

USER, PASSWORD = "qa", "s3cret"


@pytest.fixture(scope="module")
def guarded_mailpit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MailpitEndpoints]:
    """A Mailpit whose API and UI ask for USER:PASSWORD, as a shared team inbox does."""
    workdir = tmp_path_factory.mktemp("guarded-mailpit")
    digest = base64.b64encode(hashlib.sha1(PASSWORD.encode()).digest()).decode()  # noqa: S324
    passwords = workdir / "htpasswd"
    passwords.write_text(f"{USER}:{{SHA}}{digest}\n")
    config = HarnessConfig.from_env(env={})
    binary = require_mailpit(config.mailpit_bin, config.tools_dir)
    process = MailpitProcess(binary, workdir, extra_args=("--ui-auth-file", str(passwords)))
    endpoints = process.start()
    yield endpoints
    process.stop()


def doctor_says(
    endpoints: MailpitEndpoints,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> tuple[int, str]:
    profile = tmp_path / "team-inbox.toml"
    profile.write_text(
        f'kind = "stub"\n[inbox]\napi_url = "{endpoints.api_url}"\n'
        f'smtp = "{endpoints.smtp_host}:{endpoints.smtp_port}"\nauth_env = "TEAM_INBOX_AUTH"\n'
    )
    for name in ("MAILPIT_URL", "MAILPIT_SMTP", "HARNESS_ENV"):
        monkeypatch.delenv(name, raising=False)
    code = doctor.doctor(HarnessConfig.from_env(str(profile)))
    return code, capsys.readouterr().out


def test_the_doctor_reads_the_inbox_with_its_credentials(
    guarded_mailpit: MailpitEndpoints,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("TEAM_INBOX_AUTH", f"{USER}:{PASSWORD}")
    _, out = doctor_says(guarded_mailpit, tmp_path, monkeypatch, capsys)
    assert f"Mailpit: {guarded_mailpit.api_url} (" in out, out
    assert "NOT USABLE" not in out, out


def test_refused_credentials_fail_the_doctor_naming_the_variable(
    guarded_mailpit: MailpitEndpoints,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """/readyz answers anyone, so the doctor used to say "ready" for an inbox that refuses
    every scenario's read."""
    monkeypatch.setenv("TEAM_INBOX_AUTH", f"{USER}:wrong")
    code, out = doctor_says(guarded_mailpit, tmp_path, monkeypatch, capsys)
    assert code == 1, out
    assert "Mailpit: NOT USABLE" in out, out
    assert f"FAIL inbox: {guarded_mailpit.api_url} refused the harness (HTTP 401)" in out
    assert "TEAM_INBOX_AUTH holds credentials the inbox refused" in out


def test_missing_credentials_fail_the_doctor_saying_which_variable_to_set(
    guarded_mailpit: MailpitEndpoints,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("TEAM_INBOX_AUTH", raising=False)
    code, out = doctor_says(guarded_mailpit, tmp_path, monkeypatch, capsys)
    assert code != 0, out
    assert "TEAM_INBOX_AUTH, which is not set: set TEAM_INBOX_AUTH" in out, out
