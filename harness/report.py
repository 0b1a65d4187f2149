"""The run's readable result: scenarios by feature, and every claim with its evidence.

Written by the controlling pytest process from the reports every worker sends back, so
it is complete under pytest-xdist. Files: `reports/summary.md` and `reports/summary.json`;
a short history of earlier runs' claim results in `reports/.living-docs/history/`.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from harness.a11y.summary import A11ySection, scenario_lines
from harness.config import PROJECT_ROOT
from harness.living_docs.inventory import PlannedScenario

CLAIMS_FILE = PROJECT_ROOT / "docs" / "claims.md"
_CLAIM_ROW = re.compile(r"^\|\s*(C\d{2})\s*\|\s*(.+?)\s*\|")
_CLAIM_TAG = re.compile(r"C\d{2}")
_MARKS = {"passed": "✅", "failed": "❌", "error": "💥", "skipped": "⏭", "flaky": "⚠️"}
# How many earlier runs' claim results `.living-docs/history` keeps.
HISTORY_RUNS = 10
# A claim's result in one run, worst first.
VERIFIED, FAILED, FLAKY, NOT_RUN, NO_SCENARIO = (
    "verified",
    "failed",
    "flaky",
    "not run",
    "no scenario",
)
RAN = (VERIFIED, FAILED, FLAKY)


@dataclass
class BrowserUse:
    """One browser a persona used in a scenario, in the order they were first used."""

    persona: str
    device: str
    cookie_policy: str
    # Chromium reported refusing the sign-in cookie (`__Host-login_tx`) in this browser.
    signin_cookie_refused: bool = False
    # The cookie was there, and a restart of this browser took it away (session-only).
    signin_cookie_lost_at_restart: bool = False
    # The Selenium Grid node that ran this browser (--grid); None for a local browser.
    grid_node: str | None = None

    def describe(self) -> str:
        notes = []
        if self.signin_cookie_refused:
            notes.append("sign-in cookie refused")
        if self.signin_cookie_lost_at_restart:
            notes.append("sign-in cookie lost at restart")
        if self.grid_node:
            notes.append(f"Grid node {self.grid_node}")
        note = f" ({', '.join(notes)})" if notes else ""
        return f"{self.persona}: {self.device} / {self.cookie_policy}{note}"


@dataclass
class ScenarioResult:
    """One executed scenario (or plain test) as the summary shows it."""

    nodeid: str
    feature: str
    feature_file: str
    scenario: str
    tags: list[str]
    outcome: str
    duration_s: float
    browsers: list[BrowserUse] = field(default_factory=list)
    message: str = ""
    artifacts: list[str] = field(default_factory=list)
    reruns: int = 0
    expected: str = ""
    # Where the scenario is: its line and, for an outline's row, the row's values.
    line: int = 0
    example: list[str] = field(default_factory=list)
    # A failure's first lines: where, which step, expected and seen, evidence, cookies.
    failure: list[str] = field(default_factory=list)
    # axe-core's page checks of the scenario (harness.a11y), as JSON; empty with --a11y=off.
    accessibility: list[dict[str, Any]] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, int, tuple[str, ...]]:
        return (self.feature_file, self.line, tuple(self.example))

    def browsers_text(self) -> str:
        return "; ".join(use.describe() for use in self.browsers) or "no browser"

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> ScenarioResult:
        uses = [BrowserUse(**use) for use in raw.get("browsers") or []]
        return cls(**{**raw, "browsers": uses})


@dataclass
class ClaimStatus:
    """What this run says of one claim, and what an earlier run said when this one is silent."""

    claim: str
    text: str
    status: str
    # Scenarios of the feature files tagged with the claim, and how many of them ran.
    planned: int
    ran: int
    results: list[ScenarioResult] = field(default_factory=list)
    last_known: str = ""

    def describe(self) -> str:
        """The verdict in words, as the claims page and summary.md show it."""
        if self.status == NO_SCENARIO:
            return "no scenario at all"
        if self.status == NOT_RUN:
            words = f"not run in this run (has {_scenarios(self.planned)})"
            if self.last_known:
                words += f"; last known result: {self.last_known}"
            return words
        words = {VERIFIED: "verified in this run", FAILED: "failed", FLAKY: "flaky"}[self.status]
        if self.planned > self.ran:
            words += f" ({self.ran} of its {_scenarios(self.planned)} run)"
        return words


def _scenarios(count: int) -> str:
    return f"{count} scenario{'s' if count != 1 else ''}"


def read_claims(path: Path = CLAIMS_FILE) -> dict[str, str]:
    claims: dict[str, str] = {}
    if path.exists():
        for line in path.read_text().splitlines():
            match = _CLAIM_ROW.match(line)
            if match:
                claims[match.group(1)] = match.group(2)
    return claims


INTERRUPTED = (
    "INTERRUPTED: the run was stopped (Ctrl-C or a stop signal) before it finished; only the "
    "scenarios that finished are reported, and the one running then is not."
)


class RunSummary:
    """Accumulates test reports and writes the summary files.

    `inventory` is every scenario of the feature files, so that a claim this run did not
    reach reads "not run in this run" rather than "no scenario".
    """

    def __init__(self, reports_dir: Path, inventory: list[PlannedScenario] | None = None) -> None:
        self.reports_dir = reports_dir
        self.inventory = list(inventory or [])
        self.results: dict[str, ScenarioResult] = {}
        self.started = datetime.now(UTC)
        # Workers that passed HARNESS_MEMORY_LIMIT_MB, in the words they said it.
        self.memory_warnings: list[str] = []
        # Stopped by Ctrl-C (or a signal ./qa turned into one) before every scenario ran.
        self.interrupted = False

    @property
    def history_dir(self) -> Path:
        return self.reports_dir / ".living-docs" / "history"

    def add(self, report: pytest.TestReport) -> None:
        for key, value in report.user_properties:
            if key == "memory_warning" and str(value) not in self.memory_warnings:
                self.memory_warnings.append(str(value))
        props = dict(report.user_properties)
        if "scenario" not in props:
            return
        result = self.results.get(report.nodeid)
        if result is None:
            result = ScenarioResult(
                nodeid=report.nodeid,
                feature=str(props.get("feature", "")),
                feature_file=str(props.get("feature_file", "")),
                scenario=str(props.get("scenario", "")),
                tags=str(props.get("tags", "")).split(),
                outcome="passed",
                duration_s=0.0,
                line=int(str(props.get("scenario_line") or 0)),
                example=json.loads(str(props.get("example", "[]"))),
            )
            self.results[report.nodeid] = result
        result.duration_s += report.duration
        if "browser_uses" in props:
            result.browsers = [BrowserUse(**u) for u in json.loads(str(props["browser_uses"]))]
        result.expected = str(props.get("expected", result.expected))
        if "a11y" in props:
            result.accessibility = json.loads(str(props["a11y"]))
        # Every attempt's evidence, each file once (a rerun's files are its own).
        artifacts = [str(v) for k, v in report.user_properties if k == "artifact"]
        result.artifacts = list(dict.fromkeys(artifacts))
        failure = str(props.get("failure", ""))
        if str(report.outcome) == "rerun":
            # pytest-rerunfailures: this attempt failed and the test runs again. Passing
            # later makes the scenario "flaky", which is not "passed".
            result.reruns += 1
            result.message = _first_lines(report.longreprtext)
            result.failure = failure.splitlines()
            if result.outcome == "passed":
                result.outcome = "flaky"
        elif report.failed:
            result.outcome = "failed" if report.when == "call" else "error"
            if report.when == "call" or result.message == "":
                result.message = _first_lines(report.longreprtext)
                result.failure = failure.splitlines() if report.when == "call" else []
        elif report.skipped and result.outcome in ("passed", "flaky"):
            result.outcome = "skipped"

    def has_scenarios(self) -> bool:
        return bool(self.results)

    def claim_coverage(self) -> dict[str, list[ScenarioResult]]:
        coverage: dict[str, list[ScenarioResult]] = defaultdict(list)
        for result in self.results.values():
            for tag in result.tags:
                if _CLAIM_TAG.fullmatch(tag):
                    coverage[tag].append(result)
        return coverage

    def is_full_run(self) -> bool:
        """Every scenario of the feature files ran (or was skipped) in this run."""
        ran = {result.key for result in self.results.values()}
        whole = bool(self.inventory) and all(p.key in ran for p in self.inventory)
        return whole and not self.interrupted

    def claim_statuses(self) -> list[ClaimStatus]:
        coverage = self.claim_coverage()
        planned: dict[str, set[tuple[str, int, tuple[str, ...]]]] = defaultdict(set)
        for scenario in self.inventory:
            for tag in scenario.tags:
                planned[tag].add(scenario.key)
        history = self.read_history()
        statuses = []
        for claim, text in read_claims().items():
            results = coverage.get(claim, [])
            ran = [r for r in results if r.outcome != "skipped"]
            keys = planned[claim] | {r.key for r in results}
            count_ran = len({r.key for r in ran})
            if any(r.outcome in ("failed", "error") for r in ran):
                status = FAILED
            elif any(r.outcome == "flaky" for r in ran):
                status = FLAKY
            elif ran:
                status = VERIFIED
            else:
                status = NOT_RUN if keys else NO_SCENARIO
            entry = ClaimStatus(claim, text, status, len(keys), count_ran, results)
            if status == NOT_RUN:
                entry.last_known = _last_known(claim, history)
            statuses.append(entry)
        return statuses

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for result in self.results.values():
            counts[result.outcome] += 1
        return dict(counts)

    def terminal_lines(self) -> list[str]:
        counts = self.counts()
        statuses = self.claim_statuses()
        verified = [s.claim for s in statuses if s.status == VERIFIED]
        lines = [INTERRUPTED] if self.interrupted else []
        lines += [
            f"{len(self.results)} scenario(s): "
            + (", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "none finished"),
            f"claims verified by passing scenarios in this run: {len(verified)}/{len(statuses)} "
            f"({' '.join(verified) or 'none'})",
        ]
        for status in (FAILED, FLAKY, NOT_RUN, NO_SCENARIO):
            claims = [s.claim for s in statuses if s.status == status]
            if claims:
                label = {NOT_RUN: "not run in this run", NO_SCENARIO: "with no scenario at all"}
                lines.append(f"claims {label.get(status, status)}: {' '.join(claims)}")
        for result in self.results.values():
            if result.outcome != "passed":
                lines.append(f"  {result.outcome.upper()}: {result.feature} / {result.scenario}")
                # Where and what; the rest of the failure is printed above and in summary.md.
                lines += [f"      {line}" for line in result.failure[:2]]
        for warning in self.memory_warnings:
            lines.append(f"MEMORY: {warning}")
        lines += self.accessibility().terminal_lines()
        lines.append(f"details: {self.reports_dir / 'summary.md'}")
        return lines

    def write(self) -> None:
        self.reports_dir.mkdir(parents=True, exist_ok=True)
        statuses = self.claim_statuses()
        (self.reports_dir / "summary.json").write_text(
            json.dumps(
                {
                    "started": self.started.isoformat(),
                    "full_run": self.is_full_run(),
                    "interrupted": self.interrupted,
                    "claims": [_claim_json(s) for s in statuses],
                    "scenarios": [asdict(r) for r in self.results.values()],
                    "memory_warnings": self.memory_warnings,
                    "accessibility": self.accessibility().to_json(),
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        (self.reports_dir / "summary.md").write_text(self.markdown(statuses))
        self.remember(statuses)

    def accessibility(self) -> A11ySection:
        """Every page the scenarios reached, by device and language, with what axe found."""
        checks = [(r.scenario, r.accessibility) for r in self.results.values()]
        return A11ySection.of([c for c in checks if c[1]], PROJECT_ROOT)

    def remember(self, statuses: list[ClaimStatus]) -> None:
        """Add this run's claim results to the history; keep the newest HISTORY_RUNS."""
        self.history_dir.mkdir(parents=True, exist_ok=True)
        entry = {
            "started": self.started.isoformat(),
            "full_run": self.is_full_run(),
            "claims": {s.claim: s.status for s in statuses if s.status in RAN},
        }
        name = f"{self.started:%Y%m%dT%H%M%S%f}.json"
        (self.history_dir / name).write_text(json.dumps(entry, indent=2))
        for old in sorted(self.history_dir.glob("*.json"))[:-HISTORY_RUNS]:
            old.unlink(missing_ok=True)

    def read_history(self) -> list[dict[str, Any]]:
        """Earlier runs' claim results, newest first (this run's own entry left out)."""
        entries = []
        for path in sorted(self.history_dir.glob("*.json"), reverse=True):
            try:
                entry = json.loads(path.read_text())
            except (OSError, ValueError):
                continue
            if entry.get("started") != self.started.isoformat():
                entries.append(entry)
        return entries

    def matrix_table(self) -> list[str]:
        """Device x cookie policy for @matrix scenarios: what each cell expects, and whether
        the browser behaved so (a tick means the expected outcome happened). Every browser
        a scenario used counts, not only its first."""
        cells: dict[tuple[str, str], ScenarioResult] = {}
        for result in self.results.values():
            if "matrix" in result.tags:
                for use in result.browsers:
                    cells[(use.device, use.cookie_policy)] = result
        if not cells:
            return []
        devices = sorted({d for d, _ in cells})
        policies = sorted({p for _, p in cells})
        out = [
            "",
            "## Device × cookie policy",
            "",
            "Each cell is the expected outcome of the matrix feature's row; ✅ means the browser "
            "produced it, ❌ that it did not.",
            "",
            "| device | " + " | ".join(policies) + " |",
            "|---|" + "---|" * len(policies),
        ]
        for device_name in devices:
            row = []
            for policy_name in policies:
                cell = cells.get((device_name, policy_name))
                row.append(
                    f"{_MARKS.get(cell.outcome, '?')} {_short_outcome(cell.expected)}"
                    if cell
                    else "—"
                )
            out.append(f"| {device_name} | " + " | ".join(row) + " |")
        return out

    def markdown(self, statuses: list[ClaimStatus] | None = None) -> str:
        statuses = self.claim_statuses() if statuses is None else statuses
        scope = "every scenario" if self.is_full_run() else "part of the scenarios"
        out = [
            "# S-login scenarios",
            "",
            f"Run started {self.started:%Y-%m-%d %H:%M} UTC; it ran {scope}. "
            + (", ".join(f"{n} {k}" for k, n in sorted(self.counts().items())) or "No scenario."),
            *(["", f"**{INTERRUPTED}**"] if self.interrupted else []),
            "",
            "## Claims",
            "",
            "| claim | statement | scenarios in this run | result |",
            "|---|---|---|---|",
        ]
        for s in statuses:
            names = "<br>".join(f"{r.scenario} ({r.outcome})" for r in s.results) or "—"
            verdict = s.describe()
            if s.status in (FAILED, FLAKY):
                verdict = f"**{verdict}**"
            claim = f"**{s.claim}**" if s.status == NO_SCENARIO else s.claim
            out.append(f"| {claim} | {s.text} | {_cell(names)} | {_cell(verdict)} |")
        out += self.matrix_table()
        out += self.accessibility().markdown()
        if self.memory_warnings:
            out += ["", "## Memory", ""] + [f"- ⚠️ {w}" for w in self.memory_warnings]
        by_feature: dict[str, list[ScenarioResult]] = defaultdict(list)
        for result in self.results.values():
            by_feature[f"{result.feature} (`{result.feature_file}`)"].append(result)
        out += ["", "## Features", ""]
        for feature, results in sorted(by_feature.items()):
            out += [f"### {feature}", ""]
            for r in results:
                mark = _MARKS.get(r.outcome, "?")
                tags = " ".join(f"@{t}" for t in r.tags)
                out.append(f"- {mark} **{r.scenario}** — {r.outcome}, {r.duration_s:.1f} s")
                out.append(f"  - tags: {tags or '—'}")
                out.append(f"  - browsers: {r.browsers_text()}")
                if r.failure:
                    block = [f"    {line}" for line in r.failure]
                    out += ["", "    ```text", *block, "    ```", ""]
                elif r.message:
                    out.append(f"  - why: `{r.message}`")
                for artifact in r.artifacts:
                    out.append(f"  - evidence: {_relative(artifact, self.reports_dir)}")
                out += scenario_lines(r.accessibility)
            out.append("")
        return "\n".join(out) + "\n"


def _claim_json(status: ClaimStatus) -> dict[str, Any]:
    return {
        "claim": status.claim,
        "text": status.text,
        "status": status.status,
        "verdict": status.describe(),
        "planned": status.planned,
        "ran": status.ran,
        "scenarios": [r.nodeid for r in status.results],
        "last_known": status.last_known,
    }


def _last_known(claim: str, history: list[dict[str, Any]]) -> str:
    """The claim's result in the newest earlier run that ran it, dated."""
    for entry in history:
        status = (entry.get("claims") or {}).get(claim)
        if status in RAN:
            when = datetime.fromisoformat(str(entry["started"]))
            kind = "full run" if entry.get("full_run") else "partial run"
            return f"{status} on {when:%Y-%m-%d %H:%M} UTC ({kind})"
    return ""


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _short_outcome(expected: str) -> str:
    """The expected outcome in a word or two, for a table cell."""
    if "AUTH-4376" in expected:
        return "AUTH-4376"
    if "own details" in expected:
        return "signed in"
    return expected


def _first_lines(text: str, limit: int = 3) -> str:
    """The reason a reader needs: pytest's `E` lines when there are any, else the opening."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    errors = [line.removeprefix("E").strip() for line in lines if line.startswith("E ")]
    return " / ".join((errors or lines)[:limit]).replace("|", "\\|")[:400]


def _relative(path: str, base: Path) -> str:
    try:
        return str(Path(path).relative_to(base))
    except ValueError:
        return path
