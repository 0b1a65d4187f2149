"""The done-when of the accessibility checks, end to end: a feature run against a page with
a missing label, served by a tiny local HTTP server (not the stub world), fails `Then the
page is accessible` with rule, element and help link, and the report, summary and claims
page carry the evidence; `--a11y fail`, `off` and a bad HARNESS_A11Y.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from harness.tools.mailpit import MailpitEndpoints

pytest_plugins = ["pytester"]

PAGE = """<!doctype html><html lang="sv"><head><title>Nyhetsbrev</title></head>
<body><main><h1>Nyhetsbrev</h1><form>{field}<button>Prenumerera</button></form></main></body>
</html>"""
UNLABELLED = PAGE.format(field='<input id="email" type="email">')
LABELLED = PAGE.format(field='<label for="email">E-post</label><input id="email" type="email">')


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = (LABELLED if self.path.startswith("/ok") else UNLABELLED).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def pages_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


FEATURE = """\
Feature: Newsletter
  Scenario: A field without a label
    Given Sara opens the newsletter form
    Then the page is accessible

  Scenario: The field with its label
    Given Sara opens the labelled newsletter form
    Then the page is accessible
"""

REACHED = """\
Feature: Reached
  Scenario: A step reaches a page with a field without a label
    Given Sara opens the newsletter form
    Then Sara sees the newsletter form
"""

STEPS = """\
import os

from pytest_bdd import given, scenarios, then

from harness.browsers import BrowserKey, ScenarioBrowsers
from harness.cookie_policies import cookie_policy
from harness.devices import device

scenarios("{feature}.feature")
KEY = BrowserKey("desktop-chrome", "allow")


def open_form(browsers: ScenarioBrowsers, path: str) -> None:
    page = browsers.page(KEY, device(KEY.device), cookie_policy("allow"))
    page.goto(os.environ["PAGES"] + path)


@given("Sara opens the newsletter form")
def opens(browsers: ScenarioBrowsers) -> None:
    open_form(browsers, "/news")


@given("Sara opens the labelled newsletter form")
def opens_labelled(browsers: ScenarioBrowsers) -> None:
    open_form(browsers, "/ok")


@then("Sara sees the newsletter form")
def sees(browsers: ScenarioBrowsers) -> None:
    assert browsers.pages()[KEY].title() == "Nyhetsbrev"
"""

CONFTEST = """\
import os

import pytest

from harness.environment import Environment, Site
from harness.tools.mailpit import MailpitEndpoints

pytest_plugins = ["harness.plugin", "harness.living_docs.plugin", "steps.accessibility"]


@pytest.fixture(scope="session")
def environment() -> Environment:
    return Environment(
        signin=Site("signin", "https://login.s-ryhma.test", None),
        etukortti=Site("etukortti", "https://s-etukortti.test", None),
        mailpit=MailpitEndpoints(os.environ["INBOX"], "127.0.0.1", 1025),
    )
"""


def _attachments_of_failed_step(reports: Path) -> list[dict[str, str]]:
    messages = [json.loads(line) for line in (reports / "cucumber-messages.ndjson").open()]
    failed = {
        m["testStepFinished"]["testStepId"]
        for m in messages
        if m.get("testStepFinished", {}).get("testStepResult", {}).get("status") == "FAILED"
    }
    return [
        m["attachment"] for m in messages if m.get("attachment", {}).get("testStepId") in failed
    ]


def test_a_page_with_a_missing_label_fails_the_accessibility_step_with_its_evidence(
    pytester: pytest.Pytester,
    monkeypatch: pytest.MonkeyPatch,
    pages_server: str,
    own_mailpit: MailpitEndpoints,
) -> None:
    reports = pytester.path / "reports"
    monkeypatch.setenv("INBOX", own_mailpit.api_url)
    monkeypatch.setenv("HARNESS_REPORTS_DIR", str(reports))
    monkeypatch.setenv("PAGES", pages_server)
    monkeypatch.delenv("HARNESS_A11Y", raising=False)
    pytester.makefile(".feature", news=FEATURE)
    pytester.makepyfile(test_news=STEPS.format(feature="news"))
    pytester.makeconftest(CONFTEST)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:randomly")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "Failed step at news.feature:4: Then the page is accessible",
            "Expected: 1 serious or critical accessibility violation(s): - label (critical) at "
            "#email: Form elements must have labels — https://dequeuniversity.com/rules/axe/*/"
            "label on persona 1's page on desktop-chrome (sv): http://127.0.0.1:*/news "
            "“Nyhetsbrev”",
        ]
    )
    evidence = [
        a for a in _attachments_of_failed_step(reports) if "Accessibility" in a.get("fileName", "")
    ]
    assert evidence, "the failed step carries no accessibility evidence"
    assert "label (critical) at #email" in evidence[0]["body"]
    summary = (reports / "summary.md").read_text()
    assert "## Accessibility" in summary
    evidence_line = "  - accessibility, at “Then the page is accessible”: ⚠️ label (critical)"
    assert f"{evidence_line} `#email`" in summary
    assert f"| {pages_server}/news “Nyhetsbrev” | desktop-chrome | sv |" in summary
    data = json.loads((reports / "summary.json").read_text())
    rows = {p["url"]: p for p in data["accessibility"]["pages"]}
    assert [v["rule"] for v in rows[f"{pages_server}/news"]["violations"]] == ["label"]
    assert rows[f"{pages_server}/ok"]["violations"] == []
    assert "Accessibility: every page" in (reports / "claims.html").read_text()


def test_with_a11y_fail_the_step_that_reached_the_page_fails_and_off_checks_nothing(
    pytester: pytest.Pytester,
    monkeypatch: pytest.MonkeyPatch,
    pages_server: str,
    own_mailpit: MailpitEndpoints,
) -> None:
    reports = pytester.path / "reports"
    monkeypatch.setenv("INBOX", own_mailpit.api_url)
    monkeypatch.setenv("HARNESS_REPORTS_DIR", str(reports))
    monkeypatch.setenv("PAGES", pages_server)
    pytester.makefile(".feature", reached=REACHED)
    pytester.makepyfile(test_reached=STEPS.format(feature="reached"))
    pytester.makeconftest(CONFTEST)
    failing = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--a11y=fail")
    failing.assert_outcomes(failed=1)
    failing.stdout.fnmatch_lines(
        [
            "Failed step at reached.feature:3: Given Sara opens the newsletter form",
            "*- label (critical) at #email*",
        ]
    )
    reported = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--a11y=report")
    reported.assert_outcomes(passed=1)
    assert "label" in (reports / "summary.md").read_text()
    monkeypatch.setenv("HARNESS_A11Y", "off")
    off = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    off.assert_outcomes(passed=1)
    assert "## Accessibility" not in (reports / "summary.md").read_text()
    monkeypatch.setenv("HARNESS_A11Y", "sometimes")
    bad = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    assert bad.ret == pytest.ExitCode.USAGE_ERROR
    bad.stderr.fnmatch_lines(["*HARNESS_A11Y='sometimes'*Valid modes: off, report, fail*"])
