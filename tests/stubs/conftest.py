"""Fixtures of the stub tests: settings on a tmp state dir, in-process apps, captured mail."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from stub_services.common.settings import Settings
from stub_services.etukortti.app import create_app as create_etukortti
from stub_services.signin.app import create_app as create_signin

from .identity_fakes import FakeBank, FakeRegister, FakeSms
from .support import ETUKORTTI_URL, SIGNIN_URL, TEST_SECRET, Mailbox, TestClient


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(state_dir=tmp_path / "state", etukortti_client_secret=TEST_SECRET)


@pytest.fixture
def mailbox() -> Mailbox:
    return Mailbox()


@pytest.fixture
def backchannel_calls() -> list[httpx.Request]:
    """Back-channel logout requests the sign-in service sent (answered 200, not delivered)."""
    return []


@pytest.fixture
def signin(
    settings: Settings, mailbox: Mailbox, backchannel_calls: list[httpx.Request]
) -> Iterator[TestClient]:
    def answer(request: httpx.Request) -> httpx.Response:
        backchannel_calls.append(request)
        return httpx.Response(200)

    backchannel = httpx.Client(transport=httpx.MockTransport(answer))
    app = create_signin(settings, mailer=mailbox.send, backchannel=backchannel)
    with TestClient(app, base_url=SIGNIN_URL, follow_redirects=False) as client:
        yield client


@pytest.fixture
def etukortti(settings: Settings, signin: TestClient) -> Iterator[TestClient]:
    # Server-to-server calls go to the in-process sign-in app, not over the network.
    app = create_etukortti(settings, signin_client=TestClient(signin.app, base_url=SIGNIN_URL))
    with TestClient(app, base_url=ETUKORTTI_URL, follow_redirects=False) as client:
        yield client


# Identity flows: the sign-in service and the account site with in-memory fakes of the
# bank broker, the customer register and the text-message gateway.
@pytest.fixture
def bank() -> FakeBank:
    return FakeBank()


@pytest.fixture
def register() -> FakeRegister:
    return FakeRegister()


@pytest.fixture
def sms() -> FakeSms:
    return FakeSms()


@pytest.fixture
def s_login(
    settings: Settings, mailbox: Mailbox, bank: FakeBank, register: FakeRegister, sms: FakeSms
) -> Iterator[TestClient]:
    # Jobs after the answer (sign-in texts) run at once, so a test reads the text next.
    app = create_signin(
        settings,
        mailer=mailbox.send,
        bank=bank,
        register=register,
        sms=sms,
        run_later=lambda job: job(),
    )
    with TestClient(app, base_url=SIGNIN_URL, follow_redirects=False) as client:
        yield client


@pytest.fixture
def card_site(
    settings: Settings, s_login: TestClient, register: FakeRegister
) -> Iterator[TestClient]:
    app = create_etukortti(
        settings,
        signin_client=TestClient(s_login.app, base_url=SIGNIN_URL),
        register=register,
    )
    with TestClient(app, base_url=ETUKORTTI_URL, follow_redirects=False) as client:
        yield client
