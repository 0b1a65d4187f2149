"""Accessibility: axe-core on every page a scenario's browser settles on (WCAG 2.2 A/AA)."""

from __future__ import annotations

from harness.a11y.allowlist import AllowEntry, AllowList, load_allowlist
from harness.a11y.checks import A11yChecks, ScenarioA11y
from harness.a11y.findings import A11Y_MODES, A11yMode, PageCheck, Violation, a11y_mode

__all__ = [
    "A11Y_MODES",
    "A11yChecks",
    "A11yMode",
    "AllowEntry",
    "AllowList",
    "PageCheck",
    "ScenarioA11y",
    "Violation",
    "a11y_mode",
    "load_allowlist",
]
