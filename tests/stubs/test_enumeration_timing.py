"""No account enumeration: a known and an unknown address get the same page, status, cookie
and mail work, and their response times are indistinguishable.

Mail goes over real SMTP (the service's own `smtp_mailer`) to a small SMTP server in this
test, so sending is a real cost on both paths: each address must get exactly one message.
Times are compared only with each other, never with a fixed threshold. On a busy 2-core
machine a request takes some 15-20 ms; a difference of one SMTP send (about 5 ms), for
example an unknown address that is answered without mail, fails the check every time,
while differences under about 2 ms are lost in the noise.
"""

from __future__ import annotations

import re
import socketserver
import statistics
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from email import message_from_bytes, policy
from email.message import EmailMessage

import httpx
import pytest

from stub_services.common.settings import Settings
from stub_services.signin.app import create_app as create_signin

from .support import (
    CODE_LINE,
    SIGNIN_URL,
    TestClient,
    query_of,
    set_cookies,
    submit_code,
    submit_email,
    text_of,
)

ROUNDS = 30  # timed pairs a batch
WARM_UP = 4
MAX_BATCHES = 3


@dataclass
class SmtpSink:
    """What the SMTP server received: (recipients, message) per DATA, in order."""

    received: list[tuple[list[str], EmailMessage]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def to(self, address: str) -> list[EmailMessage]:
        with self.lock:
            return [message for rcpt, message in self.received if address in rcpt]

    def count(self) -> int:
        with self.lock:
            return len(self.received)


class _SmtpSession(socketserver.StreamRequestHandler):
    """Just enough ESMTP for smtplib: EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    server: _SmtpServer

    def handle(self) -> None:
        self.wfile.write(b"220 sink.test ESMTP\r\n")
        recipients: list[str] = []
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                self.wfile.write(b"250-sink.test\r\n250 8BITMIME\r\n")
            elif verb == b"RCPT":
                recipients.append(line.decode().split(":", 1)[1].strip().strip("<>"))
                self.wfile.write(b"250 OK\r\n")
            elif verb == b"DATA":
                self.wfile.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                self._read_data(recipients)
                recipients = []
                self.wfile.write(b"250 OK\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 Bye\r\n")
                return
            else:  # MAIL, RSET, NOOP
                self.wfile.write(b"250 OK\r\n")

    def _read_data(self, recipients: list[str]) -> None:
        lines: list[bytes] = []
        while (line := self.rfile.readline()) not in (b".\r\n", b""):
            line = line[1:] if line.startswith(b"..") else line
            lines.append(line.replace(b"\r\n", b"\n"))  # back to Python's own line ends
        message = message_from_bytes(b"".join(lines), policy=policy.default)
        assert isinstance(message, EmailMessage)
        with self.server.sink.lock:
            self.server.sink.received.append((list(recipients), message))


class _SmtpServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, sink: SmtpSink) -> None:
        super().__init__(("127.0.0.1", 0), _SmtpSession)
        self.sink = sink


@pytest.fixture
def smtp() -> Iterator[tuple[SmtpSink, int]]:
    sink = SmtpSink()
    server = _SmtpServer(sink)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield sink, server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def over_smtp(settings: Settings, smtp: tuple[SmtpSink, int]) -> Iterator[TestClient]:
    """The sign-in service with its real SMTP mailer, pointed at the sink."""
    app = create_signin(replace(settings, smtp_port=smtp[1]))
    with TestClient(app, base_url=SIGNIN_URL, follow_redirects=False) as client:
        yield client


def _code_for(sink: SmtpSink, address: str) -> str:
    match = CODE_LINE.search(text_of(sink.to(address)[-1]))
    assert match, f"no code in the mail to {address}"
    return match.group(1)


def _create_accounts(client: TestClient, sink: SmtpSink, addresses: list[str]) -> None:
    for address in addresses:
        client.cookies.clear()
        sent = submit_email(client, address, intent="create")
        rid = query_of(sent.headers["location"])["request"]
        assert submit_code(client, _code_for(sink, address), request=rid).status_code == 303


def _shape(response: httpx.Response) -> str:
    """Everything a visitor sees of the answer, with the per-flow request ID blanked."""
    location = re.sub(r"request=[A-Za-z]+", "request=ID", response.headers.get("location", ""))
    cookies = sorted((name, c.attributes) for name, c in set_cookies(response).items())
    return f"{response.status_code} {location} {cookies}"


@dataclass
class Batch:
    """One round of submissions: how long each took and what each visitor saw."""

    seconds: dict[str, list[float]] = field(default_factory=lambda: {"known": [], "unknown": []})
    shapes: dict[str, set[str]] = field(default_factory=lambda: {"known": set(), "unknown": set()})

    def quartiles(self, kind: str) -> tuple[float, float, float]:
        q1, median, q3 = statistics.quantiles(self.seconds[kind], n=4, method="inclusive")
        return q1, median, q3

    def overlap(self) -> bool:
        """Each median lies within the other's interquartile range."""
        k_q1, k_median, k_q3 = self.quartiles("known")
        u_q1, u_median, u_q3 = self.quartiles("unknown")
        return u_q1 <= k_median <= u_q3 and k_q1 <= u_median <= k_q3

    def describe(self) -> str:
        parts = []
        for kind in ("known", "unknown"):
            q1, median, q3 = (v * 1e3 for v in self.quartiles(kind))
            parts.append(f"{kind} {q1:.2f}/{median:.2f}/{q3:.2f} ms")
        return ", ".join(parts) + " (q1/median/q3)"


def _batch(client: TestClient, known: list[str], unknown: list[str], warm_up: int) -> Batch:
    """Submit each address once as a new visitor (no cookies), known and unknown in turn;
    the first `warm_up` pairs are not timed."""
    batch = Batch()
    for n, pair in enumerate(zip(known, unknown, strict=True)):
        # Alternate which goes first, so drift on a busy machine hits both alike.
        order = [("known", pair[0]), ("unknown", pair[1])]
        for kind, address in order if n % 2 == 0 else reversed(order):
            client.cookies.clear()
            start = time.perf_counter()
            response = submit_email(client, address)
            elapsed = time.perf_counter() - start
            batch.shapes[kind].add(_shape(response))
            if n >= warm_up:
                batch.seconds[kind].append(elapsed)
    return batch


def test_known_and_unknown_addresses_do_the_same_work_and_take_the_same_time(
    over_smtp: TestClient, smtp: tuple[SmtpSink, int]
) -> None:
    sink, _ = smtp
    known = [f"sara.{n}@example.com" for n in range(ROUNDS + WARM_UP)]
    unknown = [f"olli.{n}@example.com" for n in range(ROUNDS + WARM_UP)]
    _create_accounts(over_smtp, sink, known)
    sent_before = {address: len(sink.to(address)) for address in known + unknown}

    batches = [_batch(over_smtp, known, unknown, WARM_UP)]

    # The same answer, down to the cookie attributes.
    first = batches[0]
    assert len(first.shapes["known"]) == 1, first.shapes
    assert first.shapes["known"] == first.shapes["unknown"]
    # The same work: exactly one more message to every address, a code or a notice.
    for address in known + unknown:
        assert len(sink.to(address)) == sent_before[address] + 1, address
    assert all(CODE_LINE.search(text_of(sink.to(a)[-1])) for a in known)
    assert not any(CODE_LINE.search(text_of(sink.to(a)[-1])) for a in unknown)

    # The same time. Noise alone breaks the overlap now and then on a busy machine, a real
    # difference every time: so a batch that does not overlap is measured again, twice.
    while not batches[-1].overlap() and len(batches) < MAX_BATCHES:
        batches.append(_batch(over_smtp, known[WARM_UP:], unknown[WARM_UP:], 0))
    assert batches[-1].overlap(), "response times differ: " + "; ".join(
        batch.describe() for batch in batches
    )
