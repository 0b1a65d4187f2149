"""The run summary: scenarios by feature, and claims verified only by passing scenarios."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

import pytest

from harness.living_docs.claims_page import write_claims_page
from harness.living_docs.inventory import PlannedScenario
from harness.report import RunSummary

SAMSUNG_BLOCKED = {
    "persona": "Sara",
    "device": "samsung-s24-internet-29",
    "cookie_policy": "block-all",
    "signin_cookie_refused": True,
}

Outcome = Literal["passed", "failed", "skipped"]
When = Literal["setup", "call", "teardown"]


def report(
    nodeid: str, outcome: Outcome, tags: str, when: When = "call", longrepr: str | None = None
) -> pytest.TestReport:
    props = [
        ("feature", "Signing in"),
        ("feature_file", "sign-in/x.feature"),
        ("scenario", nodeid),
        ("tags", tags),
        ("browser_uses", json.dumps([SAMSUNG_BLOCKED])),
    ]
    return pytest.TestReport(
        nodeid, ("x", 1, nodeid), {}, outcome, longrepr, when, user_properties=props
    )


def test_a_claim_is_verified_only_when_all_its_scenarios_pass(tmp_path: Path) -> None:
    summary = RunSummary(tmp_path)
    summary.add(report("passes", "passed", "C09 C18"))
    summary.add(report("fails", "failed", "C18", longrepr="E   AssertionError: no AUTH-4376"))
    summary.write()
    markdown = (tmp_path / "summary.md").read_text()
    assert "| C09 |" in markdown
    assert "| C09 |" in markdown
    assert "passes (passed) | verified in this run |" in markdown
    assert "passes (passed)<br>fails (failed) | **failed** |" in markdown
    assert "| **C01** |" in markdown
    assert "no scenario at all" in markdown
    assert "why: `AssertionError: no AUTH-4376`" in markdown
    assert "Sara: samsung-s24-internet-29 / block-all (sign-in cookie refused)" in markdown


def test_a_failing_teardown_turns_a_passed_scenario_into_an_error(tmp_path: Path) -> None:
    summary = RunSummary(tmp_path)
    summary.add(report("s", "passed", "C09"))
    summary.add(report("s", "failed", "C09", when="teardown", longrepr="E   boom"))
    assert summary.counts() == {"error": 1}


def test_plain_tests_are_not_scenarios(tmp_path: Path) -> None:
    summary = RunSummary(tmp_path)
    summary.add(pytest.TestReport("t", ("t", 1, "t"), {}, "passed", None, "call"))
    assert not summary.has_scenarios()


def test_matrix_results_form_a_device_by_policy_table(tmp_path: Path) -> None:
    summary = RunSummary(tmp_path)
    cells: list[tuple[str, str, Outcome, str]] = [
        ("pixel-7-chrome", "allow", "passed", 'Sara sees her own details on "Mina uppgifter"'),
        ("pixel-7-chrome", "block-all", "failed", "Sara sees that sign-in failed with AUTH-4376"),
    ]
    for device_name, policy_name, outcome, expected in cells:
        rep = report(f"{device_name}-{policy_name}", outcome, "matrix C18")
        use = {"persona": "Sara", "device": device_name, "cookie_policy": policy_name}
        rep.user_properties += [("browser_uses", json.dumps([use])), ("expected", expected)]
        summary.add(rep)
    table = summary.matrix_table()
    assert "| device | allow | block-all |" in table
    assert "| pixel-7-chrome | ✅ signed in | ❌ AUTH-4376 |" in table


def test_every_browser_of_a_scenario_is_listed_in_order(tmp_path: Path) -> None:
    """A failure on a Samsung tablet, then a sign-in on a Pixel: both halves are evidence."""
    summary = RunSummary(tmp_path)
    rep = report("two-devices", "passed", "C18 C20")
    tablet = {**SAMSUNG_BLOCKED, "device": "samsung-tab-s9-internet-29"}
    pixel = {"persona": "Sara", "device": "pixel-7-chrome", "cookie_policy": "allow"}
    rep.user_properties.append(("browser_uses", json.dumps([tablet, pixel])))
    summary.add(rep)
    summary.write()
    both = (
        "Sara: samsung-tab-s9-internet-29 / block-all (sign-in cookie refused); "
        "Sara: pixel-7-chrome / allow"
    )
    assert both in (tmp_path / "summary.md").read_text()
    data = json.loads((tmp_path / "summary.json").read_text())
    devices = [b["device"] for b in data["scenarios"][0]["browsers"]]
    assert devices == ["samsung-tab-s9-internet-29", "pixel-7-chrome"]
    assert both in write_claims_page(tmp_path).read_text()


def test_claims_tell_not_run_from_no_scenario_with_the_last_known_result(
    tmp_path: Path,
) -> None:
    planned = [
        PlannedScenario("sign-in/x.feature", 3, (), frozenset({"C09"})),
        PlannedScenario("sign-in/x.feature", 9, (), frozenset({"C09", "C18"})),
        PlannedScenario("cookies/y.feature", 4, (), frozenset({"C18"})),
    ]
    full = RunSummary(tmp_path, planned)
    for line, tags in ((3, "C09"), (9, "C09 C18")):
        rep = report(f"s{line}", "passed", tags)
        rep.user_properties.append(("scenario_line", str(line)))
        full.add(rep)
    rep = report("s4", "failed", "C18", longrepr="E   boom")
    rep.user_properties += [("feature_file", "cookies/y.feature"), ("scenario_line", "4")]
    full.add(rep)
    assert full.is_full_run()
    full.write()

    partial = RunSummary(tmp_path, planned)
    rep = report("s4", "passed", "C18")
    rep.user_properties += [("feature_file", "cookies/y.feature"), ("scenario_line", "4")]
    partial.add(rep)
    verdicts = {s.claim: s.describe() for s in partial.claim_statuses()}
    assert verdicts["C09"].startswith(
        "not run in this run (has 2 scenarios); last known result: verified on "
    )
    assert verdicts["C09"].endswith("(full run)")
    assert verdicts["C18"] == "verified in this run (1 of its 2 scenarios run)"
    assert verdicts["C01"] == "no scenario at all"


def test_history_keeps_the_last_ten_runs(tmp_path: Path) -> None:
    for n in range(12):
        summary = RunSummary(tmp_path)
        summary.add(report(f"s{n}", "passed", "C09"))
        summary.write()
    assert len(list(summary.history_dir.glob("*.json"))) == 10
