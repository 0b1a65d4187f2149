"""The text-message gateway: bearer token, exact-number reads, E.164 and the fault switch."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import datetime

import pytest

from stub_services.common.settings import Settings
from stub_services.sms.app import create_app

from .support import TestClient

SMS_URL = "https://sms.test"
TOKEN = "sms-token-in-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SARA_PHONE = "+358401234567"


@pytest.fixture
def sms(settings: Settings) -> Iterator[TestClient]:
    app = create_app(dataclasses.replace(settings, sms_api_token=TOKEN))
    with TestClient(app, base_url=SMS_URL) as client:
        yield client


def send(client: TestClient, to: str, text: str, headers: dict[str, str] | None = None) -> int:
    response = client.post(
        "/api/v1/messages",
        json={"to": to, "sender": "S-ryhma", "text": text},
        headers=AUTH if headers is None else headers,
    )
    status: int = response.status_code
    return status


def test_health(sms: TestClient) -> None:
    assert sms.get("/healthz").json() == {"status": "ok", "service": "sms"}


def test_accepted_message_is_read_back_by_its_exact_number(sms: TestClient) -> None:
    sent = sms.post(
        "/api/v1/messages",
        json={"to": SARA_PHONE, "sender": "S-ryhma", "text": "Din kod:\n1234\n"},
        headers=AUTH,
    )
    assert sent.status_code == 202
    assert set(sent.json()) == {"id"}
    messages = sms.get("/api/v1/messages", params={"to": SARA_PHONE}).json()
    assert len(messages) == 1
    assert set(messages[0]) == {"id", "to", "sender", "text", "received_at"}
    assert messages[0]["id"] == sent.json()["id"]
    assert (messages[0]["to"], messages[0]["sender"]) == (SARA_PHONE, "S-ryhma")
    assert messages[0]["text"] == "Din kod:\n1234\n"


def test_reads_match_the_number_exactly_oldest_first(sms: TestClient) -> None:
    assert send(sms, SARA_PHONE, "first") == 202
    assert send(sms, "+3584012345670", "someone else") == 202
    assert send(sms, SARA_PHONE, "second") == 202
    texts = [m["text"] for m in sms.get("/api/v1/messages", params={"to": SARA_PHONE}).json()]
    assert texts == ["first", "second"]
    assert sms.get("/api/v1/messages", params={"to": "+35840123456"}).json() == []
    assert len(sms.get("/api/v1/messages").json()) == 3


def test_an_unencoded_plus_in_the_query_still_means_plus(sms: TestClient) -> None:
    send(sms, SARA_PHONE, "hello")
    assert len(sms.get(f"/api/v1/messages?to={SARA_PHONE}").json()) == 1


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}],
    ids=["missing", "wrong", "not-bearer"],
)
def test_sending_needs_the_bearer_token(sms: TestClient, headers: dict[str, str]) -> None:
    assert send(sms, SARA_PHONE, "hello", headers) == 401
    assert sms.get("/api/v1/messages").json() == []


@pytest.mark.parametrize("to", ["0401234567", "040 123 4567", "+358 40 123 4567", "+0401234", ""])
def test_numbers_must_be_international(sms: TestClient, to: str) -> None:
    response = sms.post(
        "/api/v1/messages", json={"to": to, "sender": "S-ryhma", "text": "x"}, headers=AUTH
    )
    assert response.status_code == 422
    assert "E.164" in response.json()["detail"]
    assert sms.get("/api/v1/messages").json() == []


def test_fault_switch_gives_503_and_stores_nothing(sms: TestClient) -> None:
    assert sms.post("/_control/fault", json={"down": True}).json() == {"down": True}
    assert send(sms, SARA_PHONE, "lost") == 503
    assert sms.get("/api/v1/messages").json() == []
    assert sms.post("/_control/fault", json={"down": False}).json() == {"down": False}
    assert send(sms, SARA_PHONE, "delivered") == 202
    assert [m["text"] for m in sms.get("/api/v1/messages").json()] == ["delivered"]


def test_reset_clears_messages_and_the_fault(sms: TestClient) -> None:
    send(sms, SARA_PHONE, "old")
    sms.post("/_control/fault", json={"down": True})
    sms.post("/_control/reset")
    assert sms.get("/api/v1/messages").json() == []
    assert sms.get("/_control/fault").json() == {"down": False}


def test_received_at_follows_the_service_clock(sms: TestClient) -> None:
    now = datetime.fromisoformat(
        sms.post("/_control/clock/advance", json={"seconds": 3600}).json()["now"]
    )
    send(sms, SARA_PHONE, "later")
    received = datetime.fromisoformat(sms.get("/api/v1/messages").json()[0]["received_at"])
    assert 0 <= (received - now).total_seconds() < 60
