"""Set-up mistakes get a message that says what is wrong and what to do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from harness.config import PROJECT_ROOT, HarnessConfig
from harness.errors import HarnessSetupError
from harness.tools.chromium import find_chromium
from harness.tools.mailpit import MailpitProcess, external_endpoints, find_mailpit


def test_a_wrong_chromium_path_lists_every_option() -> None:
    with pytest.raises(HarnessSetupError) as failure:
        find_chromium("/nowhere/chromium")
    text = str(failure.value)
    assert "CHROMIUM_PATH or --chromium-path names, /nowhere/chromium, does not exist" in text
    for option in ("playwright install chromium", "apt-get install -y chromium", "./qa setup"):
        assert option in text


def test_a_malformed_smtp_address_is_explained() -> None:
    with pytest.raises(HarnessSetupError, match="is not HOST:PORT"):
        external_endpoints("http://127.0.0.1:9", "mailpit-without-port")


def test_an_inbox_url_without_smtp_is_explained() -> None:
    with pytest.raises(HarnessSetupError, match="MAILPIT_SMTP is not"):
        external_endpoints("http://127.0.0.1:9", None)


def test_a_down_mailpit_is_named_with_the_way_out() -> None:
    with pytest.raises(HarnessSetupError, match=r"(?s)not reachable.*unset MAILPIT_URL"):
        external_endpoints("http://127.0.0.1:9", "127.0.0.1:1025")


def test_a_missing_mailpit_binary_is_explained(tmp_path: Path) -> None:
    with pytest.raises(HarnessSetupError, match=r"MAILPIT_BIN=.* does not exist"):
        find_mailpit(str(tmp_path / "mailpit"), tmp_path)


def test_a_mailpit_that_dies_at_start_shows_its_log(tmp_path: Path) -> None:
    broken = tmp_path / "mailpit"
    broken.write_text("#!/bin/sh\necho 'cannot bind: address in use' >&2\nexit 3\n")
    broken.chmod(0o755)
    with pytest.raises(HarnessSetupError, match=r"(?s)exited with code 3.*address in use"):
        MailpitProcess(str(broken), tmp_path / "work").start()


def test_half_a_staging_target_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLOGIN_SIGNIN_URL", "https://login.example.com")
    monkeypatch.delenv("SLOGIN_ETUKORTTI_URL", raising=False)
    with pytest.raises(ValueError, match="set both SLOGIN_SIGNIN_URL and SLOGIN_ETUKORTTI_URL"):
        HarnessConfig.from_env()


def test_a_playwright_managed_chromium_is_found_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for build in ("1100", "1187"):
        binary = tmp_path / f"chromium-{build}" / "chrome-linux" / "chrome"
        binary.parent.mkdir(parents=True)
        binary.write_text("")
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path))
    found = find_chromium(None)
    assert found.source == "Playwright-managed browser"
    assert found.path.endswith("chromium-1187/chrome-linux/chrome")


def test_a_wrong_chromium_path_option_stops_qa_before_pytest_starts() -> None:
    """./qa used to check (and print) the Chromium of CHROMIUM_PATH or the system's while
    pytest then drove --chromium-path's, and every scenario failed on its own."""
    env = {k: v for k, v in os.environ.items() if k != "CHROMIUM_PATH"}
    done = subprocess.run(
        [sys.executable, "-m", "harness.cli", "bdd", "features/cookies",
         "--chromium-path", "/nowhere/chromium"],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2, done.stdout + done.stderr
    assert "--chromium-path names, /nowhere/chromium, does not exist" in done.stderr
    assert "qa: Chromium:" not in done.stdout
    assert "test session starts" not in done.stdout
