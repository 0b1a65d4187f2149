"""A client that sends its request head slowly (slowloris) is cut off; others are served."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from stub_services.common.polling import poll_until
from stub_services.common.server import server_config
from stub_services.common.settings import Settings
from stub_services.sms.app import create_app

HEAD_TIMEOUT_S = 0.5
# How long past the deadline the server may take to close: scheduling on a busy machine.
SLACK_S = 2.5


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, int]]:
    """The gateway stub served by uvicorn as the world serves it, on a free port."""
    settings = Settings(state_dir=tmp_path, header_timeout_s=HEAD_TIMEOUT_S)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    server = uvicorn.Server(server_config(create_app(settings), settings, port=port))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    poll_until(lambda: server.started or None, deadline=time.monotonic() + 20, interval_s=0.02)
    yield "127.0.0.1", port
    server.should_exit = True
    thread.join(timeout=10)


def closed_after(sock: socket.socket) -> float:
    """Seconds until the server closes `sock` (reads until EOF, with a deadline)."""
    began = time.monotonic()
    sock.settimeout(HEAD_TIMEOUT_S + SLACK_S)
    try:
        while sock.recv(4096):
            pass
    except TimeoutError:
        pytest.fail(f"the connection was still open {HEAD_TIMEOUT_S + SLACK_S} s later")
    return time.monotonic() - began


@pytest.mark.parametrize(
    "sent",
    [b"GET /healthz HTTP/1.1\r\nHost: sms.test\r\n", b"", b"GET /healthz HT"],
    ids=["headers without their end", "nothing", "half a request line"],
)
def test_a_request_head_not_finished_in_time_is_cut_off(
    served: tuple[str, int], sent: bytes
) -> None:
    with socket.create_connection(served, timeout=5) as sock:
        sock.sendall(sent)
        assert closed_after(sock) < HEAD_TIMEOUT_S + SLACK_S


def test_a_header_line_now_and_then_does_not_keep_the_connection(
    served: tuple[str, int],
) -> None:
    """Slowloris proper: each line resets nothing, the deadline counts from the start."""
    with socket.create_connection(served, timeout=5) as sock:
        began = time.monotonic()
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: sms.test\r\n")
        sock.settimeout(HEAD_TIMEOUT_S / 5)
        cut = False
        while time.monotonic() - began < HEAD_TIMEOUT_S + SLACK_S:
            try:
                sock.sendall(b"X-Slow: 1\r\n")
                cut = sock.recv(4096) == b""
            except TimeoutError:
                continue  # the server keeps quiet; the next line then
            except OSError:
                cut = True
            if cut:
                break
        assert cut, "a header line every 0.1 s kept the connection open"


def test_a_prompt_request_is_served_and_may_keep_its_connection(
    served: tuple[str, int],
) -> None:
    with socket.create_connection(served, timeout=5) as sock:
        for _ in range(2):  # the second on the same, kept-alive connection
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: sms.test\r\n\r\n")
            answer = b""
            while b'"service":"sms"}' not in answer:
                chunk = sock.recv(4096)
                assert chunk, f"closed before the answer; got {answer!r}"
                answer += chunk
            assert answer.startswith(b"HTTP/1.1 200 ")
