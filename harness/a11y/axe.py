"""Running axe-core in a page: a cheap fingerprint of the page's state, then axe itself.

axe-core comes from axe-playwright-python's bundled `axe.min.js` (installed with the lock,
so nothing is fetched at run time). The harness injects it itself, once per document and
only into a page whose state it has not yet checked: the binding's own `Axe.run` sends the
whole 570 kB script on every call.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from playwright.sync_api import Error, Page

from harness.unrecorded import unrecorded

# WCAG 2.0, 2.1 and 2.2, levels A and AA (axe-core's rule tags).
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

# The page's state in one round trip: loaded or not, where, its title and language, and a
# hash of its element structure (tags, ids, classes, roles, types, ARIA and label wiring,
# whether an element has text of its own) without any text or value. Codes, names, dates
# and tokens change from scenario to scenario; the structure axe judges does not.
FINGERPRINT_BODY = """
  let h = 2166136261;
  const add = (s) => { for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; } };
  for (const el of document.querySelectorAll("*")) {
    add(el.tagName);
    for (const a of el.attributes) {
      const n = a.name;
      if (n === "value" || n === "href" || n === "src" || n === "content" || n === "action"
          || n === "style" || n === "nonce" || n === "integrity" || n === "d"
          || n === "points" || n === "x" || n === "width" || n === "aria-valuenow") {
        add(n);
      } else if (n !== "aria-label" && n !== "alt" && n !== "title" && n !== "placeholder") {
        add(n + "=" + a.value);
      } else {
        add(n + (a.value.trim() ? "+" : "-"));
      }
    }
    let text = false;
    for (const c of el.childNodes) {
      if (c.nodeType === 3 && c.textContent.trim()) { text = true; break; }
    }
    add(text ? "T" : "_");
  }
  return {
    loaded: document.readyState === "complete",
    url: location.origin + location.pathname,
    title: document.title,
    lang: document.documentElement.lang || "",
    shape: h.toString(16),
  };
"""
FINGERPRINT = "() => {" + FINGERPRINT_BODY + "}"

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: { type: "tag", values: tags },
    resultTypes: ["violations"],
  });
  return results.violations.map((v) => ({
    rule: v.id, impact: v.impact || "minor", help: v.help, helpUrl: v.helpUrl.split("?")[0],
    targets: v.nodes.map((n) => n.target.map((t) => Array.isArray(t) ? t.join(" ") : t)
      .join(" >>> ")),
  }));
}"""


@dataclass(frozen=True)
class PageShape:
    """Where a page is and what state it is in, as FINGERPRINT read it."""

    loaded: bool
    url: str
    title: str
    language: str
    shape: str


@dataclass(frozen=True)
class RawViolation:
    rule: str
    impact: str
    help: str
    help_url: str
    targets: tuple[str, ...]


@cache
def axe_source() -> str:
    """axe.min.js as axe-playwright-python ships it (read on first use, then kept)."""
    return files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


def page_shape(page: Page) -> PageShape | None:
    """The page's fingerprint; None when the page is gone or mid-navigation."""
    try:
        with unrecorded():
            raw: dict[str, Any] = page.evaluate(FINGERPRINT)
    except Error:
        return None
    return _shape(raw)


def _shape(raw: dict[str, Any]) -> PageShape:
    return PageShape(
        bool(raw["loaded"]),
        str(raw["url"]),
        str(raw["title"]),
        str(raw["lang"]),
        str(raw["shape"]),
    )


def run_axe(page: Page) -> list[RawViolation]:
    """axe-core's WCAG 2.2 A/AA violations on the page as it is now. The harness checking,
    not the scenario acting: kept out of the trace (a DOM snapshot before and after each
    of three calls, one of them loading axe's 500 kB)."""
    with unrecorded():
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(axe_source())
        found: list[dict[str, Any]] = page.evaluate(RUN_AXE, list(WCAG_TAGS))
    return [
        RawViolation(
            str(v["rule"]),
            str(v["impact"]),
            str(v["help"]),
            str(v["helpUrl"]),
            tuple(str(t) for t in v["targets"]),
        )
        for v in found
    ]


# A page the browser passed through within a step (a flow that fills a form and submits it
# goes on before the step ends): its DOM as loaded, without scripts, refreshes or frame
# sources (nothing in the scratch tab may act on the stubs), with a <base> so its styles
# load again, for axe-core to judge in a scratch tab after the step.
SNAPSHOT_BODY = """
  const root = document.documentElement.cloneNode(true);
  for (const el of root.querySelectorAll("script, meta[http-equiv]")) el.remove();
  // A frame would load again in the scratch tab: a shop's silent sign-in check would run
  // a second time and set cookies. The element stays, for axe's frame rules.
  for (const el of root.querySelectorAll("iframe, frame")) {
    el.removeAttribute("src"); el.removeAttribute("srcdoc");
  }
  for (const el of root.querySelectorAll("object, embed")) el.remove();
  let head = root.querySelector("head");
  if (!head) { head = document.createElement("head"); root.prepend(head); }
  const base = document.createElement("base");
  base.href = location.href;
  head.prepend(base);
  return (document.doctype ? "<!doctype html>" : "") + root.outerHTML;
"""
# In every document of a watched browser: when it has loaded, its fingerprint and DOM go
# to the harness (LOAD_BINDING) from inside the page, before anything can navigate it on.
# A page a flow leaves within a step is still seen, as it was when loaded.
LOAD_BINDING = "__harnessA11yLoaded"
LOAD_REPORTER = (
    "(() => { if (window.top !== window) return;"
    " addEventListener('load', () => { try {"
    " const shape = (() => {" + FINGERPRINT_BODY + "})();"
    " const html = (() => {" + SNAPSHOT_BODY + "})();"
    f" window.{LOAD_BINDING}(shape, html);"
    " } catch (e) { /* a page that forbids it is checked at rest only */ } }); })();"
)


def page_shape_of(raw: dict[str, Any]) -> PageShape:
    return _shape(raw)


def run_axe_on_snapshot(page: Page, html: str) -> list[RawViolation] | None:
    """axe-core on a snapshot, rendered in a scratch tab of the same browser (same device,
    fonts and stub hosts); None when it cannot be rendered."""
    scratch = page.context.new_page()
    try:
        if page.viewport_size:
            scratch.set_viewport_size(page.viewport_size)
        scratch.set_content(html, wait_until="load", timeout=10_000)
        return run_axe(scratch)
    except Error:
        return None
    finally:
        scratch.close()
