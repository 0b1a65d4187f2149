"""Fixtures of the bank broker tests: the broker in-process, with one signing key a run."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from stub_services.bank.app import create_app
from stub_services.bank.keys import KEY_FILE, load_or_create
from stub_services.common.settings import Settings
from tests.stubs.support import TestClient

from .support import BANK_URL, SECRET


@pytest.fixture(scope="session")
def signing_key_pem(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """One RSA key for the session: generating one per test would dominate the run time."""
    folder = tmp_path_factory.mktemp("bank-key")
    load_or_create(folder)
    return (folder / KEY_FILE).read_bytes()


@pytest.fixture
def bank_settings(settings: Settings, signing_key_pem: bytes) -> Settings:
    settings.state_dir.mkdir(parents=True, exist_ok=True)
    key_file = settings.state_dir / KEY_FILE
    key_file.write_bytes(signing_key_pem)
    key_file.chmod(0o600)
    return dataclasses.replace(settings, bank_client_secret=SECRET)


@pytest.fixture
def bank(bank_settings: Settings) -> Iterator[TestClient]:
    app = create_app(bank_settings)
    with TestClient(app, base_url=BANK_URL, follow_redirects=False) as client:
        yield client
