"""The run's readable result: scenarios by feature, and every claim with its evidence.

Written by the controlling pytest process from the reports every worker sends back, so
it is complete under pytest-xdist. Files: `reports/summary.md` and `reports/summary.json`.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest

from harness.config import PROJECT_ROOT

CLAIMS_FILE = PROJECT_ROOT / "docs" / "claims.md"
_CLAIM_ROW = re.compile(r"^\|\s*(C\d{2})\s*\|\s*(.+?)\s*\|")
_MARKS = {"passed": "✅", "failed": "❌", "error": "💥", "skipped": "⏭", "flaky": "⚠️"}


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
    browsers: str = ""
    message: str = ""
    artifacts: list[str] = field(default_factory=list)
    reruns: int = 0
    expected: str = ""


def read_claims(path: Path = CLAIMS_FILE) -> dict[str, str]:
    claims: dict[str, str] = {}
    if path.exists():
        for line in path.read_text().splitlines():
            match = _CLAIM_ROW.match(line)
            if match:
                claims[match.group(1)] = match.group(2)
    return claims


class RunSummary:
    """Accumulates test reports and writes the summary files."""

    def __init__(self, reports_dir: Path) -> None:
        self.reports_dir = reports_dir
        self.results: dict[str, ScenarioResult] = {}
        self.started = datetime.now(UTC)
        # Workers that passed HARNESS_MEMORY_LIMIT_MB, in the words they said it.
        self.memory_warnings: list[str] = []

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
            )
            self.results[report.nodeid] = result
        result.duration_s += report.duration
        result.browsers = str(props.get("browsers", result.browsers))
        result.expected = str(props.get("expected", result.expected))
        result.artifacts = [str(v) for k, v in report.user_properties if k == "artifact"]
        if str(report.outcome) == "rerun":
            # pytest-rerunfailures: this attempt failed and the test runs again. Passing
            # later makes the scenario "flaky", which is not "passed".
            result.reruns += 1
            result.message = _first_lines(report.longreprtext)
            if result.outcome == "passed":
                result.outcome = "flaky"
        elif report.failed:
            result.outcome = "failed" if report.when == "call" else "error"
            result.message = _first_lines(report.longreprtext)
        elif report.skipped and result.outcome in ("passed", "flaky"):
            result.outcome = "skipped"

    def has_scenarios(self) -> bool:
        return bool(self.results)

    def claim_coverage(self) -> dict[str, list[ScenarioResult]]:
        coverage: dict[str, list[ScenarioResult]] = defaultdict(list)
        for result in self.results.values():
            for tag in result.tags:
                if re.fullmatch(r"C\d{2}", tag):
                    coverage[tag].append(result)
        return coverage

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for result in self.results.values():
            counts[result.outcome] += 1
        return dict(counts)

    def terminal_lines(self) -> list[str]:
        counts = self.counts()
        claims = read_claims()
        coverage = self.claim_coverage()
        verified = [c for c in claims if _all_passed(coverage.get(c, []))]
        lines = [
            f"{len(self.results)} scenario(s): "
            + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())),
            f"claims verified by passing scenarios: {len(verified)}/{len(claims)} "
            f"({' '.join(verified) or 'none'})",
        ]
        for result in self.results.values():
            if result.outcome != "passed":
                lines.append(f"  {result.outcome.upper()}: {result.feature} / {result.scenario}")
        for warning in self.memory_warnings:
            lines.append(f"MEMORY: {warning}")
        lines.append(f"details: {self.reports_dir / 'summary.md'}")
        return lines

    def write(self) -> None:
        self.reports_dir.mkdir(parents=True, exist_ok=True)
        (self.reports_dir / "summary.json").write_text(
            json.dumps(
                {
                    "started": self.started.isoformat(),
                    "scenarios": [asdict(r) for r in self.results.values()],
                    "memory_warnings": self.memory_warnings,
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        (self.reports_dir / "summary.md").write_text(self.markdown())

    def matrix_table(self) -> list[str]:
        """Device x cookie policy for @matrix scenarios: what each cell expects, and whether
        the browser behaved so (a tick means the expected outcome happened)."""
        cells: dict[tuple[str, str], ScenarioResult] = {}
        for result in self.results.values():
            if "matrix" in result.tags and " / " in result.browsers:
                device_name, policy_name = result.browsers.split(", ")[0].split(" / ")
                cells[(device_name, policy_name)] = result
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

    def markdown(self) -> str:
        out = [
            "# S-login scenarios",
            "",
            f"Run started {self.started:%Y-%m-%d %H:%M} UTC. "
            + ", ".join(f"{n} {k}" for k, n in sorted(self.counts().items())),
            "",
            "## Claims",
            "",
            "| claim | statement | scenarios | result |",
            "|---|---|---|---|",
        ]
        coverage = self.claim_coverage()
        for claim, text in read_claims().items():
            covered = coverage.get(claim, [])
            if not covered:
                out.append(f"| **{claim}** | {text} | **no scenario yet** | — |")
                continue
            names = "<br>".join(f"{r.scenario} ({r.outcome})" for r in covered)
            verdict = "verified" if _all_passed(covered) else "**not verified**"
            out.append(f"| {claim} | {text} | {names} | {verdict} |")
        out += self.matrix_table()
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
                out.append(f"  - tags: {tags or '—'}; browsers: {r.browsers or '—'}")
                if r.message:
                    out.append(f"  - why: `{r.message}`")
                for artifact in r.artifacts:
                    out.append(f"  - evidence: {_relative(artifact, self.reports_dir)}")
            out.append("")
        return "\n".join(out) + "\n"


def _short_outcome(expected: str) -> str:
    """The expected outcome in a word or two, for a table cell."""
    if "AUTH-4376" in expected:
        return "AUTH-4376"
    if "own details" in expected:
        return "signed in"
    return expected


def _all_passed(results: list[ScenarioResult]) -> bool:
    return bool(results) and all(r.outcome == "passed" for r in results)


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
