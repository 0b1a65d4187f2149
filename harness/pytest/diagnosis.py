"""After a failure: what broke, where, and what the browsers showed and did.

A failure's first lines say, before any traceback: the feature file and line, the failed
step, what was expected and what the page showed, the screenshot and trace files, and the
cookie diagnosis. Pytest's own frames are left out of the traceback that follows, unless
`-v` or `--tb=long` asks for all of it. A crashed browser or a silent stub or inbox is
said first, so the report's one-line reason says it instead of the timeout it caused.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Generator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Error
from pytest_bdd.parser import Feature, Scenario, Step

from contract.cookies import LOGIN_TX
from harness.browsers import ScenarioBrowsers
from harness.clients.tls import verify_for
from harness.cookie_diagnosis import diagnosis
from harness.environment import Environment, check_alive
from harness.personas import PersonaBook
from harness.pytest.bdd_adapter import open_failure_with
from harness.report import BrowserUse
from harness.unrecorded import unrecorded
from harness.visual.check import VisualMismatch

# Scenarios about AUTH-4376 expect refused cookies; anywhere else they explain a failure.
EXPECTS_REFUSED_COOKIES = {"C18"}
# Lines of a page's accessibility snapshot shown in a failure.
SNAPSHOT_LINES = 12

_CALL_REPORT = pytest.StashKey[pytest.TestReport]()
_SCENARIO_REQUEST = pytest.StashKey[pytest.FixtureRequest]()
_FAILED_STEP = pytest.StashKey["FailedStep"]()
_FAILURE = pytest.StashKey["FailureContext"]()


@dataclass(frozen=True)
class FailedStep:
    """The Gherkin step that failed, where it is written."""

    keyword: str
    text: str
    location: str  # features/…/x.feature:LINE


@dataclass
class FailureContext:
    """A failure's first lines, and the evidence files and cookie lines among them."""

    lines: list[str] = field(default_factory=list)
    step: FailedStep | None = None
    cookies: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def call_report(item: pytest.Item) -> pytest.TestReport | None:
    """The report of the test's call phase, once made (None when set-up failed)."""
    return item.stash.get(_CALL_REPORT, None)


def failure_context(item: pytest.Item) -> FailureContext | None:
    """The failure's first lines, when this attempt's call phase failed."""
    return item.stash.get(_FAILURE, None)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A rerun starts with nothing of the attempt before it."""
    stash = item.stash
    if _CALL_REPORT in stash:
        del stash[_CALL_REPORT]
    if _FAILED_STEP in stash:
        del stash[_FAILED_STEP]
    if _FAILURE in stash:
        del stash[_FAILURE]


def pytest_bdd_before_scenario(
    request: pytest.FixtureRequest, feature: Feature, scenario: Scenario
) -> None:
    # Steps ask for their fixtures as they run, so only the scenario's request knows
    # which ones it set up; item.funcargs holds just those its signature names.
    request.node.stash[_SCENARIO_REQUEST] = request


def pytest_bdd_step_error(
    request: pytest.FixtureRequest, feature: Feature, scenario: Scenario, step: Step
) -> None:
    path = Path(os.path.relpath(feature.filename, request.config.rootpath)).as_posix()
    failed = FailedStep(step.keyword.strip(), step.name, f"{path}:{step.line_number}")
    request.node.stash[_FAILED_STEP] = failed


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
    scenario_browsers = active_fixture(item, "browsers")
    if isinstance(scenario_browsers, ScenarioBrowsers):
        uses = browser_uses(scenario_browsers, _names(item))
        _tell(item, report, "browser_uses", json.dumps([asdict(u) for u in uses]))
    if report.failed and call.excinfo is not None:
        context = explain(item, report, call.excinfo, scenario_browsers)
        item.stash[_FAILURE] = context
        _tell(item, report, "failure", "\n".join(context.lines))
        _open_with_header(item, call.excinfo, report, context)
    # The request is needed no longer; the item lives on until the session ends.
    if _SCENARIO_REQUEST in item.stash:
        del item.stash[_SCENARIO_REQUEST]
    return report


def _tell(item: pytest.Item, report: pytest.TestReport, key: str, value: str) -> None:
    """A property of this report and of the reports still to come (the item's list is
    copied into each report when it is made)."""
    item.user_properties.append((key, value))
    report.user_properties.append((key, value))


def _names(item: pytest.Item) -> dict[int, str]:
    book = active_fixture(item, "personas")
    return {p.slot: p.name for p in book.everyone()} if isinstance(book, PersonaBook) else {}


def browser_uses(scenario_browsers: ScenarioBrowsers, names: dict[int, str]) -> list[BrowserUse]:
    """Every browser every persona used, in the order they first used it."""
    uses = []
    for key in scenario_browsers.pages():
        refused = any(c.name == LOGIN_TX for c in scenario_browsers.refused_in(key))
        lost = any(c.name == LOGIN_TX for c in scenario_browsers.cleared_in(key))
        persona = names.get(key.slot, f"persona {key.slot + 1}")
        node = scenario_browsers.node(key)
        uses.append(BrowserUse(persona, key.device, key.policy, refused, lost, node))
    return uses


def explain(
    item: pytest.Item,
    report: pytest.TestReport,
    excinfo: pytest.ExceptionInfo[BaseException],
    scenario_browsers: object,
) -> FailureContext:
    """The failure's first lines, and its evidence saved before anything else happens."""
    context = FailureContext(step=item.stash.get(_FAILED_STEP, None))
    context.lines += what_broke(item, scenario_browsers)
    if context.step is not None:
        step = context.step
        context.lines.append(f"Failed step at {step.location}: {step.keyword} {step.text}")
    if isinstance(excinfo.value, VisualMismatch):
        # The approved, actual and diff pictures: listed here, attached to the step.
        mismatch = excinfo.value
        context.lines.append(f"Expected: {mismatch.headline}")
        for label, path in mismatch.evidence:
            context.files.append(path)
            _tell(item, report, "artifact", str(path))
            context.lines.append(f"{label} picture: {_shown(path)}")
        context.lines.append(mismatch.advice)
    else:
        context.lines += expected_and_seen(excinfo)
    if isinstance(scenario_browsers, ScenarioBrowsers):
        names = _names(item)
        context.lines += page_views(scenario_browsers, names)
        for saved in scenario_browsers.keep_failure_evidence():
            context.files.append(saved.path)
            _tell(item, report, "artifact", str(saved.path))
            hint = ""
            if saved.kind == "trace":
                bare = not scenario_browsers.pool.options.trace_snapshots
                lacks = "; without DOM snapshots and network: --trace-snapshots on adds them"
                hint = f" (npx playwright show-trace FILE{lacks if bare else ''})"
            context.lines.append(f"{saved.kind.capitalize()}: {_shown(saved.path)}{hint}")
        context.cookies = cookie_lines(item, scenario_browsers, names)
        context.lines += context.cookies
    return context


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


_CALL_LOG_LOCATOR = re.compile(r"^\s*- waiting for (.+)$", re.MULTILINE)


def expected_and_seen(excinfo: pytest.ExceptionInfo[BaseException]) -> list[str]:
    """What was expected and what was found, from the assertion's own message."""
    text = str(excinfo.value).strip()
    kind = type(excinfo.value).__name__
    if not text:
        return [f"Error: {kind}"]
    lines = text.splitlines()
    if "Call log:" in text or lines[0].startswith(("Locator expected", "Page expected")):
        locator = _CALL_LOG_LOCATOR.search(text)
        found = [line.strip() for line in lines[1:] if line.startswith(("Actual", "Error:"))]
        out = [f"Expected: {lines[0].strip()}" + (f": {locator.group(1)}" if locator else "")]
        if found:
            out.append(f"Found: {' / '.join(found)}")
        return out
    label = "Expected" if kind == "AssertionError" else f"Error ({kind})"
    # The message's own words, without the `assert a == b` line pytest adds after them.
    words = [line.strip() for line in lines[:4] if line.strip()]
    first = " ".join(line for line in words if not line.startswith("assert "))
    return [f"{label}: {first}"]


def page_views(scenario_browsers: ScenarioBrowsers, names: dict[int, str]) -> list[str]:
    """What each browser showed when the step failed: its address and an accessibility
    snapshot of the page (the texts and roles a reader would see)."""
    out = []
    for key, page in scenario_browsers.pages().items():
        who = names.get(key.slot, f"persona {key.slot + 1}")
        if page.is_closed():
            out.append(f"{who}'s page ({key.device} / {key.policy}) was closed.")
            continue
        try:
            # The page's main content where it has one: menus and footers explain little.
            main = page.locator("main")
            with unrecorded():  # the harness looking, not a step of the scenario's trace
                region = main.first if main.count() else page.locator("body")
                snapshot = without_menus(region.aria_snapshot(timeout=2000).splitlines())
        except Error:
            snapshot = ["(no snapshot: the page did not answer)"]
        more = len(snapshot) - SNAPSHOT_LINES
        shown = snapshot[:SNAPSHOT_LINES] + ([f"… {more} more lines"] if more > 0 else [])
        out.append(f"{who}'s page ({key.device} / {key.policy}) showed {page.url}:")
        if said := page_messages(snapshot):
            out.append(f"  It says: {' / '.join(said)}")
        out += [f"    {line}" for line in shown]
    return out


_MESSAGE = re.compile(r"^\s*- (?:alert|status)(?: \"[^\"]*\")?: (?P<text>.+)$")


def page_messages(snapshot: list[str]) -> list[str]:
    """The page's alerts and status messages (a form's error, "Inbjudan skickad"): what a
    reader sees first, wherever the snapshot's shown lines end."""
    return [m.group("text").strip() for line in snapshot if (m := _MESSAGE.match(line))]


def without_menus(snapshot: list[str]) -> list[str]:
    """An aria snapshot with each navigation's entries folded into its own line: the site
    menu opens every page's <main>, and left whole it took the lines that are shown of a
    failure, hiding the form's message below it ("… 22 more lines")."""
    out: list[str] = []
    folded_at: int | None = None
    for line in snapshot:
        indent = len(line) - len(line.lstrip())
        if folded_at is not None and indent > folded_at:
            continue
        folded_at = None
        if line.lstrip().startswith("- navigation"):
            folded_at = indent
            out.append(line.rstrip(":") + " …" if line.endswith(":") else line)
            continue
        out.append(line)
    return out


def cookie_lines(
    item: pytest.Item, scenario_browsers: ScenarioBrowsers, names: dict[int, str]
) -> list[str]:
    expected = any(item.get_closest_marker(tag) for tag in EXPECTS_REFUSED_COOKIES)
    uses = browser_uses(scenario_browsers, names)
    browsers = [f"{u.persona}: {u.device} / {u.cookie_policy}" for u in uses]
    return diagnosis(
        scenario_browsers.blocked_cookies,
        scenario_browsers.cleared_at_restart,
        browsers,
        expected=expected,
    )


def _open_with_header(
    item: pytest.Item,
    excinfo: pytest.ExceptionInfo[BaseException],
    report: pytest.TestReport,
    context: FailureContext,
) -> None:
    """The report's traceback, opened by the failure's first lines; pytest's and
    pytest-bdd's frames left out unless -v or --tb=long asks for everything."""
    config = item.config
    trim = config.option.tbstyle == "auto" and config.get_verbosity() < 1
    step = context.step
    crash = f"{step.keyword} {step.text} ({step.location})" if step else None
    root = config.rootpath if trim else None
    open_failure_with(report, excinfo, context.lines, crash, trim_under=root)


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
            httpx.get(f"{inbox}/readyz", timeout=3, verify=verify_for(inbox)).raise_for_status()
        except httpx.HTTPError as exc:
            found.append(f"The inbox (Mailpit at {inbox}) is not answering: {type(exc).__name__}.")
    return found
