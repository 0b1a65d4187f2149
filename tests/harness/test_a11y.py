"""Accessibility checks against a real Chromium: axe-core judges each page state once a run,
pages a step passes through are judged on their snapshots, the allow-list and its reasons,
the summary's section. The end-to-end done-when is in test_a11y_report.py.

The pages are served by Playwright routes, not by the stub world, so the broken page
exists only in this test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Playwright, Route

from harness.a11y import A11yChecks, AllowList, ScenarioA11y, load_allowlist
from harness.a11y.allowlist import AllowEntry
from harness.a11y.summary import A11ySection
from harness.browsers import BrowserKey, ScenarioBrowsers
from harness.cookie_policies import cookie_policy
from harness.devices import device

from .offline_world import one_scenario

pytest_plugins = ["pytester"]

ORIGIN = "https://forms.example.test"
PAGE = """<!doctype html><html lang="sv"><head><title>Nyhetsbrev</title></head>
<body><main><h1>Nyhetsbrev</h1><form>{field}<button>Prenumerera</button></form></main></body>
</html>"""
UNLABELLED = PAGE.format(field='<input id="email" type="email">')
LABELLED = PAGE.format(field='<label for="email">E-post</label><input id="email" type="email">')


@pytest.fixture
def scenario(playwright_driver: Playwright, tmp_path: Path) -> Iterator[ScenarioBrowsers]:
    with one_scenario(playwright_driver, tmp_path, "a11y") as browsers:
        yield browsers


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
