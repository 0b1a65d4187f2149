"""The claims page: every claim of docs/claims.md, the scenarios that cover it, their results.

It is rendered from `summary.json`, the same data as `summary.md`.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from harness.report import RunSummary, ScenarioResult, read_claims

STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:.4rem;vertical-align:top}
th{background:#f3f3f3;text-align:left}
.uncovered{background:#fff3cd}.uncovered td:first-child{font-weight:bold}
.passed{color:#176f2c}.failed,.error{color:#b00020;font-weight:bold}
.flaky{color:#a15c00;font-weight:bold}
.skipped{color:#666}ul{margin:0;padding-left:1.1rem}
"""


def load_summary(reports_dir: Path) -> RunSummary:
    summary = RunSummary(reports_dir)
    data = json.loads((reports_dir / "summary.json").read_text(encoding="utf-8"))
    for raw in data["scenarios"]:
        result = ScenarioResult(**raw)
        summary.results[result.nodeid] = result
    return summary


def render_claims(summary: RunSummary) -> str:
    coverage = summary.claim_coverage()
    rows = []
    for claim, text in read_claims().items():
        covered = coverage.get(claim, [])
        if not covered:
            rows.append(
                f'<tr class="uncovered"><td>{claim}</td><td>{html.escape(text)}</td>'
                "<td><strong>No scenario covers this claim yet.</strong></td><td></td></tr>"
            )
            continue
        items = "".join(_scenario_item(r) for r in covered)
        rows.append(
            f"<tr><td>{claim}</td><td>{html.escape(text)}</td><td><ul>{items}</ul></td>"
            f"<td>{real_environments(covered)}</td></tr>"
        )
    uncovered = sum(1 for claim in read_claims() if claim not in coverage)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>S-login claims</title><style>{STYLE}</style></head><body>"
        "<h1>S-login: claims of the support text and the scenarios that verify them</h1>"
        f"<p>{len(read_claims())} claims, {uncovered} without a scenario (highlighted). "
        'Details of every scenario: <a href="cucumber-report.html">the scenario report</a>.</p>'
        "<table><tr><th>claim</th><th>statement</th>"
        "<th>scenarios: latest result per device / cookie policy</th>"
        "<th>runs against real environments</th></tr>" + "".join(rows) + "</table></body></html>\n"
    )


def real_environments(covered: list[ScenarioResult]) -> str:
    """Which of a claim's scenarios also run against a remote environment (`--env`): all
    but those tagged @stub_only, which drive the stub world's control APIs."""
    stub_only = [r.scenario for r in covered if "stub_only" in r.tags]
    if not stub_only:
        return f"yes, all {len(covered)}"
    if len(stub_only) == len(covered):
        return "no: stub world only (@stub_only)"
    names = "".join(f"<li>{html.escape(name)}</li>" for name in dict.fromkeys(stub_only))
    return (
        f"{len(covered) - len(stub_only)} of {len(covered)}; stub world only "
        f"(@stub_only):<ul>{names}</ul>"
    )


def _scenario_item(result: ScenarioResult) -> str:
    where = html.escape(result.browsers or "no browser")
    return (
        f"<li>{html.escape(result.scenario)} — {where}: "
        f'<span class="{result.outcome}">{result.outcome}</span></li>'
    )


def write_claims_page(reports_dir: Path) -> Path:
    page = reports_dir / "claims.html"
    page.write_text(render_claims(load_summary(reports_dir)), encoding="utf-8")
    return page
