"""Whether a page may look different since it was last seen, for step screenshots.

Whether a page has loaded is read from one private part of the Playwright in
requirements.lock (the load states its client keeps for a frame); without it the page is
asked, as before. tests/harness/test_step_screenshots.py fails on an upgrade that drops it.
"""

from __future__ import annotations

from dataclasses import dataclass
from weakref import WeakKeyDictionary

from playwright.sync_api import Error, Frame, Page

from harness.unrecorded import unrecorded

# Marks a document as changed on load and on every DOM mutation, input or scroll, so the
# report can skip a step screenshot of a page that looks exactly as in the previous one.
CHANGE_MARK_SCRIPT = """(() => {
  const mark = () => { window.__harnessChanged = true; };
  mark();
  new MutationObserver(mark).observe(document, {
    subtree: true, childList: true, attributes: true, characterData: true,
  });
  addEventListener("input", mark, true);
  addEventListener("scroll", mark, true);
  addEventListener("resize", mark, true);
})();"""
# Reads the mark and whether the document has finished loading; the mark is reset only
# for a loaded document, so a page still loading counts as changed at the next look.
# A document the script never ran in counts as changed.
TAKE_CHANGE_MARK = """() => {
  const changed = window.__harnessChanged !== false;
  const loaded = document.readyState === "complete";
  if (loaded) window.__harnessChanged = false;
  return [changed, loaded];
}"""


@dataclass(frozen=True)
class PageState:
    """What a step screenshot needs to know about a page."""

    changed: bool
    loaded: bool


@dataclass
class _Looks:
    """What the harness knows of a watched page without asking it: how many times its
    main frame navigated, and how many times it had when the page was last seen loaded."""

    navigations: int = 0
    seen_at: int = -1


_WATCHED: WeakKeyDictionary[Page, _Looks] = WeakKeyDictionary()


def watch(page: Page) -> None:
    """Count the page's main-frame navigations from the events Playwright already sends,
    so page_state() need not ask a page it knows to be new."""
    looks = _WATCHED[page] = _Looks()

    def navigated(frame: Frame) -> None:
        if frame.parent_frame is None:
            looks.navigations += 1

    page.on("framenavigated", navigated)


def _still_loading(page: Page) -> bool | None:
    """Whether the main document has not fired its load event yet, by the load states the
    Playwright client keeps from the driver's events; None when this Playwright keeps them
    elsewhere (then the page is asked)."""
    states = getattr(getattr(page.main_frame, "_impl_obj", None), "_load_states", None)
    return "load" not in states if isinstance(states, set) else None


def page_state(page: Page, *, final: bool = False) -> PageState:
    """Whether the page may look different since it was last seen loaded (True when
    unsure), and whether it has finished loading. `final`: no step follows, so nothing
    will ask again and the page's mark need not be reset.

    A watched page that navigated since it was last seen is changed for certain; it is
    not asked when it is still loading (its picture waits for the next step) or when no
    step follows. Asking means running a script in the page's main world, which Playwright
    must first set up for each new document: while the page loads, that waits for the page
    and delays the next step's first action by tens of milliseconds."""
    looks = _WATCHED.get(page)
    if looks is not None and looks.navigations != looks.seen_at:
        loading = _still_loading(page)
        if final:
            return PageState(changed=True, loaded=loading is False)
        if loading:
            return PageState(changed=True, loaded=False)
    navigations = looks.navigations if looks is not None else 0
    try:
        with unrecorded():
            changed, loaded = page.evaluate(TAKE_CHANGE_MARK)
    except Error:
        return PageState(changed=True, loaded=True)
    if looks is not None and loaded:
        # As counted before asking: a navigation while the answer travelled is new.
        looks.seen_at = navigations
    return PageState(bool(changed), bool(loaded))
