"""Which pages to check after a step, and what axe-core said of each, once per page state.

A page is checked when a step leaves it loaded in a state not yet checked: the key is the
device, the address without query, and a fingerprint of the page's structure (no text or
values). The worker keeps every verdict for the whole run, so twenty sign-ins pay for
axe on each page once; each scenario still gets its own evidence of every page it saw.
"""

from __future__ import annotations

import time
import weakref
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Error, Page

from harness.a11y.allowlist import AllowList
from harness.a11y.axe import (
    LOAD_BINDING,
    LOAD_REPORTER,
    PageShape,
    RawViolation,
    page_shape,
    page_shape_of,
    run_axe,
    run_axe_on_snapshot,
)
from harness.a11y.findings import A11yMode, PageCheck, Violation
from harness.browsers import BrowserKey, ScenarioBrowsers

ShapeKey = tuple[str, str, str]


@dataclass
class A11yChecks:
    """The worker's settings and every page state axe-core has judged in this run."""

    mode: A11yMode
    allowlist: AllowList
    verdicts: dict[ShapeKey, list[RawViolation]] = field(default_factory=dict)
    axe_runs: int = 0
    # Milliseconds the last verdict took (0 when it was known already).
    last_ms: float = 0.0
    # The scenario running now, which pages loaded in the middle of a step are noted for.
    current: ScenarioA11y | None = None
    _watched: weakref.WeakSet[BrowserContext] = field(default_factory=weakref.WeakSet)

    def verdict(
        self, browsers: ScenarioBrowsers, key: BrowserKey, shape: PageShape, html: str | None = None
    ) -> list[RawViolation] | None:
        """What axe-core says of this page state: known, or found now on the page (or on
        its snapshot, for a page the browser has left)."""
        self.last_ms = 0.0
        known = self.verdicts.get((key.device, shape.url, shape.shape))
        if known is not None:
            return known
        page = browsers.pages().get(key)
        if page is None or page.is_closed():
            return None
        started = time.perf_counter()
        if html is not None:
            result = run_axe_on_snapshot(page, html)
            if result is None:
                return None
            found = result
        else:
            try:
                found = run_axe(page)
            except Error:  # a page that navigated away mid-run is checked after a later step
                return None
        self.axe_runs += 1
        self.last_ms = (time.perf_counter() - started) * 1000
        self.verdicts[(key.device, shape.url, shape.shape)] = found
        return found

    def watch(self, key: BrowserKey, page: Page) -> None:
        """Have every page this browser loads report itself (once per browser profile)."""
        context = page.context
        if context in self._watched:
            return
        self._watched.add(context)
        try:
            context.expose_binding(
                LOAD_BINDING, lambda _source, raw, html: self._loaded(key, raw, html)
            )
            context.add_init_script(LOAD_REPORTER)
        except Error:
            return  # a browser closing under us: its pages are checked at rest only

    def _loaded(self, key: BrowserKey, raw: dict[str, Any], html: str) -> None:
        if self.current is not None and self.mode != "off":
            self.current.page_loaded(key, page_shape_of(raw), str(html))

    def judged(
        self, raw: list[RawViolation], shape: PageShape, key: BrowserKey, persona: str, step: str
    ) -> PageCheck:
        path = urlsplit(shape.url).path
        check = PageCheck(shape.url, shape.title, shape.language, key.device, persona, step)
        for found in raw:
            for target in found.targets:
                allowed = self.allowlist.allowing(found.rule, path, target)
                if allowed is not None and allowed[0] not in check.allowed_by:
                    check.allowed_by.append(allowed[0])
                check.violations.append(
                    Violation(
                        found.rule,
                        found.impact,
                        target,
                        found.help,
                        found.help_url,
                        allowed[1] if allowed else "",
                    )
                )
        return check


@dataclass(frozen=True)
class PassedPage:
    """A page loaded during a step and left before it ended, as it was when loaded."""

    key: BrowserKey
    shape: PageShape
    html: str


@dataclass
class ScenarioA11y:
    """One scenario attempt's page checks, in the order its steps reached the pages."""

    run: A11yChecks
    checks: list[PageCheck] = field(default_factory=list)
    _seen: dict[tuple[BrowserKey, str, str], PageCheck] = field(default_factory=dict)
    _passed: dict[tuple[BrowserKey, str, str], PassedPage] = field(default_factory=dict)

    def page_loaded(self, key: BrowserKey, shape: PageShape, html: str) -> None:
        """A tab finished loading a page, maybe in the middle of a step: note its state
        and DOM, unless the scenario has seen that state, for a check after the step."""
        if not shape.url.startswith("http"):
            return
        seen = (key, shape.url, shape.shape)
        if seen not in self._seen and seen not in self._passed:
            self._passed[seen] = PassedPage(key, shape, html)

    def after_step(
        self, browsers: ScenarioBrowsers, names: dict[int, str], step: str, *, final: bool
    ) -> list[PageCheck]:
        """Checks of the pages this step left in a state the scenario has not seen yet.
        A page still loading is left to the next step, unless nothing follows."""
        return self._check(browsers, names, step, final=final, again=False)

    def check_now(
        self, browsers: ScenarioBrowsers, names: dict[int, str], step: str
    ) -> list[PageCheck]:
        """Every open page as it is now, whether or not the scenario has seen it."""
        return self._check(browsers, names, step, final=True, again=True)

    def _check(
        self,
        browsers: ScenarioBrowsers,
        names: dict[int, str],
        step: str,
        *,
        final: bool,
        again: bool,
    ) -> list[PageCheck]:
        found = []
        for key, page in browsers.pages().items():
            if page.is_closed():
                continue
            if self.run.mode != "off":
                self.run.watch(key, page)
            shape = page_shape(page)
            if shape is None or not shape.url.startswith("http"):
                continue  # a blank warm tab, or a page mid-navigation
            if not shape.loaded and not final:
                continue
            seen = (key, shape.url, shape.shape)
            if seen in self._seen:
                if again:
                    found.append(self._seen[seen])
                continue
            raw = self.run.verdict(browsers, key, shape)
            if raw is not None:
                found.append(self._record(raw, key, shape, names, step, passed=False))
        found += self._check_passed(browsers, names, step)
        return found

    def _check_passed(
        self, browsers: ScenarioBrowsers, names: dict[int, str], step: str
    ) -> list[PageCheck]:
        """The pages the browser passed through during the step, judged on their snapshots."""
        found = []
        passed, self._passed = self._passed, {}
        for seen, page in passed.items():
            if seen in self._seen:
                continue
            raw = self.run.verdict(browsers, page.key, page.shape, page.html)
            if raw is not None:
                found.append(self._record(raw, page.key, page.shape, names, step, passed=True))
        return found

    def _record(
        self,
        raw: list[RawViolation],
        key: BrowserKey,
        shape: PageShape,
        names: dict[int, str],
        step: str,
        *,
        passed: bool,
    ) -> PageCheck:
        persona = names.get(key.slot, f"persona {key.slot + 1}")
        check = self.run.judged(raw, shape, key, persona, step)
        check.axe_ms = round(self.run.last_ms, 1)
        check.passed_through = passed
        self._seen[(key, shape.url, shape.shape)] = check
        self.checks.append(check)
        return check
