"""Text-message sign-in answers a known number as fast as an unknown one: the text goes
out after the answer, so the page never waits for the gateway (which made known numbers
1.6-2x slower). `python -m tests.stubs.test_phone_timing` prints the medians."""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from stub_services.common.settings import Settings
from stub_services.signin.app import create_app as create_signin

from .identity_fakes import FakeBank, FakeRegister, FakeSms
from .identity_flows import form_token
from .support import SIGNIN_URL, Mailbox, TestClient, sign_up

KNOWN = "+358401234567"
UNKNOWN = "+358409876543"
GATEWAY_SECONDS = 0.05  # a gateway's answer time, as the stub world's takes


class SlowSms(FakeSms):
    """A gateway that takes its time, or holds every message until `release` is set."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.release.set()

    def send(self, to: str, text: str) -> None:
        threading.Event().wait(GATEWAY_SECONDS)  # the gateway's own latency
        self.release.wait(timeout=10)
        super().send(to, text)


@pytest.fixture
def sms() -> SlowSms:
    return SlowSms()


@pytest.fixture
def app_client(settings: Settings, sms: SlowSms) -> Iterator[TestClient]:
    yield from _client(settings, sms)


def _client(settings: Settings, sms: SlowSms) -> Iterator[TestClient]:
    """The sign-in service with Sara's S-login and her confirmed number KNOWN."""
    mailbox = Mailbox()
    app = create_signin(
        settings, mailer=mailbox.send, bank=FakeBank(), register=FakeRegister(), sms=sms
    )
    with TestClient(app, base_url=SIGNIN_URL, follow_redirects=False) as client:
        sign_up(client, mailbox, "sara.virtanen@example.com")
        token = form_token(client, "/sv/account/phone")
        client.post("/sv/account/phone", data={"phone": KNOWN, "csrf_token": token})
        confirm = {"code": sms.latest_code(KNOWN), "csrf_token": token}
        assert client.post("/sv/account/phone/confirm", data=confirm).status_code == 303
        yield client


def _answer_seconds(client: TestClient, number: str) -> float:
    client.cookies.clear()
    started = time.perf_counter()
    answer = client.post("/sv/login/sms", data={"phone": number, "request": ""})
    elapsed = time.perf_counter() - started
    assert answer.status_code == 303, answer.text
    return elapsed


def _wait_for_text(sms: SlowSms, count: int) -> None:
    """Until KNOWN has `count` texts (the job after the answer sent it), 10 s at most."""
    deadline = time.monotonic() + 10
    while len(sms.to(KNOWN)) < count:
        assert time.monotonic() < deadline, f"{KNOWN} has {len(sms.to(KNOWN))} texts, not {count}"
        threading.Event().wait(0.01)


def test_the_sign_in_page_does_not_wait_for_the_gateway(
    app_client: TestClient, sms: SlowSms
) -> None:
    sms.release.clear()  # the gateway holds every message from now on
    assert _answer_seconds(app_client, KNOWN) < 2.0, "the answer waited for the gateway"
    sent = len(sms.to(KNOWN))
    sms.release.set()
    _wait_for_text(sms, sent + 1)


def medians(pairs: int = 50) -> tuple[float, float]:
    """Median answer times for a known and an unknown number, `pairs` of each, alternated;
    the service's clock moves a day between pairs, so the send caps never apply."""
    known: list[float] = []
    unknown: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(state_dir=Path(folder) / "state")
        sms = SlowSms()
        for client in _client(settings, sms):
            for _ in range(pairs):
                client.post("/_control/clock/advance", json={"seconds": 86_401})
                unknown.append(_answer_seconds(client, UNKNOWN))
                texts = len(sms.to(KNOWN))
                known.append(_answer_seconds(client, KNOWN))
                _wait_for_text(sms, texts + 1)  # untimed: the text goes out after the answer
    return statistics.median(known), statistics.median(unknown)


if __name__ == "__main__":
    known_s, unknown_s = medians(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
    difference = abs(known_s - unknown_s) / max(known_s, unknown_s)
    print(f"median answer: known {known_s * 1000:.1f} ms, unknown {unknown_s * 1000:.1f} ms, "
          f"difference {difference:.1%} (over 50 pairs; < 10 % expected)")  # fmt: skip
