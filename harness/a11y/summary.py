"""The accessibility section of summary.md/.json and the claims page: page × device × language.

Built from the `a11y` property every scenario's report carries (so it is complete under
pytest-xdist), and the allow-list, whose entries no page used in this run are named.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.a11y.allowlist import ALLOWLIST_FILE, load_allowlist
from harness.a11y.findings import IMPACTS, PageCheck, Violation


@dataclass
class PageRow:
    """One page on one device in one language, over every scenario that reached it."""

    url: str
    device: str
    language: str
    title: str
    scenarios: list[str] = field(default_factory=list)
    violations: dict[tuple[str, str], Violation] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "device": self.device,
            "language": self.language,
            "title": self.title,
            "scenarios": self.scenarios,
            "violations": [
                {
                    "rule": v.rule,
                    "impact": v.impact,
                    "target": v.target,
                    "help": v.help,
                    "help_url": v.help_url,
                    "allowed": v.allowed,
                }
                for v in self.sorted_violations()
            ],
        }

    def sorted_violations(self) -> list[Violation]:
        order = {impact: n for n, impact in enumerate(IMPACTS)}
        return sorted(self.violations.values(), key=lambda v: (order.get(v.impact, 9), v.rule))


def page_rows(scenarios: Iterable[tuple[str, list[dict[str, Any]]]]) -> list[PageRow]:
    """(scenario name, its page checks as JSON) → one row per page × device × language."""
    rows: dict[tuple[str, str, str], PageRow] = {}
    for scenario, raw_checks in scenarios:
        for raw in raw_checks:
            check = PageCheck.from_json(raw)
            key = (check.url, check.device, check.language)
            row = rows.setdefault(key, PageRow(*key, title=check.title))
            if scenario not in row.scenarios:
                row.scenarios.append(scenario)
            for violation in check.violations:
                row.violations.setdefault((violation.rule, violation.target), violation)
    return [rows[k] for k in sorted(rows)]


def scenario_lines(raw_checks: list[dict[str, Any]]) -> list[str]:
    """summary.md's lines under one scenario: each violation, with the step that reached it."""
    lines = []
    for raw in raw_checks:
        check = PageCheck.from_json(raw)
        for violation in check.violations:
            lines.append(
                f"  - accessibility, at “{check.step}”: {_md_violation(violation)} on "
                f"{check.url} ({check.device}, {check.language or 'no lang'})"
            )
    return lines


def used_entries(scenarios: Iterable[tuple[str, list[dict[str, Any]]]]) -> set[int]:
    return {index for _, checks in scenarios for raw in checks for index in raw["allowed_by"]}


@dataclass
class A11ySection:
    pages: list[PageRow]
    unused_allowlist: list[str]
    # How often axe-core ran in the run and for how long: its cost, for "Performance".
    axe_runs: int = 0
    axe_s: float = 0.0

    @classmethod
    def of(cls, scenarios: list[tuple[str, list[dict[str, Any]]]], root: Path) -> A11ySection:
        pages = page_rows(scenarios)
        unused: list[str] = []
        if pages:
            try:
                allowlist = load_allowlist(root / ALLOWLIST_FILE)
            except ValueError:
                allowlist = None  # the run stopped on it before any page was checked
            used = used_entries(scenarios)
            if allowlist is not None:
                unused = [e.describe() for n, e in enumerate(allowlist.entries) if n not in used]
        timings = [raw.get("axe_ms", 0.0) for _, checks in scenarios for raw in checks]
        ran = [ms for ms in timings if ms]
        return cls(pages, unused, len(ran), round(sum(ran) / 1000, 2))

    def to_json(self) -> dict[str, Any]:
        return {
            "pages": [p.to_json() for p in self.pages],
            "unused_allowlist": self.unused_allowlist,
            "axe_runs": self.axe_runs,
            "axe_s": self.axe_s,
        }

    def terminal_lines(self) -> list[str]:
        if not self.pages:
            return []
        failing = [p for p in self.pages if any(v.fails for v in p.violations.values())]
        lines = [
            f"accessibility: {len(self.pages)} page × device × language checked, "
            f"{sum(1 for p in self.pages if p.violations)} with violations, {len(failing)} "
            f"serious or critical; axe ran {self.axe_runs} times ({self.axe_s:.1f} s)"
        ]
        lines += [f"  allow-list entry unused in this run: {e}" for e in self.unused_allowlist]
        return lines

    def markdown(self) -> list[str]:
        if not self.pages:
            return []
        clean = sum(1 for p in self.pages if not p.violations)
        out = [
            "",
            "## Accessibility",
            "",
            f"axe-core, WCAG 2.2 A/AA rules, on every page the scenarios reached: "
            f"{len(self.pages)} page × device × language, {clean} without any violation; "
            f"axe ran {self.axe_runs} times ({self.axe_s:.1f} s), every other check reused "
            "the verdict on the same page state.",
            "",
            "| page | device | language | violations | scenarios |",
            "|---|---|---|---|---|",
        ]
        for page in self.pages:
            found = "<br>".join(_md_violation(v) for v in page.sorted_violations()) or "✅ none"
            out.append(
                f"| {page.url} “{_cell(page.title)}” | {page.device} | {page.language or '—'} "
                f"| {_cell(found)} | {len(page.scenarios)} |"
            )
        if self.unused_allowlist:
            out += ["", f"Allow-list entries ({ALLOWLIST_FILE}) no page used in this run:", ""]
            out += [f"- {_cell(entry)}" for entry in self.unused_allowlist]
        return out

    def html(self) -> str:
        if not self.pages:
            return ""
        rows = []
        for page in self.pages:
            items = "".join(
                f"<li>{html.escape(v.rule)} ({html.escape(v.impact)}) at "
                f"<code>{html.escape(v.target)}</code>: {html.escape(v.help)} "
                f'<a href="{html.escape(v.help_url)}">help</a>'
                + (f" <em>allowed: {html.escape(v.allowed)}</em>" if v.allowed else "")
                + "</li>"
                for v in page.sorted_violations()
            )
            cell = f"<ul>{items}</ul>" if items else '<span class="passed">none</span>'
            rows.append(
                f"<tr><td>{html.escape(page.url)}<br>{html.escape(page.title)}</td>"
                f"<td>{html.escape(page.device)}</td><td>{html.escape(page.language or '—')}</td>"
                f"<td>{cell}</td><td>{len(page.scenarios)}</td></tr>"
            )
        unused = "".join(f"<li>{html.escape(e)}</li>" for e in self.unused_allowlist)
        note = (
            f"<p>Allow-list entries no page used in this run:</p><ul>{unused}</ul>"
            if unused
            else ""
        )
        return (
            "<h2>Accessibility: every page × device × language</h2>"
            "<p>axe-core with the WCAG 2.2 A/AA rules, after every step.</p>"
            "<table><tr><th>page</th><th>device</th><th>language</th><th>violations</th>"
            "<th>scenarios</th></tr>" + "".join(rows) + "</table>" + note
        )


def section_from_summary_json(reports_dir: Path) -> A11ySection:
    """The section as summary.json holds it (for the claims page)."""
    data = json.loads((reports_dir / "summary.json").read_text(encoding="utf-8"))
    raw = data.get("accessibility") or {}
    pages = []
    for p in raw.get("pages", []):
        row = PageRow(p["url"], p["device"], p["language"], p["title"], list(p["scenarios"]))
        for v in p["violations"]:
            violation = Violation(**v)
            row.violations[(violation.rule, violation.target)] = violation
        pages.append(row)
    return A11ySection(
        pages,
        list(raw.get("unused_allowlist", [])),
        int(raw.get("axe_runs", 0)),
        float(raw.get("axe_s", 0.0)),
    )


def _md_violation(v: Violation) -> str:
    text = f"{'⚠️' if v.fails else 'ℹ️'} {v.rule} ({v.impact}) `{v.target}` [help]({v.help_url})"
    return f"{text} — allowed: {v.allowed}" if v.allowed else text


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
