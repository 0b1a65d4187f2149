"""Fixtures of the single sign-on tests: the sign-in service with every shop as a client
and a stand-in for the clients' back-channel logout endpoints."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import httpx
import pytest

from stub_services.common.settings import Settings
from stub_services.signin.app import create_app as create_signin
from tests.stubs.identity_fakes import FakeBank, FakeRegister, FakeSms
from tests.stubs.support import SIGNIN_URL, Mailbox, TestClient

from .support import ETUKORTTI_INTERNAL, SHOPS_INTERNAL, RelyingParties


@pytest.fixture
def sso_settings(settings: Settings) -> Settings:
    return replace(
        settings, shops_internal_url=SHOPS_INTERNAL, etukortti_internal_url=ETUKORTTI_INTERNAL
    )


@pytest.fixture
def rps() -> RelyingParties:
    return RelyingParties()


@pytest.fixture
def login(
    sso_settings: Settings,
    mailbox: Mailbox,
    bank: FakeBank,
    register: FakeRegister,
    sms: FakeSms,
    rps: RelyingParties,
) -> Iterator[TestClient]:
    backchannel = httpx.Client(transport=httpx.MockTransport(rps.handle))
    app = create_signin(
        sso_settings,
        mailer=mailbox.send,
        bank=bank,
        register=register,
        sms=sms,
        backchannel=backchannel,
    )
    with TestClient(app, base_url=SIGNIN_URL, follow_redirects=False) as client:
        yield client
