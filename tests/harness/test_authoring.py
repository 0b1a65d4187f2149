"""Writing scenarios: any tag works, tags and titles select scenarios, wrong harness tags
and headed runs without a display stop before anything starts."""

from __future__ import annotations

import pytest

from harness.cli import pytest_args
from harness.pytest.authoring import display_problem

pytest_plugins = ["pytester"]


@pytest.fixture(autouse=True)
def _inner_reports(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    # The inner runs must not overwrite the outer run's reports/.
    monkeypatch.setenv("HARNESS_REPORTS_DIR", str(pytester.path / "reports"))


DEVICES_FEATURE = """\
Feature: Signing in on a Samsung
  @C18 @stub_only @wip
  Scenario: Sara signs in on her Samsung tablet
    Then x

  @C18 @smoke
  Scenario: Sara signs in on her Samsung phone
    Then x

  Scenario: A tablet made by Samsung, AUTH-4376 on it
    Then x
"""


def suite(pytester: pytest.Pytester, feature: str = DEVICES_FEATURE) -> None:
    """A feature file bound by a test module with its one step `x`, and the harness."""
    pytester.makefile(".feature", devices=feature)
    pytester.makepyfile(
        test_devices=(
            "from pytest_bdd import scenarios, then\n"
            "scenarios('devices.feature')\n"
            "@then('x')\n"
            "def x() -> None:\n    pass\n"
        )
    )
    pytester.makeconftest('pytest_plugins = ["harness.plugin"]')


def selected(pytester: pytest.Pytester, *args: str) -> list[str]:
    result = pytester.runpytest("--strict-markers", "--collect-only", "-q", *args)
    assert result.ret in (pytest.ExitCode.OK, pytest.ExitCode.NO_TESTS_COLLECTED), result.stdout
    return sorted(line.split("::")[1] for line in result.outlines if "::" in line)


TABLET = "test_sara_signs_in_on_her_samsung_tablet"
PHONE = "test_sara_signs_in_on_her_samsung_phone"
MADE_BY = "test_a_tablet_made_by_samsung_auth4376_on_it"


def test_a_feature_with_any_tag_runs(pytester: pytest.Pytester) -> None:
    suite(pytester)
    result = pytester.runpytest("--strict-markers")
    result.assert_outcomes(passed=3)


def test_tags_select_with_or_without_at(pytester: pytest.Pytester) -> None:
    suite(pytester)
    assert selected(pytester, "-m=@C18") == [PHONE, TABLET]
    assert selected(pytester, "-m", "C18 and not stub_only") == [PHONE]
    assert selected(pytester, "-m", "smoke or wip") == [PHONE, TABLET]


def test_cucumber_tag_expressions(pytester: pytest.Pytester) -> None:
    suite(pytester)
    assert selected(pytester, "--tags=@C18 and not @stub_only") == [PHONE]
    assert selected(pytester, "--tags=not @C18") == [MADE_BY]
    result = pytester.runpytest("--tags=@C18 and", "--collect-only")
    assert result.ret == pytest.ExitCode.USAGE_ERROR


def test_k_matches_scenario_titles_as_written(pytester: pytest.Pytester) -> None:
    suite(pytester)
    assert selected(pytester, "-k", "Samsung tablet") == [TABLET]
    assert selected(pytester, "-k", "AUTH-4376") == [MADE_BY]
    assert selected(pytester, "-k", "samsung and not (tablet or AUTH-4376)") == [PHONE]
    # pytest's own names still match: the test function's name.
    assert selected(pytester, "-k", "auth4376") == [MADE_BY]
    assert selected(pytester, "--name", "^Sara .* (tablet|phone)$") == [PHONE, TABLET]


def test_a_wrong_claim_tag_names_file_line_and_valid_claims(pytester: pytest.Pytester) -> None:
    suite(pytester, "Feature: F\n  @C99\n  Scenario: S\n    Then x\n")
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*devices.feature:2: @C99: *not a claim*Valid claims: C01*"])


def test_qa_joins_option_values_that_start_with_at() -> None:
    """pytest would read `-m @C18` as arguments from a file named C18."""
    assert pytest_args(["-m", "@C18", "--tags", "@C18 and not @wip", "-x"]) == [
        "-m=@C18",
        "--tags=@C18 and not @wip",
        "-x",
    ]


def test_headed_without_a_display_stops_with_one_line() -> None:
    problem = display_problem(True, {"DISPLAY": ""})
    assert problem is not None
    assert "--headed needs a display" in problem
    assert "\n" not in problem
    assert display_problem(False, {"PWDEBUG": "1"}) is not None
    assert display_problem(True, {"DISPLAY": ":99"}) is None
    assert display_problem(False, {}) is None


def test_pytest_refuses_headed_without_a_display(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    suite(pytester)
    result = pytester.runpytest("--headed")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--headed needs a display*"])
