"""The living documentation: Cucumber Messages from real runs, flaky scenarios, HTML report."""

from __future__ import annotations

import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect, sync_playwright

from harness.living_docs.messages import MessageBuilder
from harness.living_docs.records import AttemptRecord, StepRecord
from harness.living_docs.render import missing_tools
from harness.tools.chromium import find_chromium
from tests.harness.test_report_render import node_render

pytest_plugins = ["pytester"]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _inner_reports(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HARNESS_REPORTS_DIR", str(pytester.path / "reports"))


def envelopes(reports: Path) -> list[dict[str, Any]]:
    lines = (reports / "cucumber-messages.ndjson").read_text().splitlines()
    return [json.loads(line) for line in lines]


def of_kind(messages: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [m[kind] for m in messages if kind in m]


OUTLINE = """\
Feature: Greeting
  Scenario Outline: A customer is greeted in her language
    Given the customer speaks <language>
    Then she is greeted with "<greeting>"

    Examples:
      | language | greeting |
      | Swedish  | Hej      |
      | Finnish  | Moi      |
"""


def test_each_example_row_is_its_own_test_case_of_its_own_pickle(tmp_path: Path) -> None:
    (tmp_path / "greeting.feature").write_text(OUTLINE)
    builder = MessageBuilder(tmp_path)
    for language, greeting in (("Finnish", "Moi"), ("Swedish", "Hej")):
        texts = [f"the customer speaks {language}", f'she is greeted with "{greeting}"']
        steps = [StepRecord(t, "PASSED", 1.0, 0.1) for t in texts]
        builder.add(
            [AttemptRecord(f"t[{language}]", "greeting.feature", 2, "x", texts, steps=steps)]
        )
    messages = builder.envelopes(started=1.0, finished=2.0, success=True)
    pickles = {p["id"]: p for p in of_kind(messages, "pickle")}
    cases = of_kind(messages, "testCase")
    assert len(cases) == 2
    assert {pickles[c["pickleId"]]["steps"][0]["text"] for c in cases} == {
        "the customer speaks Swedish",
        "the customer speaks Finnish",
    }
    finished = of_kind(messages, "testStepFinished")
    assert {f["testStepResult"]["status"] for f in finished} == {"PASSED"}


FLAKY_FEATURE = """\
@C09
Feature: A scenario that needs a second try
  Scenario: The code arrives only on the second try
    Given the code is late the first time
    Then the code has arrived
"""

FLAKY_STEPS = """\
from pathlib import Path

from pytest_bdd import given, scenarios, then

scenarios("flaky.feature")
COUNTER = Path(__file__).parent / "attempts.txt"


@given("the code is late the first time")
def late_once() -> None:
    attempts = int(COUNTER.read_text()) if COUNTER.exists() else 0
    COUNTER.write_text(str(attempts + 1))
    assert attempts > 0, "the code has not arrived yet (first attempt)"


@then("the code has arrived")
def arrived() -> None:
    pass
"""


def test_a_scenario_that_passes_only_on_retry_is_reported_as_flaky(
    pytester: pytest.Pytester,
) -> None:
    pytester.makefile(".feature", flaky=FLAKY_FEATURE)
    pytester.makepyfile(test_flaky=FLAKY_STEPS)
    pytester.makeconftest('pytest_plugins = ["harness.plugin", "harness.living_docs.plugin"]')
    junit = pytester.path / "junit.xml"
    result = pytester.runpytest("-p", "no:cacheprovider", "--reruns", "1", f"--junitxml={junit}")
    assert result.parseoutcomes() == {"passed": 1, "rerun": 1}
    reports = pytester.path / "reports"

    # JUnit has no flaky state: the test case passes and carries a "flaky" property.
    xml = junit.read_text()
    assert '<property name="flaky" value="passed on attempt 2 after failing"' in xml

    summary = json.loads((reports / "summary.json").read_text())
    assert [s["outcome"] for s in summary["scenarios"]] == ["flaky"]
    assert "| **flaky** |" in (reports / "summary.md").read_text()

    messages = envelopes(reports)
    started = of_kind(messages, "testCaseStarted")
    assert [s["attempt"] for s in started] == [0, 1]
    assert [f["willBeRetried"] for f in of_kind(messages, "testCaseFinished")] == [True, False]
    failed = [
        f["testStepResult"]
        for f in of_kind(messages, "testStepFinished")
        if f["testStepResult"]["status"] == "FAILED"
    ]
    assert "the code has not arrived yet" in failed[0]["message"]
    assert failed[-1]["message"].startswith("FLAKY: passed only on attempt 2")
    result.stdout.fnmatch_lines(["*FLAKY: A scenario that needs a second try*"])


def test_the_report_renders_in_chromium_with_swedish_keywords_and_screenshots(
    pytester: pytest.Pytester,
) -> None:
    problem = missing_tools()
    if problem:
        pytest.fail(problem, pytrace=False)
    feature = ROOT / "features" / "sign-in" / "logga-in-pa-svenska.feature"
    shutil.copy(feature, pytester.path / feature.name)
    pytester.makepyfile(test_sv=f'from pytest_bdd import scenarios\nscenarios("{feature.name}")\n')
    pytester.makeconftest((ROOT / "conftest.py").read_text())
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-k", "kund_loggar_in")
    result.assert_outcomes(passed=1)
    report = pytester.path / "reports" / "cucumber-report.html"
    assert report.exists(), result.stdout.str()
    # Written in Python, byte for byte what the formatter's own writer makes of the
    # run's messages (tests/harness/test_report_render.py for rarer messages).
    formatters = pytester.path / "formatter.html"
    node_render(pytester.path / "reports" / "cucumber-messages.ndjson", formatters)
    assert report.read_bytes() == formatters.read_bytes(), "the report is not the formatter's page"

    # A thread of its own: a session's browser pool in this worker may already run
    # Playwright's sync API on this thread, and it cannot be started twice on one thread.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(check_report_in_chromium, report, feature.name).result()


def check_report_in_chromium(report: Path, feature_name: str) -> None:
    """Features, a Swedish keyword, the browser used and a step screenshot are shown."""
    chromium = find_chromium(None).path  # may start Playwright itself: not inside ours
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        try:
            page = browser.new_page()
            page.goto(report.as_uri())
            page.get_by_text(feature_name).click()
            expect(page.get_by_text("Egenskap:")).to_be_visible()
            expect(page.get_by_text("Givet", exact=True)).to_be_visible()
            expect(page.get_by_text("En kund loggar in med koden från sin e-post")).to_be_visible()
            browser_used = "Sara's browser: desktop-chrome / cookies: allow"
            expect(page.locator("summary", has_text=browser_used)).to_be_visible()
            shot = page.get_by_text("Sara on desktop-chrome").first
            shot.click()
            image = page.locator("img[src^='attachments/']").first
            expect(image).to_be_visible()
            width = image.evaluate("img => img.naturalWidth")
            assert width > 0, "the step screenshot did not load from the attachments folder"
        finally:
            browser.close()
