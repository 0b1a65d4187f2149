"""Step screenshots: taken of a page that changed, and deferred while a page still loads.

A page whose image is held back by a route stays loading for as long as the test wants,
so the deferral is checked against a real Chromium without any timing luck.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, Playwright, Route

from harness.browsers import BrowserKey, PageState, ScenarioBrowsers, page_state
from harness.cookie_policies import cookie_policy
from harness.devices import device
from harness.living_docs.evidence import Evidence

from .offline_world import one_scenario

ORIGIN = "https://screens.example.test"
# A 1×1 transparent PNG.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


@pytest.fixture
def scenario(playwright_driver: Playwright, tmp_path: Path) -> Iterator[ScenarioBrowsers]:
    with one_scenario(playwright_driver, tmp_path, "screens") as browsers:
        yield browsers


def open_page(browsers: ScenarioBrowsers) -> Page:
    key = BrowserKey("desktop-chrome", "allow")
    return browsers.page(key, device(key.device), cookie_policy("allow"))


def serve(page: Page, held: list[Route]) -> None:
    """/ready is a finished page; /loading waits for an image the test hands out later."""
    page.route(
        f"{ORIGIN}/ready", lambda r: r.fulfill(body="<h1>ready</h1>", content_type="text/html")
    )
    page.route(
        f"{ORIGIN}/loading",
        lambda r: r.fulfill(body="<h1>loading</h1><img src='/held.png'>", content_type="text/html"),
    )
    page.route(f"{ORIGIN}/held.png", lambda r: held.append(r))


def test_a_page_is_seen_changed_once_and_then_unchanged(scenario: ScenarioBrowsers) -> None:
    page = open_page(scenario)
    serve(page, [])
    page.goto(f"{ORIGIN}/ready")
    first, second = page_state(page), page_state(page)
    assert (first.changed, first.loaded) == (True, True)
    assert (second.changed, second.loaded) == (False, True), "a loaded page must be reset"
    page.get_by_role("heading").evaluate("h => { h.textContent = 'changed'; }")
    assert page_state(page).changed, "a DOM change must mark the page as changed"


def test_a_page_still_loading_stays_changed_until_it_has_loaded(
    scenario: ScenarioBrowsers,
) -> None:
    page = open_page(scenario)
    held: list[Route] = []
    serve(page, held)
    page.goto(f"{ORIGIN}/loading", wait_until="domcontentloaded")
    page.wait_for_function("() => document.images.length === 1")
    assert held, "the image request was not held"
    for _ in range(2):
        state = page_state(page)
        assert (state.changed, state.loaded) == (True, False), "the mark must survive loading"
    held[0].fulfill(body=PIXEL, content_type="image/png")
    page.wait_for_load_state("load")
    assert page_state(page).loaded
    assert not page_state(page).changed


def test_evidence_defers_a_loading_page_to_the_next_step_but_not_past_the_last(
    scenario: ScenarioBrowsers, tmp_path: Path
) -> None:
    page = open_page(scenario)
    held: list[Route] = []
    serve(page, held)
    evidence = Evidence(tmp_path / "reports" / "shots", tmp_path / "reports")
    page.goto(f"{ORIGIN}/loading", wait_until="domcontentloaded")
    page.wait_for_function("() => document.images.length === 1")
    assert evidence.screenshots(scenario, {}, final=False) == [], "a loading page was shot"
    held[0].fulfill(body=PIXEL, content_type="image/png")
    page.wait_for_load_state("load")
    shots = evidence.screenshots(scenario, {}, final=False)
    assert len(shots) == 1, "the page that finished loading was not shot at the next step"
    assert evidence.screenshots(scenario, {}, final=False) == [], "an unchanged page was shot"

    held.clear()
    page.goto(f"{ORIGIN}/loading", wait_until="domcontentloaded")
    page.wait_for_function("() => document.images.length === 1")
    last = evidence.screenshots(scenario, {}, final=True)
    assert len(last) == 1, "after the last step a page still loading must be shot as it is"
    assert (tmp_path / "reports" / last[0].url).stat().st_size > 0


@pytest.mark.parametrize(
    ("name", "size"), [("desktop-chrome", (1280, 800)), ("samsung-s24-internet-29", (360, 780))]
)
def test_a_step_picture_is_what_the_viewport_shows_at_its_css_size(
    scenario: ScenarioBrowsers, tmp_path: Path, name: str, size: tuple[int, int]
) -> None:
    """The step picture is at CSS pixels on a DPR-3 phone too (tens of kB), and of the
    part of the page scrolled to."""
    key = BrowserKey(name, "allow")
    page = scenario.page(key, device(name), cookie_policy("allow"))
    assert device(name).context_options()["viewport"] == {"width": size[0], "height": size[1]}
    tall = (
        "<body style='margin:0'><div style='height:3000px;background:rgb(0,0,255)'></div>"
        "<div style='height:3000px;background:rgb(255,0,0)'></div></body>"
    )
    page.route(f"{ORIGIN}/tall", lambda r: r.fulfill(body=tall, content_type="text/html"))
    page.goto(f"{ORIGIN}/tall")
    page.evaluate("scrollTo(0, 3000)")
    evidence = Evidence(tmp_path / "reports" / "shots", tmp_path / "reports")
    shots = evidence.screenshots(scenario, {}, final=True)
    assert len(shots) == 1
    with Image.open(tmp_path / "reports" / shots[0].url) as picture:
        assert picture.format == "JPEG"
        assert picture.size == size
        middle = picture.convert("RGB").getpixel((size[0] // 2, size[1] // 2))
    assert isinstance(middle, tuple)
    assert middle[0] > 200, f"the picture is not of the scrolled-to part: {middle}"
    assert max(middle[1:]) < 60, f"the picture is not of the scrolled-to part: {middle}"


class CountedEvaluate:
    """Counts the page's own evaluate calls (the round trips page_state may make)."""

    def __init__(self, page: Page) -> None:
        self.calls = 0
        self._evaluate = page.evaluate
        page.evaluate = self  # type: ignore[method-assign]

    def __call__(self, expression: str, arg: object = None) -> object:
        self.calls += 1
        return self._evaluate(expression, arg)


def test_a_tab_known_to_be_on_a_new_page_is_not_asked_while_it_loads_or_after_the_last_step(
    scenario: ScenarioBrowsers,
) -> None:
    """A scenario's tab counts its navigations: a page it has not seen since it navigated
    has changed for certain, so it is asked neither while it loads (no picture yet) nor
    when no step follows (a picture anyway). Only a loaded page it might have seen is asked,
    which also resets its mark."""
    page = open_page(scenario)
    held: list[Route] = []
    serve(page, held)
    asked = CountedEvaluate(page)
    page.goto(f"{ORIGIN}/loading", wait_until="domcontentloaded")
    page.wait_for_function("() => document.images.length === 1")
    before = asked.calls
    assert page_state(page) == PageState(changed=True, loaded=False)
    assert asked.calls == before, "a page known to be loading was asked"
    held[0].fulfill(body=PIXEL, content_type="image/png")
    page.wait_for_load_state("load")
    assert page_state(page) == PageState(changed=True, loaded=True)
    assert asked.calls == before + 1, "a loaded page must be asked, to reset its mark"
    assert page_state(page) == PageState(changed=False, loaded=True)
    page.goto(f"{ORIGIN}/ready")
    before = asked.calls
    assert page_state(page, final=True).changed
    assert asked.calls == before, "a new page after the last step was asked"


def test_a_tab_the_harness_did_not_open_is_asked(scenario: ScenarioBrowsers) -> None:
    """A page that is not a scenario's warm tab has no count of navigations: it is asked."""
    page = open_page(scenario).context.new_page()
    serve(page, [])
    page.goto(f"{ORIGIN}/ready")
    asked = CountedEvaluate(page)
    assert page_state(page, final=True) == PageState(changed=True, loaded=True)
    assert asked.calls == 1
    assert page_state(page) == PageState(changed=False, loaded=True)
