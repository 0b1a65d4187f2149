"""Whether a page may look different since it was last seen, for step screenshots."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Error, Page

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
    """What a step screenshot needs to know about a page, from one round trip."""

    changed: bool
    loaded: bool


def page_state(page: Page) -> PageState:
    """Whether the page may look different since it was last seen loaded (True when
    unsure), and whether it has finished loading."""
    try:
        with unrecorded():
            changed, loaded = page.evaluate(TAKE_CHANGE_MARK)
    except Error:
        return PageState(changed=True, loaded=True)
    return PageState(bool(changed), bool(loaded))
