"""The run summary: scenarios by feature, and claims verified only by passing scenarios."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest

from harness.report import RunSummary

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
        ("browsers", "samsung-s24-internet-29 / block-all"),
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
    assert "passes (passed) | verified |" in markdown
    assert "fails (failed) | **not verified** |" in markdown
    assert "| **C01** |" in markdown
    assert "**no scenario yet**" in markdown
    assert "why: `AssertionError: no AUTH-4376`" in markdown
    assert "samsung-s24-internet-29 / block-all" in markdown


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
        rep.user_properties += [
            ("browsers", f"{device_name} / {policy_name}"),
            ("expected", expected),
        ]
        summary.add(rep)
    table = summary.matrix_table()
    assert "| device | allow | block-all |" in table
    assert "| pixel-7-chrome | ✅ signed in | ❌ AUTH-4376 |" in table
