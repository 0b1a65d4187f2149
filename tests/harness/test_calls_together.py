"""Calls sent together and harness calls kept out of traces (issue 19). Both rely on private
parts of the Playwright in requirements.lock (harness/browsers/pending.py,
harness/unrecorded.py); these catch an upgrade that changes them."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Error, Page, Playwright

from harness.browsers import BASE_ARGS
from harness.browsers.pending import together
from harness.config import HarnessConfig
from harness.tools.chromium import find_chromium
from harness.unrecorded import unrecorded

PAGE = "data:text/html,<h1>Mina uppgifter</h1><input type=password>"


@pytest.fixture
def context(playwright_driver: Playwright) -> Iterator[BrowserContext]:
    chromium = find_chromium(HarnessConfig.from_env().chromium_path)
    browser = playwright_driver.chromium.launch(executable_path=chromium.path, args=list(BASE_ARGS))
    try:
        yield browser.new_context()
    finally:
        browser.close()


def test_commands_sent_together_all_run_in_order_and_the_first_error_is_raised(
    context: BrowserContext,
) -> None:
    page = context.new_page()
    page.goto(PAGE)
    session = context.new_cdp_session(page)
    send = session.send
    results = together(
        session,
        [
            partial(send, "Runtime.evaluate", {"expression": "window.order = ['a']; 1 + 1"}),
            partial(send, "Runtime.evaluate", {"expression": "window.order.push('b'); 'b'"}),
        ],
    )
    assert [r["result"]["value"] for r in results] == [2, "b"]
    with pytest.raises(Error, match=r"No\.suchMethod|wasn't found"):
        together(
            session,
            [
                partial(send, "No.suchMethod", {}),
                partial(send, "Runtime.evaluate", {"expression": "window.order.push('c')"}),
            ],
        )
    # The command after the failing one still ran: every request was sent before any wait.
    assert page.evaluate("window.order") == ["a", "b", "c"]


def test_calls_of_several_objects_are_sent_together(context: BrowserContext) -> None:
    """A CDP command, a context's call and a page's call in one wait (the clean-up's)."""
    page = context.new_page()
    page.goto(PAGE)
    context.add_cookies([{"name": "probe", "value": "1", "url": "https://example.test/"}])
    session = context.new_cdp_session(page)
    results = together(
        session,
        [
            partial(session.send, "Runtime.evaluate", {"expression": "6 * 7"}),
            context.clear_cookies,
            partial(page.evaluate, "document.title = 'both'"),
        ],
        others=(context, page),
    )
    assert results[0]["result"]["value"] == 42
    assert context.cookies() == [], "the context's call did not run"
    assert page.title() == "both", "the page's call did not run"
    # Afterwards every object runs its calls as before, one at a time.
    assert page.evaluate("1 + 1") == 2


def trace_calls(path: Path) -> tuple[list[str], int]:
    """The API calls a saved trace shows, and how many DOM snapshots it holds."""
    with zipfile.ZipFile(path) as archive:
        events = [json.loads(line) for line in archive.read("trace.trace").splitlines() if line]
    calls = [f"{e['class']}.{e['method']}" for e in events if e["type"] == "before"]
    snapshots = sum(1 for e in events if e["type"] == "frame-snapshot")
    return calls, snapshots


def test_unrecorded_calls_leave_no_trace_entry_and_take_no_snapshot(
    context: BrowserContext, tmp_path: Path
) -> None:
    page: Page = context.new_page()
    page.goto(PAGE)
    context.tracing.start(snapshots=True)
    context.tracing.start_chunk()
    page.evaluate("1")
    before = trace_calls_after(context, tmp_path / "recorded.zip")
    context.tracing.start_chunk()
    with unrecorded():
        assert page.evaluate("2") == 2
        assert page.locator("input[type=password]").count() == 1
        page.screenshot()
    inside = trace_calls_after(context, tmp_path / "unrecorded.zip")
    context.tracing.start_chunk()
    page.evaluate("3")
    again = trace_calls_after(context, tmp_path / "again.zip")
    context.tracing.stop()
    assert before[0] == ["Frame.evaluateExpression"]
    assert before[1] > 0, "a traced evaluate took no DOM snapshot"
    assert inside == ([], 0), "calls inside unrecorded() were traced"
    assert again == before, "after the block, calls must be traced again"


def trace_calls_after(context: BrowserContext, path: Path) -> tuple[list[str], int]:
    context.tracing.stop_chunk(path=str(path))
    return trace_calls(path)
