"""Which pages to check after a step, and what axe-core said of each, once per page state.

A page is checked when a step leaves it loaded in a state not yet checked: the key is the
device, the address without query, and a fingerprint of the page's structure (no text or
values). The worker keeps every verdict for the whole run, so twenty sign-ins pay for
axe on each page once; each scenario still gets its own evidence of every page it saw.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import Error

from harness.a11y.allowlist import AllowList
from harness.a11y.axe import PageShape, RawViolation, page_shape, run_axe
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

    def verdict(
        self, browsers: ScenarioBrowsers, key: BrowserKey, shape: PageShape
    ) -> list[RawViolation] | None:
        known = self.verdicts.get((key.device, shape.url, shape.shape))
        if known is not None:
            return known
        page = browsers.pages().get(key)
        if page is None or page.is_closed():
            return None
        try:
            found = run_axe(page)
        except Error:  # a page that navigated away mid-run is checked after a later step
            return None
        self.axe_runs += 1
        self.verdicts[(key.device, shape.url, shape.shape)] = found
        return found

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


@dataclass
class ScenarioA11y:
    """One scenario attempt's page checks, in the order its steps reached the pages."""

    run: A11yChecks
    checks: list[PageCheck] = field(default_factory=list)
    _seen: dict[tuple[BrowserKey, str, str], PageCheck] = field(default_factory=dict)

    @property
    def mode(self) -> A11yMode:
        return self.run.mode

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
            if raw is None:
                continue
            persona = names.get(key.slot, f"persona {key.slot + 1}")
            check = self.run.judged(raw, shape, key, persona, step)
            self._seen[seen] = check
            self.checks.append(check)
            found.append(check)
        return found
