"""The claims page: every claim of docs/claims.md, the scenarios that cover it, their results.

It is rendered from `summary.json`, the same data as `summary.md`, and tells apart a
claim verified in this run, one that failed or was flaky, one whose scenarios this run
did not run (with the last known result of an earlier run) and one without any scenario.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from harness.a11y.summary import section_from_summary_json
from harness.report import INTERRUPTED, RunSummary, ScenarioResult

STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:.4rem;vertical-align:top}
th{background:#f3f3f3;text-align:left}
.no-scenario{background:#fff3cd}.no-scenario td:first-child{font-weight:bold}
.not-run{color:#555;background:#f6f6f6}
.passed,.verified{color:#176f2c}.failed,.error{color:#b00020;font-weight:bold}
.flaky{color:#a15c00;font-weight:bold}
.skipped{color:#666}ul{margin:0;padding-left:1.1rem}
"""
_ROW_CLASS = {"no scenario": "no-scenario", "not run": "not-run"}


def load_summary(reports_dir: Path) -> RunSummary:
    summary = RunSummary(reports_dir)
    for raw in _summary_json(reports_dir)["scenarios"]:
        result = ScenarioResult.from_json(raw)
        summary.results[result.nodeid] = result
    return summary


def _summary_json(reports_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((reports_dir / "summary.json").read_text(encoding="utf-8"))
    return data


def render_claims(
    claims: list[dict[str, Any]],
    results: dict[str, ScenarioResult],
    *,
    interrupted: bool = False,
) -> str:
    rows = []
    for claim in claims:
        covered = [results[n] for n in claim["scenarios"] if n in results]
        verdict = html.escape(claim["verdict"])
        items = "".join(_scenario_item(r) for r in covered)
        listing = f"<ul>{items}</ul>" if items else ""
        status = claim["status"]
        css = _ROW_CLASS.get(status, "")
        cell = status.replace(" ", "-")
        rows.append(
            f'<tr class="{css}"><td>{claim["claim"]}</td><td>{html.escape(claim["text"])}</td>'
            f'<td class="{cell}"><strong>{verdict}</strong></td><td>{listing}</td>'
            f"<td>{real_environments(covered)}</td></tr>"
        )
    counts: dict[str, int] = {}
    for claim in claims:
        counts[claim["status"]] = counts.get(claim["status"], 0) + 1
    words = [
        ("verified", "verified in this run"),
        ("failed", "failed"),
        ("flaky", "flaky"),
        ("not run", "not run in this run"),
        ("no scenario", "without any scenario (highlighted)"),
    ]
    tally = ", ".join(f"{counts[k]} {label}" for k, label in words if counts.get(k))
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>S-login claims</title><style>{STYLE}</style></head><body>"
        "<h1>S-login: claims of the support text and the scenarios that verify them</h1>"
        + (f"<p><strong>{html.escape(INTERRUPTED)}</strong></p>" if interrupted else "")
        + f"<p>{len(claims)} claims: {tally}. "
        'Details of every scenario: <a href="cucumber-report.html">the scenario report</a>.</p>'
        "<table><tr><th>claim</th><th>statement</th><th>result</th>"
        "<th>scenarios in this run: result, and every browser each persona used</th>"
        "<th>runs against real environments</th></tr>" + "".join(rows) + "</table></body></html>\n"
    )


def real_environments(covered: list[ScenarioResult]) -> str:
    """Which of a claim's scenarios also run against a remote environment (`--env`): all
    but those tagged @stub_only, which drive the stub world's control APIs."""
    if not covered:
        return "(none of its scenarios ran in this run)"
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
    where = html.escape(result.browsers_text())
    return (
        f"<li>{html.escape(result.scenario)} — {where}: "
        f'<span class="{result.outcome}">{result.outcome}</span></li>'
    )


def write_claims_page(reports_dir: Path) -> Path:
    page = reports_dir / "claims.html"
    data = _summary_json(reports_dir)
    claims = data.get("claims", [])
    results = load_summary(reports_dir).results
    text = render_claims(claims, results, interrupted=bool(data.get("interrupted")))
    accessibility = section_from_summary_json(reports_dir).html()
    text = text.replace("</body>", accessibility + "</body>", 1)
    page.write_text(text, encoding="utf-8")
    return page
