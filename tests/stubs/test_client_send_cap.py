"""The per-client cap on code sends: on for a sign-in service on its own, off in a test
world, where every browser of a run comes from one address (a nightly matrix sends
thousands of codes from loopback)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from stub_services.common.settings import Settings
from stub_services.common.tls import TlsMaterial
from stub_services.signin import limits
from stub_services.world import child_env

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
PORTS = {
    n: 8443 + i for i, n in enumerate(("signin", "bank", "register", "sms", "etukortti", "shops"))
}


def sends(client_limit: int, count: int) -> list[limits.Limit | None]:
    conn = sqlite3.connect(":memory:")
    conn.executescript(limits.SCHEMA)
    return [
        limits.take_send(
            conn, f"r{i}@example.com", "127.0.0.1", NOW + timedelta(seconds=i), client_limit
        )
        for i in range(count)
    ]


def test_a_client_is_capped_after_its_limit_of_sends_an_hour() -> None:
    results = sends(3, 5)
    assert results[:3] == [None, None, None]
    assert results[3:] == [limits.Limit.CLIENT_SENDS, limits.Limit.CLIENT_SENDS]


def test_no_client_cap_when_the_limit_is_zero() -> None:
    assert set(sends(0, limits.CLIENT_SEND_LIMIT + 20)) == {None}


def test_the_setting_defaults_to_the_cap_and_reads_its_variable() -> None:
    assert Settings.from_env({}).signin_client_send_limit == limits.CLIENT_SEND_LIMIT
    assert Settings.from_env({"SIGNIN_CLIENT_SEND_LIMIT": "0"}).signin_client_send_limit == 0


def test_a_test_world_turns_the_client_cap_off_unless_told(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    tls = TlsMaterial(Path("ca.pem"), Path("cert.pem"), Path("key.pem"), "spki")
    monkeypatch.delenv("SIGNIN_CLIENT_SEND_LIMIT", raising=False)
    env = child_env(Settings(), tmp_path, tls, "127.0.0.1", PORTS)
    assert env["SIGNIN_CLIENT_SEND_LIMIT"] == "0"
    monkeypatch.setenv("SIGNIN_CLIENT_SEND_LIMIT", "50")
    assert (
        child_env(Settings(), tmp_path, tls, "127.0.0.1", PORTS)["SIGNIN_CLIENT_SEND_LIMIT"] == "50"
    )
