"""The load benchmark's and the flake soak's own parts that need no stub world."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Coroutine, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import httpcore
import httpx
import pytest

from benchmarks.load import (
    CodeWatcher,
    MappedBackend,
    MappedTransport,
    check_mail,
    percentile,
    read_page,
    spread_ms,
)
from benchmarks.soak import Scenario, always_failing, find_flips, read_results

T = TypeVar("T")


def run_apart(coroutine: Coroutine[Any, Any, T]) -> T:
    """asyncio.run in a thread of its own: in the full suite Playwright's sync API keeps an
    event loop running in the main thread, where asyncio.run refuses to start."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_percentiles_interpolate_between_ranks() -> None:
    assert percentile([5, 1, 3, 2, 4], 0.5) == 3
    assert percentile([1, 2, 3, 4, 5], 0.0) == 1
    assert percentile([1, 2, 3, 4, 5], 1.0) == 5
    assert percentile(range(101), 0.95) == pytest.approx(95)
    # p99 of 1..200 lies between the 198th and 199th values, not on the second largest.
    assert percentile(range(1, 201), 0.99) == pytest.approx(198.01)
    assert percentile([7.0], 0.99) == 7.0


def test_percentiles_refuse_nonsense() -> None:
    with pytest.raises(ValueError, match="no values"):
        percentile([], 0.5)
    with pytest.raises(ValueError, match="between 0 and 1"):
        percentile([1.0], 95)


def test_spread_is_in_milliseconds() -> None:
    assert spread_ms([0.1, 0.2, 0.3]) == {"p50": 200.0, "p95": 290.0, "p99": 298.0, "max": 300.0}
    assert spread_ms([]) == {}


def runs(*outcomes: dict[str, str]) -> list[dict[str, Scenario]]:
    return [{n: Scenario(f"Feature / {n}", o) for n, o in run.items()} for run in outcomes]


def test_a_scenario_that_changes_its_result_between_runs_is_flaky() -> None:
    flips = find_flips(
        runs(
            {"steady": "passed", "flips": "passed", "skips": "skipped"},
            {"steady": "passed", "flips": "failed", "skips": "skipped"},
            {"steady": "passed", "flips": "passed", "skips": "skipped"},
        )
    )
    assert [(f.nodeid, f.outcomes) for f in flips] == [("flips", ("passed", "failed", "passed"))]
    assert flips[0].label == "Feature / flips"


def test_a_rerun_within_one_run_and_a_missing_scenario_count_as_flips() -> None:
    flips = find_flips(
        runs({"rerun": "flaky", "gone": "passed"}, {"rerun": "flaky", "gone": "passed"}, {})
    )
    assert {f.nodeid: f.outcomes for f in flips} == {
        "gone": ("passed", "passed", "missing"),
        "rerun": ("flaky", "flaky", "missing"),
    }
    assert find_flips(runs({"rerun": "flaky"})) != []


def test_a_scenario_failing_every_time_is_broken_not_flaky() -> None:
    history = runs({"broken": "failed", "ok": "passed"}, {"broken": "error", "ok": "passed"})
    assert always_failing(history) == ["Feature / broken"]
    # failed vs error is still a change of result, so it is listed as a flip too
    assert [f.nodeid for f in find_flips(history)] == ["broken"]
    assert always_failing([]) == []


def test_results_are_read_from_the_harness_summary() -> None:
    summary = {
        "started": "2026-01-01T00:00:00+00:00",
        "scenarios": [
            {"nodeid": "a::x", "feature": "F", "scenario": "S", "outcome": "passed"},
            {
                "nodeid": "a::y",
                "feature": "F",
                "scenario": "M",
                "outcome": "failed",
                "browsers": "iphone / block",
            },
        ],
    }
    assert read_results(summary) == {
        "a::x": Scenario("F / S", "passed"),
        "a::y": Scenario("F / M (iphone / block)", "failed"),
    }
    assert read_results({}) == {}


def test_rows_of_an_outline_are_told_apart_by_their_examples() -> None:
    rows = [
        {"nodeid": "t::page[Finnish-ep\\xe4onnistui]", "feature": "F", "scenario": "S"},
        {"nodeid": "t::page[English-failed]", "feature": "F", "scenario": "S"},
    ]
    labels = sorted(s.label for s in read_results({"scenarios": rows}).values())
    assert labels == ["F / S [English-failed]", "F / S [Finnish-epäonnistui]"]


def test_every_address_must_hold_exactly_one_message() -> None:
    check = check_mail(
        ["a@example.com", "B@example.com", "c@example.com"],
        {"a@example.com": 1, "b@example.com": 2, "x@example.com": 1},
    )
    assert check.lost == ["c@example.com"]
    assert check.duplicated == {"b@example.com": 2}
    assert check.strays == 1
    assert not check.ok
    assert check_mail(["a@example.com"], {"a@example.com": 1}).ok


class RecordingBackend(httpcore.AsyncNetworkBackend):
    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        self.calls.append((host, port))
        raise httpcore.ConnectError("recorded only")


def test_the_backend_connects_a_public_name_to_its_mapped_port() -> None:
    inner = RecordingBackend()
    backend = MappedBackend({("login.s-ryhma.test", 443): ("127.0.0.1", 40123)}, inner)

    async def connect(host: str, port: int) -> None:
        with pytest.raises(httpcore.ConnectError):
            await backend.connect_tcp(host, port)

    run_apart(connect("login.s-ryhma.test", 443))
    run_apart(connect("elsewhere.test", 443))
    assert inner.calls == [("127.0.0.1", 40123), ("elsewhere.test", 443)]


def test_the_transport_reaches_a_local_server_under_the_public_name() -> None:
    """A plain-HTTP server on a loopback port answers with the Host header it received."""

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = (await reader.readuntil(b"\r\n\r\n")).decode()
        host = next(line[6:] for line in head.split("\r\n") if line.lower().startswith("host:"))
        body = host.encode()
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
        await writer.drain()
        writer.close()

    async def scenario() -> str:
        server = await asyncio.start_server(answer, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        transport = MappedTransport(
            {("s-etukortti.test", 80): ("127.0.0.1", port)}, ssl.create_default_context()
        )
        async with server, httpx.AsyncClient(transport=transport) as client:
            response = await client.get("http://s-etukortti.test/sv/")
        return response.text

    assert run_apart(scenario()) == "s-etukortti.test"


def test_pages_are_read_as_a_user_sees_them() -> None:
    html = """<h1>Mina uppgifter</h1>
      <form method="post" action="/sv/login/code"><input type="hidden" name="request" value="R1">
      <input name="code"><button>Logga in</button></form>
      <a href="/sv/link-card/continue?request=R1">Hoppa
        över</a>
      <dl><dt>E-postadress</dt><dd>sara@example.com</dd></dl>"""
    page = read_page(
        httpx.Response(
            200, html=html, request=httpx.Request("GET", "https://login.s-ryhma.test/sv/x")
        )
    )
    assert page.heading == "Mina uppgifter"
    form = page.form_with("code")
    assert form.action == "https://login.s-ryhma.test/sv/login/code"
    assert form.fields == {"request": "R1", "code": ""}
    assert page.links["Hoppa över"] == "https://login.s-ryhma.test/sv/link-card/continue?request=R1"
    assert page.details == {"E-postadress": "sara@example.com"}


def fake_mailpit(messages: list[dict[str, object]], texts: dict[str, str]) -> httpx.AsyncClient:
    """Mailpit's list and message routes over a list that is newest first, as Mailpit's is."""

    def route(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/v1/messages":
            start, limit = int(request.url.params["start"]), int(request.url.params["limit"])
            page = messages[start : start + limit]
            return httpx.Response(200, json={"messages": page, "messages_count": len(messages)})
        message_id = request.url.path.rsplit("/", 1)[-1]
        return httpx.Response(200, json={"ID": message_id, "Text": texts[message_id]})

    return httpx.AsyncClient(transport=httpx.MockTransport(route), base_url="http://mailpit")


def test_the_watcher_hands_each_code_to_its_exact_address_and_counts_duplicates() -> None:
    messages: list[dict[str, object]] = [
        {"ID": "3", "To": [{"Address": "sara@example.com"}]},  # a second mail: a duplicate
        {"ID": "2", "To": [{"Address": "sara@example.com"}]},
        {"ID": "1", "To": [{"Address": "lisara@example.com"}]},  # a substring, not hers
    ]
    texts = {"1": "Hej\n\n1111\n", "2": "Hej\n\n2222\n", "3": "Hej\n\n3333\n"}

    async def scenario() -> tuple[str, CodeWatcher]:
        async with fake_mailpit(messages, texts) as mailpit:
            watcher = CodeWatcher(mailpit)
            waiting = watcher.expect("Sara@example.com")
            await watcher.poll()
            await watcher.poll()  # nothing new: nothing counted twice
            return await waiting, watcher

    code, watcher = run_apart(scenario())
    assert code == "2222"  # the oldest message to her, once
    assert watcher.delivered == {"sara@example.com": 2, "lisara@example.com": 1}
