"""Reports tell a partial run, outline rows and failures apart, and keep one run only."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import pytest

pytest_plugins = ["pytester"]

CONFTEST = 'pytest_plugins = ["harness.plugin", "harness.living_docs.plugin"]'

FEATURE = """\
@C18
Feature: Failure page
  Scenario Outline: The failure page speaks the customer's language
    Given the customer speaks <language>
    Then she reads "<heading>"

    Examples:
      | language | heading                   |
      | Swedish  | Inloggning misslyckades   |
      | Finnish  | Kirjautuminen epäonnistui |

  @C09
  Scenario: A code works once
    Given the customer speaks Swedish
    Then she reads "Fel kod"
"""

STEPS = """\
from pytest_bdd import given, parsers, scenarios, then

scenarios("failure.feature")


@given(parsers.parse("the customer speaks {language}"))
def speaks(language: str) -> None:
    pass


@then(parsers.parse('she reads "{heading}"'))
def reads(heading: str) -> None:
    assert heading != "Fel kod", f'the page said "Koden har redan använts", not "{heading}"'
"""


@pytest.fixture(autouse=True)
def _inner_reports(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HARNESS_REPORTS_DIR", str(pytester.path / "reports"))


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    pytester.makefile(".feature", failure=FEATURE)
    pytester.makepyfile(test_failure=STEPS)
    pytester.makeconftest(CONFTEST)
    return pytester.runpytest("-p", "no:cacheprovider", *args)


def assert_refused(result: pytest.RunResult, says: str) -> None:
    """The run stopped before it began, as a usage error whose message matches `says`."""
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([says])


def summary(pytester: pytest.Pytester) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((pytester.path / "reports" / "summary.json").read_text())
    return data


def test_outline_rows_carry_their_example_values_in_every_report(
    pytester: pytest.Pytester,
) -> None:
    run(pytester, "-k", "language")
    reports = pytester.path / "reports"
    names = [s["scenario"] for s in summary(pytester)["scenarios"]]
    expected = [
        "The failure page speaks the customer's language [Swedish]",
        "The failure page speaks the customer's language [Finnish]",
    ]
    assert names == expected
    assert expected[1] in (reports / "summary.md").read_text()
    assert html.escape(expected[1]) in (reports / "claims.html").read_text()
    messages = [json.loads(line) for line in (reports / "cucumber-messages.ndjson").open()]
    pickles = {m["pickle"]["name"] for m in messages if "pickle" in m}
    assert pickles == set(expected)


def test_a_failure_opens_with_the_step_where_it_is_and_what_was_expected(
    pytester: pytest.Pytester,
) -> None:
    result = run(pytester, "-k", "once")
    result.assert_outcomes(failed=1)
    out = result.stdout.str()
    failure = out[out.index("___ test_a_code_works_once ___") :]
    first = [line for line in failure.splitlines()[1:] if line.strip()][:2]
    assert first == [
        'Failed step at failure.feature:15: Then she reads "Fel kod"',
        'Expected: the page said "Koden har redan använts", not "Fel kod"',
    ]
    # pytest's and pytest-bdd's own frames are trimmed; -v or --tb=long shows them all.
    assert "pytest_bdd/scenario.py" not in failure
    assert "_pytest" not in failure
    markdown = (pytester.path / "reports" / "summary.md").read_text()
    assert 'Failed step at failure.feature:15: Then she reads "Fel kod"' in markdown
    messages = [json.loads(line) for line in (pytester.path / "reports" / NDJSON).open()]
    failed = [
        m["testStepFinished"]["testStepResult"]["message"]
        for m in messages
        if m.get("testStepFinished", {}).get("testStepResult", {}).get("status") == "FAILED"
    ]
    assert failed
    assert failed[0].startswith("Failed step at failure.feature:15")


NDJSON = "cucumber-messages.ndjson"


def test_the_full_traceback_stays_under_tb_long(pytester: pytest.Pytester) -> None:
    result = run(pytester, "-k", "once", "--tb=long")
    out = result.stdout.str()
    assert 'Failed step at failure.feature:15: Then she reads "Fel kod"' in out
    assert "_pytest/fixtures.py" in out


def test_passing_scenarios_show_no_harness_hooks_in_the_report(pytester: pytest.Pytester) -> None:
    run(pytester, "-k", "language")
    messages = [json.loads(line) for line in (pytester.path / "reports" / NDJSON).open()]
    cases = [m["testCase"] for m in messages if "testCase" in m]
    assert cases
    assert all("hookId" not in step for case in cases for step in case["testSteps"])


def test_a_partial_run_says_not_run_instead_of_no_scenario(pytester: pytest.Pytester) -> None:
    run(pytester, "-k", "language")
    reports = pytester.path / "reports"
    claims = {c["claim"]: c for c in summary(pytester)["claims"]}
    assert claims["C18"]["status"] == "verified"
    assert claims["C09"]["verdict"] == "not run in this run (has 1 scenario)"
    assert claims["C01"]["verdict"] == "no scenario at all"
    page = (reports / "claims.html").read_text()
    assert "not run in this run (has 1 scenario)" in page
    assert "no scenario at all" in page


def test_a_claim_not_run_shows_its_last_known_result_dated(pytester: pytest.Pytester) -> None:
    run(pytester)  # every scenario: C09 fails
    result = pytester.runpytest("-p", "no:cacheprovider", "-k", "language")
    result.assert_outcomes(passed=2)
    verdict = {c["claim"]: c["verdict"] for c in summary(pytester)["claims"]}["C09"]
    assert verdict.startswith("not run in this run (has 1 scenario); last known result: failed on ")
    assert verdict.endswith("UTC (full run)")


def test_reports_keep_one_run_and_a_bounded_history(pytester: pytest.Pytester) -> None:
    reports = pytester.path / "reports"
    stale = reports / "artifacts" / "old-run" / "desktop.png"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"png")
    for _ in range(12):
        run(pytester, "-k", "language")
    assert not stale.exists(), "an earlier run's evidence stayed among this run's"
    living = reports / ".living-docs"
    assert len(list((living / "history").glob("*.json"))) == 10
    assert sorted(p.name for p in living.iterdir()) == [
        "artifacts-of-previous-run",
        "history",
    ]


def test_collect_only_writes_no_report(pytester: pytest.Pytester) -> None:
    junit = pytester.path / "junit.xml"
    run(pytester, "--collect-only", f"--junitxml={junit}")
    assert not junit.exists()
    assert not (pytester.path / "reports").exists()


def test_an_unknown_tracing_mode_is_a_usage_error_listing_the_modes(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HARNESS_TRACING", "always")
    assert_refused(run(pytester), "*'always'*on, off, retain-on-failure, on-first-retry*")
    monkeypatch.delenv("HARNESS_TRACING")
    assert_refused(
        run(pytester, "--video", "always"), "*--video*'always'*'off', 'on', 'retain-on-failure'*"
    )


def test_a_bad_trace_snapshots_value_is_a_usage_error(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HARNESS_TRACE_SNAPSHOTS", "maybe")
    assert_refused(run(pytester), "*HARNESS_TRACE_SNAPSHOTS='maybe' is neither on nor off*")


def test_videos_on_a_grid_are_refused_before_the_run_saying_what_to_do(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Grid browser is attached over CDP and Playwright films only browsers it launched:
    the run used to end with no video and no word why."""
    assert_refused(
        run(pytester, "--video", "on", "--grid", "http://127.0.0.1:9"),
        "*--video on*cannot record on a Selenium Grid*Run without --grid*--video off*",
    )
    monkeypatch.setenv("HARNESS_VIDEO", "retain-on-failure")
    monkeypatch.setenv("HARNESS_GRID_URL", "http://127.0.0.1:9")
    assert_refused(run(pytester), "*--video retain-on-failure*http://127.0.0.1:9*")


INTERRUPTING_STEPS = STEPS.replace(
    "    pass\n",
    "    if language == STOP_AT:\n        raise KeyboardInterrupt  # Ctrl-C, as pytest sees it\n",
)


def interrupted_run(pytester: pytest.Pytester, stop_at: str) -> pytest.RunResult:
    pytester.makefile(".feature", failure=FEATURE)
    pytester.makepyfile(test_failure=INTERRUPTING_STEPS.replace("STOP_AT", repr(stop_at)))
    pytester.makeconftest(CONFTEST)
    return pytester.runpytest("-p", "no:cacheprovider", "-p", "no:randomly", no_reraise_ctrlc=True)


def test_an_interrupted_run_says_so_and_reports_what_finished(
    pytester: pytest.Pytester,
) -> None:
    result = interrupted_run(pytester, "Finnish")
    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.stdout.fnmatch_lines(["*INTERRUPTED: the run was stopped*"])
    reports = pytester.path / "reports"
    markdown = (reports / "summary.md").read_text()
    assert "**INTERRUPTED: the run was stopped" in markdown
    assert "it ran part of the scenarios. 1 passed" in markdown
    assert summary(pytester)["interrupted"] is True
    assert "INTERRUPTED: the run was stopped" in (reports / "claims.html").read_text()


def test_a_run_interrupted_before_any_scenario_finished_leaves_no_earlier_report(
    pytester: pytest.Pytester,
) -> None:
    """The previous run's summary and pages used to stay, looking like this run's."""
    run(pytester)
    reports = pytester.path / "reports"
    assert (reports / "cucumber-report.html").exists()
    result = interrupted_run(pytester, "Swedish")
    assert result.ret == pytest.ExitCode.INTERRUPTED
    markdown = (reports / "summary.md").read_text()
    assert "**INTERRUPTED: the run was stopped" in markdown
    assert "No scenario." in markdown
    assert not (reports / "cucumber-report.html").exists()
    assert "INTERRUPTED" in (reports / "claims.html").read_text()


def test_reruns_keep_each_attempts_evidence_apart(tmp_path: Path) -> None:
    from harness.browsers import ScenarioBrowsers

    first = ScenarioBrowsers(None, tmp_path, "t::x", attempt=0)  # type: ignore[arg-type]
    retry = ScenarioBrowsers(None, tmp_path, "t::x", attempt=1)  # type: ignore[arg-type]
    assert first.folder != retry.folder
