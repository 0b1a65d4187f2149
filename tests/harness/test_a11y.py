"""Accessibility: axe-core judges each page state once, the allow-list, the summary section,
and the done-when: a page with a missing label fails `Then the page is accessible` with
its evidence in the report.

The pages are served by Playwright routes or a tiny local HTTP server, not by the stub
world, so the broken page exists only in this test.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Page, Playwright, Route

from harness.a11y import A11yChecks, AllowList, ScenarioA11y, load_allowlist
from harness.a11y.allowlist import AllowEntry
from harness.a11y.summary import A11ySection
from harness.browsers import BrowserKey, BrowserOptions, BrowserPool, ScenarioBrowsers
from harness.config import HarnessConfig
from harness.cookie_policies import cookie_policy
from harness.devices import device
from harness.environment import Environment, Site
from harness.tools.chromium import find_chromium
from harness.tools.mailpit import MailpitEndpoints

pytest_plugins = ["pytester"]

ORIGIN = "https://forms.example.test"
PAGE = """<!doctype html><html lang="sv"><head><title>Nyhetsbrev</title></head>
<body><main><h1>Nyhetsbrev</h1><form>{field}<button>Prenumerera</button></form></main></body>
</html>"""
UNLABELLED = PAGE.format(field='<input id="email" type="email">')
LABELLED = PAGE.format(field='<label for="email">E-post</label><input id="email" type="email">')


def environment() -> Environment:
    return Environment(
        signin=Site("signin", "https://login.s-ryhma.test", None),
        etukortti=Site("etukortti", "https://s-etukortti.test", None),
        mailpit=MailpitEndpoints("http://127.0.0.1:9", "127.0.0.1", 9),
    )


@pytest.fixture
def scenario(playwright_driver: Playwright, tmp_path: Path) -> Iterator[ScenarioBrowsers]:
    chromium = find_chromium(HarnessConfig.from_env().chromium_path)
    pool = BrowserPool(
        playwright_driver, environment(), BrowserOptions(chromium.path, tracing="off"), tmp_path
    )
    browsers = ScenarioBrowsers(pool, tmp_path / "artifacts", "a11y")
    try:
        yield browsers
        browsers.finish(failed=False)
    finally:
        pool.close()


def _fulfil_with(body: str) -> Callable[[Route], None]:
    return lambda route: route.fulfill(body=body, content_type="text/html")


def open_page(browsers: ScenarioBrowsers, pages: dict[str, str]) -> Page:
    key = BrowserKey("desktop-chrome", "allow")
    page = browsers.page(key, device(key.device), cookie_policy("allow"))
    for path, body in pages.items():
        page.route(f"{ORIGIN}{path}*", _fulfil_with(body))
    return page


def test_a_page_state_is_judged_once_a_run_and_shown_to_every_scenario(
    scenario: ScenarioBrowsers,
) -> None:
    page = open_page(scenario, {"/news": UNLABELLED, "/ok": LABELLED})
    run = A11yChecks("report", AllowList("none"))
    first = ScenarioA11y(run)
    page.goto(f"{ORIGIN}/news?token=1")
    checks = first.after_step(scenario, {0: "Sara"}, "Given Sara opens the form", final=False)
    assert len(checks) == 1
    rules = {(v.rule, v.impact, v.target) for v in checks[0].violations}
    assert ("label", "critical", "#email") in rules, rules
    assert checks[0].failing, "a critical violation must fail the accessibility step"
    assert checks[0].url == f"{ORIGIN}/news", "the address is shown without its query"
    assert first.after_step(scenario, {0: "Sara"}, "When …", final=False) == []
    # Another scenario on the same page state (another query, another token) sees the
    # same verdict without axe running again.
    second = ScenarioA11y(run)
    page.goto(f"{ORIGIN}/news?token=2")
    again = second.after_step(scenario, {0: "Sara"}, "Given …", final=False)
    assert [c.violations for c in again] == [checks[0].violations]
    assert run.axe_runs == 1
    page.goto(f"{ORIGIN}/ok")
    fixed = second.after_step(scenario, {0: "Sara"}, "Then …", final=False)
    assert run.axe_runs == 2
    assert fixed
    assert fixed[0].violations == []


def test_a_page_left_within_a_step_is_judged_on_its_snapshot(
    scenario: ScenarioBrowsers,
) -> None:
    page = open_page(scenario, {"/news": UNLABELLED, "/ok": LABELLED})
    run = A11yChecks("fail", AllowList("none"))
    checks = ScenarioA11y(run)
    run.current = checks
    tabs = len(page.context.pages)
    page.goto(f"{ORIGIN}/ok")
    assert [c.url for c in checks.after_step(scenario, {}, "Given …", final=False)] == [
        f"{ORIGIN}/ok"
    ]
    # One step: the form is loaded, and left for another page before the step ends.
    page.goto(f"{ORIGIN}/news")
    page.goto(f"{ORIGIN}/ok?again")
    (passed,) = checks.after_step(scenario, {}, "When Sara subscribes", final=False)
    assert passed.passed_through
    assert passed.url == f"{ORIGIN}/news"
    assert [v.rule for v in passed.failing] == ["label"]
    assert "passed through during the step" in passed.heading()
    assert page.url == f"{ORIGIN}/ok?again", "the check must not move the customer's tab"
    assert len(page.context.pages) == tabs, "the scratch tab must be closed"
    # A frame of a page left mid-step (a shop's silent sign-in check) is not loaded again.
    frames: list[str] = []

    def frame(route: Route) -> None:
        frames.append(route.request.url)
        route.fulfill(body="<title>f</title>", content_type="text/html")

    page.context.route(f"{ORIGIN}/frame", frame)  # the scratch tab too
    framed = UNLABELLED.replace("</main>", '</main><iframe title="Koll" src="/frame"></iframe>')
    page.route(f"{ORIGIN}/framed", _fulfil_with(framed))
    page.goto(f"{ORIGIN}/framed")
    page.goto(f"{ORIGIN}/ok?third")
    assert [c.url for c in checks.after_step(scenario, {}, "When …", final=False)] == [
        f"{ORIGIN}/framed"
    ]
    assert len(frames) == 1, f"the frame loaded again for the check: {frames}"


def test_a_browser_opened_within_a_step_is_watched_from_its_first_page(
    scenario: ScenarioBrowsers,
) -> None:
    run = A11yChecks("report", AllowList("none"))
    scenario.on_open.append(run.watch)  # as the plugin does when the fixture is set up
    checks = ScenarioA11y(run)
    run.current = checks
    # One step opens the browser and goes through two pages.
    page = open_page(scenario, {"/news": UNLABELLED, "/ok": LABELLED})
    page.goto(f"{ORIGIN}/news")
    page.goto(f"{ORIGIN}/ok")
    found = checks.after_step(scenario, {0: "Sara"}, "When Sara subscribes", final=False)
    assert sorted((c.url, c.passed_through) for c in found) == [
        (f"{ORIGIN}/news", True),
        (f"{ORIGIN}/ok", False),
    ]


def test_an_allow_list_entry_accepts_a_violation_with_its_reason(
    scenario: ScenarioBrowsers,
) -> None:
    page = open_page(scenario, {"/news": UNLABELLED})
    entry = AllowEntry("label", "/news", "#email", "the vendor's widget; ticket A11Y-7")
    run = A11yChecks("fail", AllowList("list", (entry,)))
    page.goto(f"{ORIGIN}/news")
    (check,) = ScenarioA11y(run).check_now(scenario, {}, "Then the page is accessible")
    label = next(v for v in check.violations if v.rule == "label")
    assert label.allowed == entry.reason
    assert not check.failing
    assert check.allowed_by == [0]
    section = A11ySection.of([("s", [check.to_json()])], Path("nowhere"))
    assert "allowed: the vendor's widget" in "\n".join(section.markdown())


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ('rule = "label"\npage = "/x"', "has no reason"),
        ('rule = "label"\nreason = "  "', "has no reason"),
        ('reason = "why"', "names no rule"),
        ('rule = "label"\nreason = "why"\nelement = "#a"', "unknown key(s) element"),
    ],
)
def test_an_allow_list_entry_without_a_reason_or_rule_is_refused(
    tmp_path: Path, entry: str, problem: str
) -> None:
    path = tmp_path / "a11y-allowlist.toml"
    path.write_text(f"[[allow]]\n{entry}\n")
    with pytest.raises(ValueError, match="entry 1") as caught:
        load_allowlist(path)
    assert problem in str(caught.value)


def test_allow_list_entries_no_page_used_are_reported(tmp_path: Path) -> None:
    (tmp_path / "features").mkdir()
    (tmp_path / "features" / "a11y-allowlist.toml").write_text(
        '[[allow]]\nrule = "label"\npage = "/news"\nreason = "used"\n'
        '[[allow]]\nrule = "color-contrast"\nreason = "fixed long ago"\n'
    )
    check = {
        "url": "https://x.test/news",
        "title": "t",
        "language": "sv",
        "device": "d",
        "persona": "Sara",
        "step": "s",
        "violations": [],
        "allowed_by": [0],
    }
    section = A11ySection.of([("scenario", [check])], tmp_path)
    assert section.unused_allowlist == ["color-contrast on * at *: fixed long ago"]
    assert "- color-contrast on * at *: fixed long ago" in section.markdown()
    assert any("unused" in line for line in section.terminal_lines())


def test_the_allow_list_in_use_has_a_reason_for_every_entry() -> None:
    allowlist = load_allowlist(Path(__file__).parents[2] / "features" / "a11y-allowlist.toml")
    assert all(entry.reason for entry in allowlist.entries)


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
