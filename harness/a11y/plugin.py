"""pytest plugin: --a11y off|report|fail, the allow-list, and a check after every step.

After each step every open page of the scenario's browsers whose state is new to the
scenario is checked with axe-core (harness.a11y.checks); what it finds goes under that
step in the HTML report and, as the `a11y` property of the scenario's reports, into
summary.md/.json and the claims page. With `fail`, a step that reached a page with a
serious or critical violation (not allowed) fails.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from pytest_bdd.parser import Feature, Scenario, Step

from harness.a11y.allowlist import ALLOWLIST_FILE, load_allowlist
from harness.a11y.checks import A11yChecks, ScenarioA11y
from harness.a11y.findings import A11Y_MODES, DEFAULT_A11Y_MODE, PageCheck, a11y_mode
from harness.browsers import ScenarioBrowsers
from harness.living_docs.recorder import attach_to_running_step
from harness.living_docs.records import AttachmentRecord
from harness.personas import PersonaBook
from harness.pytest.diagnosis import active_fixture
from harness.pytest.options import HELP_GROUPS
from harness.setting_values import checked

_RUN = pytest.StashKey[A11yChecks]()
_SCENARIO = pytest.StashKey[ScenarioA11y]()
PROPERTY = "a11y"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup(*HELP_GROUPS["reports"]).addoption(
        "--a11y",
        choices=A11Y_MODES,
        default=None,
        help="axe-core (WCAG 2.2 A/AA) on the pages a scenario reaches (HARNESS_A11Y): "
        "only in `Then the page is accessible` (off); after every step, reporting what "
        "it finds (report); or also failing a step that reaches a page with a serious or "
        f"critical violation (fail). Default {DEFAULT_A11Y_MODE}; accepted violations "
        f"live in {ALLOWLIST_FILE}",
    )


def pytest_configure(config: pytest.Config) -> None:
    given = config.getoption("a11y", default=None)
    try:
        text = given or os.environ.get("HARNESS_A11Y", "").strip() or DEFAULT_A11Y_MODE
        mode = checked("HARNESS_A11Y", text, a11y_mode)
        # Read even when off: `Then the page is accessible` checks its page regardless.
        allowlist = load_allowlist(config.rootpath / ALLOWLIST_FILE)
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from exc
    config.stash[_RUN] = A11yChecks(mode, allowlist)


def a11y_run(config: pytest.Config) -> A11yChecks:
    return config.stash[_RUN]


def _scenario_checks(item: pytest.Item) -> ScenarioA11y:
    checks = item.stash.get(_SCENARIO, None)
    if checks is None:
        checks = item.stash[_SCENARIO] = ScenarioA11y(a11y_run(item.config))
    checks.run.current = checks
    return checks


def pytest_bdd_before_step(request: pytest.FixtureRequest) -> None:
    """Watch the tabs open now, so a page they pass through within the step is noted."""
    item = request.node
    run = item.config.stash.get(_RUN, None)
    if run is None or run.mode == "off":
        return
    # This scenario's from the first step on: a profile watched since an earlier scenario
    # reports the pages of the step that takes it up again.
    _scenario_checks(item)
    browsers = active_fixture(item, "browsers")
    if not isinstance(browsers, ScenarioBrowsers):
        return
    for key, page in browsers.pages().items():
        if not page.is_closed():
            run.watch(key, page)


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef: pytest.FixtureDef[Any], request: pytest.FixtureRequest) -> Any:
    """Watch every tab of the scenario's browsers from its first page on, including a
    browser that a step opens and takes through several pages before it ends."""
    result = yield
    run = request.config.stash.get(_RUN, None)
    # Only the harness's own `browsers` fixture: a test of its own that builds a
    # ScenarioBrowsers (tests/harness) keeps its pages to itself.
    ours = fixturedef.argname == "browsers" and isinstance(result, ScenarioBrowsers)
    if ours and run is not None and run.mode != "off":
        result.on_open.append(run.watch)
    return result


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A rerun starts with checks of its own (the run-wide verdicts stay)."""
    if _SCENARIO in item.stash:
        del item.stash[_SCENARIO]


def names_of(item: pytest.Item) -> dict[int, str]:
    book = active_fixture(item, "personas")
    return {p.slot: p.name for p in book.everyone()} if isinstance(book, PersonaBook) else {}


def evidence(checks: list[PageCheck]) -> AttachmentRecord:
    lines = [line for check in checks for line in check.lines()]
    failing = sum(len(c.failing) for c in checks)
    count = sum(len(c.violations) for c in checks)
    title = f"Accessibility: {count} violation(s), {failing} serious or critical"
    if not count:
        title = f"Accessibility: {len(checks)} page(s), no violation"
    return AttachmentRecord("text/plain", body="\n".join(lines), file_name=title)


def failure_lines(checks: list[PageCheck]) -> list[str]:
    """The first lines of a failed accessibility check: rule, element and help link."""
    failing = [(c, v) for c in checks for v in c.failing]
    lines = [f"{len(failing)} serious or critical accessibility violation(s):"]
    for check, violation in failing:
        lines.append(f"  - {violation.line()}")
        lines.append(f"    on {check.heading()}")
    return lines


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_after_step(
    request: pytest.FixtureRequest,
    feature: Feature,
    scenario: Scenario,
    step: Step,
    step_func: Any,
    step_func_args: dict[str, Any],
) -> None:
    item = request.node
    run = item.config.stash.get(_RUN, None)
    if run is None or run.mode == "off":
        return
    browsers = active_fixture(item, "browsers")
    if not isinstance(browsers, ScenarioBrowsers):
        return
    checks = _scenario_checks(item)
    final = step.line_number == scenario.steps[-1].line_number
    found = checks.after_step(
        browsers, names_of(item), f"{step.keyword.strip()} {step.name}", final=final
    )
    if not found:
        return
    attach_to_running_step(item, evidence(found))
    if run.mode == "fail" and any(c.failing for c in found):
        error = AssertionError("\n".join(failure_lines(found)))
        request.config.hook.pytest_bdd_step_error(
            request=request,
            feature=feature,
            scenario=scenario,
            step=step,
            step_func=step_func,
            step_func_args=step_func_args,
            exception=error,
        )
        raise error


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report: pytest.TestReport = yield
    checks = item.stash.get(_SCENARIO, None)
    if checks is not None and report.when == "call":
        checks.run.current = None  # pages loaded from now on belong to no scenario
    if report.when == "call" and checks is not None and checks.checks:
        value = json.dumps([c.to_json() for c in checks.checks], ensure_ascii=False)
        item.user_properties.append((PROPERTY, value))
        report.user_properties.append((PROPERTY, value))
    return report


def expect_accessible(request: pytest.FixtureRequest) -> None:
    """`Then the page is accessible`: every open page of the scenario, as it is now, has
    no serious or critical violation that the allow-list does not accept."""
    item = request.node
    browsers = active_fixture(item, "browsers")
    assert isinstance(browsers, ScenarioBrowsers), "No customer has opened a browser yet"
    checks = _scenario_checks(item).check_now(
        browsers, names_of(item), "Then the page is accessible"
    )
    assert checks, "No page is open to check for accessibility"
    attach_to_running_step(item, evidence(checks))
    if any(c.failing for c in checks):
        raise AssertionError("\n".join(failure_lines(checks)))
