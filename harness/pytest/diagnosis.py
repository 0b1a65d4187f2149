"""After a failure: what broke (a crashed browser, a silent stub or inbox, refused cookies).

The explanation goes first in the failure's message, so the report's one-line reason says
it, instead of leaving only the timeout it caused.
"""

from __future__ import annotations

from collections.abc import Generator

import httpx
import pytest
from pytest_bdd.parser import Feature, Scenario

from harness.browsers import ScenarioBrowsers
from harness.environment import Environment, check_alive

# Scenarios about AUTH-4376 expect refused cookies; anywhere else they explain a failure.
EXPECTS_REFUSED_COOKIES = {"C18"}

_CALL_REPORT = pytest.StashKey[pytest.TestReport]()
_SCENARIO_REQUEST = pytest.StashKey[pytest.FixtureRequest]()


def call_report(item: pytest.Item) -> pytest.TestReport | None:
    """The report of the test's call phase, once made (None when set-up failed)."""
    return item.stash.get(_CALL_REPORT, None)


def pytest_bdd_before_scenario(
    request: pytest.FixtureRequest, feature: Feature, scenario: Scenario
) -> None:
    # Steps ask for their fixtures as they run, so only the scenario's request knows
    # which ones it set up; item.funcargs holds just those its signature names.
    request.node.stash[_SCENARIO_REQUEST] = request


def active_fixture(item: pytest.Item, name: str) -> object | None:
    """A fixture value the test has already set up (never sets one up just to look)."""
    request = item.stash.get(_SCENARIO_REQUEST, None)
    if request is not None:
        if name not in request.fixturenames:
            return None
        value: object = request.getfixturevalue(name)
        return value
    funcargs = item.funcargs if isinstance(item, pytest.Function) else {}
    return funcargs.get(name)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.when != "call":
        return report
    item.stash[_CALL_REPORT] = report
    if report.failed:
        scenario_browsers = active_fixture(item, "browsers")
        if isinstance(scenario_browsers, ScenarioBrowsers):
            diagnosis = cookie_diagnosis(item, scenario_browsers)
            if diagnosis:
                report.sections.append(("Cookie diagnosis", diagnosis))
        seen = what_broke(item, scenario_browsers)
        if seen:
            # First in the message, so the report's one-line reason says it.
            report.longrepr = "\n".join(seen) + "\n\n" + report.longreprtext
    # The request is needed no longer; the item lives on until the session ends.
    if _SCENARIO_REQUEST in item.stash:
        del item.stash[_SCENARIO_REQUEST]
    return report


def what_broke(item: pytest.Item, scenario_browsers: object) -> list[str]:
    """A browser that crashed or a part of the world that stopped answering, said plainly."""
    found: list[str] = []
    if isinstance(scenario_browsers, ScenarioBrowsers):
        for key, page in scenario_browsers.pages().items():
            if key in scenario_browsers.crashed or page.is_closed():
                found.append(
                    f"The browser {key.slug} crashed or was closed during this scenario. "
                    "The scenario failed; the next one starts a new browser."
                )
    environment = active_fixture(item, "environment")
    if isinstance(environment, Environment):
        dead = check_alive(environment)
        if dead:
            item.user_properties.append(("dead_stubs", "; ".join(dead)))
        # A real environment may have no health route; only the stub world's are named.
        if environment.has_control:
            found += [f"The stub world is not answering: {d}." for d in dead]
        inbox = environment.mailpit.api_url
        try:
            httpx.get(f"{inbox}/readyz", timeout=3).raise_for_status()
        except httpx.HTTPError as exc:
            found.append(f"The inbox (Mailpit at {inbox}) is not answering: {type(exc).__name__}.")
    return found


def cookie_diagnosis(item: pytest.Item, scenario_browsers: ScenarioBrowsers) -> str:
    """What the browser did with cookies, with the device and policy it did it under."""
    refused = scenario_browsers.blocked_cookies
    cleared = scenario_browsers.cleared_at_restart
    if not (refused or cleared):
        return ""
    expected = any(item.get_closest_marker(tag) for tag in EXPECTS_REFUSED_COOKIES)
    role = "evidence (this scenario is about refused cookies)" if expected else "likely cause"
    browsers = (
        ", ".join(f"{key.device} / {key.policy}" for key in scenario_browsers.pages())
        or "no browser"
    )
    lines = [f"The browser's cookie handling, as {role}, on {browsers}:"]
    lines += [f"  - {b.describe()}" for b in refused + cleared]
    return "\n".join(lines)
