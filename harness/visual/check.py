"""A scenario's look check: screenshot a key page, compare it with its approved picture.

Approved pictures live in features/__screenshots__/PAGE/DEVICE--LANGUAGE.png, so a
reviewer sees in the path which page, device and language a picture shows. Each run's
own pictures (and, on a mismatch, the approved one and the diff beside them) go under
reports/visual/, listed in comparisons.jsonl, from which `./qa approve` takes them.
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from playwright.sync_api import Page

from harness.browsers import BrowserKey, ScenarioBrowsers
from harness.config import PROJECT_ROOT
from harness.env_profiles import shown_path
from harness.visual.compare import DEFAULT_TOLERANCE, compare
from harness.visual.fonts import missing_fonts, unpinned_message
from harness.visual.key_pages import KeyPage

VisualMode = Literal["off", "compare", "update"]
VISUAL_MODES: tuple[VisualMode, ...] = ("off", "compare", "update")
BASELINES = PROJECT_ROOT / "features" / "__screenshots__"
MANIFEST = "comparisons.jsonl"
MASK_COLOUR = "#FF00FF"
# Still pictures: no transition or animation half-way, no blinking caret, no scrollbar
# whose thumb depends on how far the page was scrolled. Playwright injects it as a
# stylesheet, which a page's Content-Security-Policy may refuse; `animations="disabled"`
# and `caret="hide"` say the same through Playwright's own means, and the two-alike rule
# below catches whatever still moves.
STILL_CSS = (
    "*, *::before, *::after { transition: none !important; animation: none !important;"
    " caret-color: transparent !important; } ::-webkit-scrollbar { display: none; }"
)
# A page still settling gives two different screenshots in a row; Playwright Test's
# toHaveScreenshot waits the same way for two that agree.
SETTLE_S = 5.0


class VisualMismatch(AssertionError):
    """A page that does not look as approved (or has no approved picture yet); `evidence`
    names the pictures, which the failure's first lines list and the report attaches."""

    def __init__(self, headline: str, evidence: list[tuple[str, Path]], advice: str) -> None:
        self.headline = headline
        self.evidence = evidence
        self.advice = advice
        lines = [headline, *(f"{label}: {shown_path(path)}" for label, path in evidence), advice]
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class Picture:
    """Which picture: a key page on a device in a language."""

    page: KeyPage
    device: str
    language: str

    @property
    def stem(self) -> str:
        return f"{self.device}--{self.language}"

    def approved(self, baselines: Path) -> Path:
        return baselines / self.page.slug / f"{self.stem}.png"

    def of_run(self, out_dir: Path, kind: str) -> Path:
        """This run's `actual`, `expected` or `diff` picture."""
        return out_dir / self.page.slug / f"{self.stem}.{kind}.png"


@dataclass
class VisualCheck:
    """The run's look checks: the mode, where approved pictures are and where this run's go."""

    mode: VisualMode
    out_dir: Path
    baselines: Path = BASELINES
    tolerance: float = DEFAULT_TOLERANCE

    def expect_approved(
        self, who: str, page: Page, browsers: ScenarioBrowsers, key_page: KeyPage, language: str
    ) -> None:
        """Compare the page with its approved picture (compare), or approve it (update);
        VisualMismatch with the pictures when it differs or has none. Nothing when off."""
        if self.mode == "off":
            return
        if missing_fonts():
            raise AssertionError(unpinned_message())
        key = _key_of(page, browsers)
        picture = Picture(key_page, key.device, language)
        actual = picture.of_run(self.out_dir, "actual")
        actual.parent.mkdir(parents=True, exist_ok=True)
        shoot_settled(page, browsers, key, key_page, actual)
        approved = picture.approved(self.baselines)
        what = f'{who}\'s screen for "{key_page.name}" ({key.device}, {language})'
        if self.mode == "update":
            approved.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(actual, approved)
            self._note(picture, actual, "updated", "approved by --visual update")
            return
        if not approved.exists():
            self._note(picture, actual, "missing", "no approved picture yet")
            raise VisualMismatch(
                f"{what} has no approved picture yet ({shown_path(approved)}).",
                [("Actual", actual)],
                "Look at the actual picture; if it is right, run ./qa approve.",
            )
        diff = picture.of_run(self.out_dir, "diff")
        found = compare(approved, actual, diff, self.tolerance)
        if found.matches:
            self._note(picture, actual, "matched", found.describe())
            return
        expected = picture.of_run(self.out_dir, "expected")
        shutil.copyfile(approved, expected)
        self._note(picture, actual, "differs", found.describe())
        raise VisualMismatch(
            f"{what} does not look as approved: {found.describe()}.",
            [("Expected", expected), ("Actual", actual), ("Diff", diff)],
            f"Approved picture: {shown_path(approved)}. If the change is intended, run "
            "./qa approve after reviewing the pictures.",
        )

    def _note(self, picture: Picture, actual: Path, result: str, detail: str) -> None:
        """One line of comparisons.jsonl: what ./qa approve may take from this run."""
        line = {
            "approved": str(picture.approved(self.baselines)),
            "actual": str(actual),
            "result": result,
            "detail": detail,
        }
        with (self.out_dir / MANIFEST).open("a", encoding="utf-8") as out:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")


# Masked text on one line while the pictures are taken: a longer address must not make
# its box, and so the page, taller than in the approved picture. Set through the CSSOM,
# which a page's Content-Security-Policy allows where it refuses an injected stylesheet
# (the stub world's pages refuse Playwright's `style` option that way).
_ONE_LINE = """selectors => {
    const saved = [];
    for (const element of document.querySelectorAll(selectors.join(","))) {
        saved.push([element, element.style.cssText]);
        element.style.setProperty("white-space", "nowrap", "important");
        element.style.setProperty("overflow", "hidden", "important");
    }
    window.__harnessLookSaved = saved;
}"""
_RESTORE = """() => {
    for (const [element, css] of window.__harnessLookSaved || []) element.style.cssText = css;
    delete window.__harnessLookSaved;
}"""


def _key_of(page: Page, browsers: ScenarioBrowsers) -> BrowserKey:
    for key, open_page in browsers.pages().items():
        if open_page is page:
            return key
    raise AssertionError("The customer's page is not one of this scenario's browsers")


def shoot_settled(
    page: Page, browsers: ScenarioBrowsers, key: BrowserKey, key_page: KeyPage, path: Path
) -> None:
    """A screenshot of the whole page at CSS scale, masked, once two in a row agree."""
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready.then(() => true)")
    options: dict[str, Any] = {
        "type": "png",
        "full_page": True,
        "scale": "css",
        "animations": "disabled",
        "caret": "hide",
        "mask": [page.locator(selector) for selector in key_page.masks],
        "mask_color": MASK_COLOUR,
        "style": STILL_CSS,
    }
    if key_page.masks:
        page.evaluate(_ONE_LINE, list(key_page.masks))
    try:
        _two_alike(page, browsers, key, options, path)
    finally:
        if key_page.masks:
            page.evaluate(_RESTORE)


def _two_alike(
    page: Page, browsers: ScenarioBrowsers, key: BrowserKey, options: dict[str, Any], path: Path
) -> None:
    deadline = time.monotonic() + SETTLE_S
    previous = path.with_suffix(".previous.png")
    browsers.screenshot(key, path=str(previous), **options)
    while True:
        browsers.screenshot(key, path=str(path), **options)
        if path.read_bytes() == previous.read_bytes():
            previous.unlink()
            return
        if time.monotonic() > deadline:
            previous.unlink()
            raise AssertionError(
                f"{key.device}'s page kept changing for {SETTLE_S:g} s, so it has no one "
                f"look to compare (last seen at {page.url}); its last picture: {shown_path(path)}"
            )
        path.replace(previous)
