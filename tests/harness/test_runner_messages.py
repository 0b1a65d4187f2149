"""What a QA engineer sees when a feature or an option is wrong."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]


@pytest.fixture(autouse=True)
def _inner_reports(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    # The inner runs must not overwrite the outer run's reports/.
    monkeypatch.setenv("HARNESS_REPORTS_DIR", str(pytester.path / "reports"))


def one_step_suite(pytester: pytest.Pytester, name: str, feature: str, keyword: str) -> None:
    """A feature file, a test module that binds it, its one step `x` doing nothing, and
    the harness plugin."""
    pytester.makefile(".feature", **{name: feature})
    pytester.makepyfile(
        **{
            f"test_{name}": (
                f"from pytest_bdd import {keyword}, scenarios\n"
                f"scenarios('{name}.feature')\n"
                f"@{keyword}('x')\n"
                "def x() -> None:\n    pass\n"
            )
        }
    )
    pytester.makeconftest('pytest_plugins = ["harness.plugin"]')


FEATURE = """\
Feature: Misspelled
  Scenario: A step nobody wrote
    Given Sara has an S-logni
    Then nothing else matters
"""

TEST_MODULE = """\
from pytest_bdd import scenarios
scenarios("misspelled.feature")
"""


def test_undefined_step_names_the_place_and_gives_a_skeleton(pytester: pytest.Pytester) -> None:
    pytester.makefile(".feature", misspelled=FEATURE)
    pytester.makepyfile(test_misspelled=TEST_MODULE)
    pytester.makeconftest('pytest_plugins = ["harness.plugin", "steps.personas"]')
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            '*Undefined step: Given "Sara has an S-logni"*',
            "*misspelled.feature:3*",
            "*did you mean:*",
            "*Given Sara has an S-login*(steps/personas.py:*",
            '*@given(parsers.re(rf"{NAME} has an S-logni"))*',
        ]
    )


def test_unknown_device_is_refused_with_the_valid_names(pytester: pytest.Pytester) -> None:
    pytester.makeconftest('pytest_plugins = ["harness.plugin"]')
    pytester.makepyfile(test_nothing="def test_x():\n    pass\n")
    result = pytester.runpytest("--device", "iphone-1")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*Unknown device 'iphone-1'. Valid devices: android-webview*"])


def test_an_unknown_claim_tag_is_refused_with_its_place(pytester: pytest.Pytester) -> None:
    one_step_suite(pytester, "tagged", "@C99\nFeature: F\n  Scenario: S\n    Then x\n", "then")
    result = pytester.runpytest("--strict-markers")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*tagged.feature:1: @C99: C99 is not a claim*Valid claims*"])


def test_any_other_tag_works_under_strict_markers(pytester: pytest.Pytester) -> None:
    feature = "@wip\nFeature: F\n  @smoke @needs-review\n  Scenario: S\n    Then x\n"
    one_step_suite(pytester, "tagged", feature, "then")
    result = pytester.runpytest("--strict-markers", "-m", "wip and smoke")
    result.assert_outcomes(passed=1)


def test_a_scenario_without_then_cannot_pass(pytester: pytest.Pytester) -> None:
    one_step_suite(
        pytester, "nothen", "Feature: F\n  Scenario: Only actions\n    Given x\n", "given"
    )
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(['*Scenario "Only actions"*has no Then step*'])


def test_a_device_tag_must_name_a_real_device(pytester: pytest.Pytester) -> None:
    one_step_suite(
        pytester, "pinned", "@device:nokia-3310\nFeature: F\n  Scenario: S\n    Then x\n", "then"
    )
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["*pinned.feature:1: @device:nokia-3310: Unknown device*Valid devices: android-webview*"]
    )


MATRIX_FEATURE = """\
@matrix
Feature: F
  Scenario: S
    Then x
"""


def test_matrix_preset_runs_matrix_scenarios_once_per_device(pytester: pytest.Pytester) -> None:
    one_step_suite(pytester, "grid", MATRIX_FEATURE, "then")
    assert pytester.runpytest("--matrix", "nightly").parseoutcomes()["passed"] == 7
    assert pytester.runpytest().parseoutcomes()["passed"] == 1
    result = pytester.runpytest("--matrix", "nightly", "--shard", "1/2", "-q")
    second = pytester.runpytest("--matrix", "nightly", "--shard", "2/2", "-q")
    assert result.parseoutcomes()["passed"] + second.parseoutcomes()["passed"] == 7
