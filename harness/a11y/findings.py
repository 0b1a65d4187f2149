"""What axe-core found on one page, in the words the report and the failure lines use."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, get_args

# off: never run axe; report: run it, show what it finds, fail only `Then the page is
# accessible`; fail: also fail the step that reached a page with a serious or critical one.
A11yMode = Literal["off", "report", "fail"]
A11Y_MODES: tuple[A11yMode, ...] = get_args(A11yMode)
# The default, by cost (README, "Accessibility"): axe-core took 0.1-2.8 s a page state on
# the busy 2-core machine, which the sign-in benchmark's 0.80 wall-ratio target has no room
# for; `Then the page is accessible` checks its page in every mode, and the nightly matrix
# runs with `fail`. One place to flip it.
DEFAULT_A11Y_MODE: A11yMode = "off"
# axe-core's impacts, worst first; these two fail a step.
IMPACTS = ("critical", "serious", "moderate", "minor")
FAILING_IMPACTS = ("critical", "serious")


def a11y_mode(text: str) -> A11yMode:
    """--a11y or HARNESS_A11Y, checked against the modes."""
    for mode in A11Y_MODES:
        if text.strip().lower() == mode:
            return mode
    raise ValueError(f"Unknown accessibility mode {text!r}. Valid modes: {', '.join(A11Y_MODES)}")


@dataclass(frozen=True)
class Violation:
    """One element breaking one axe rule; `allowed` is the allow-list's reason, if any."""

    rule: str
    impact: str
    target: str
    help: str
    help_url: str
    allowed: str = ""

    @property
    def fails(self) -> bool:
        return self.impact in FAILING_IMPACTS and not self.allowed

    def line(self) -> str:
        text = f"{self.rule} ({self.impact}) at {self.target}: {self.help} — {self.help_url}"
        return f"{text} [allowed: {self.allowed}]" if self.allowed else text


@dataclass
class PageCheck:
    """axe-core's verdict on one page as a persona's browser showed it after a step."""

    url: str  # without query or fragment
    title: str
    language: str  # the page's own <html lang>, "" when it has none
    device: str
    persona: str
    step: str
    violations: list[Violation] = field(default_factory=list)
    # Allow-list entries (by index) that matched an element here.
    allowed_by: list[int] = field(default_factory=list)
    # Time axe-core took for this check; 0 when an earlier check of the run was reused.
    axe_ms: float = 0.0
    # Loaded and left within the step; judged on a snapshot of its DOM as loaded.
    passed_through: bool = False

    @property
    def failing(self) -> list[Violation]:
        return [v for v in self.violations if v.fails]

    def heading(self) -> str:
        lang = self.language or "no lang"
        passed = ", passed through during the step" if self.passed_through else ""
        return f"{self.persona}'s page on {self.device} ({lang}{passed}): {self.url} “{self.title}”"

    def lines(self) -> list[str]:
        if not self.violations:
            return [f"{self.heading()}: no violation of WCAG 2.2 A/AA rules"]
        return [self.heading() + ":"] + [f"  - {v.line()}" for v in self.violations]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> PageCheck:
        violations = [Violation(**v) for v in raw.get("violations") or []]
        return cls(**{**raw, "violations": violations})
