"""Fixtures of the stub tests: settings on a tmp state dir, in-process apps, captured mail."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from stub_services.common.settings import Settings
from stub_services.etukortti.app import create_app as create_etukortti
from stub_services.signin.app import create_app as create_signin

from .support import ETUKORTTI_URL, SIGNIN_URL, TEST_SECRET, Mailbox, TestClient


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(state_dir=tmp_path / "state", etukortti_client_secret=TEST_SECRET)


@pytest.fixture
def mailbox() -> Mailbox:
    return Mailbox()


@pytest.fixture
def signin(settings: Settings, mailbox: Mailbox) -> Iterator[TestClient]:
    with TestClient(
        create_signin(settings, mailer=mailbox.send), base_url=SIGNIN_URL, follow_redirects=False
    ) as client:
        yield client


@pytest.fixture
def etukortti(settings: Settings, signin: TestClient) -> Iterator[TestClient]:
    # Server-to-server calls go to the in-process sign-in app, not over the network.
    app = create_etukortti(settings, signin_client=TestClient(signin.app, base_url=SIGNIN_URL))
    with TestClient(app, base_url=ETUKORTTI_URL, follow_redirects=False) as client:
        yield client
