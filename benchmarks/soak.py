"""Flake soak: the BDD suite K times over, and every scenario whose result changed.

Each run is exactly the README's main job, `./qa bdd` (`python -m harness.cli bdd`): it
starts its own stub world and Mailpit as a normal run does, with the default workers.
Only its reports go elsewhere, to reports/bench/soak/run-NN/ (HARNESS_REPORTS_DIR), so
each run's summary.json, JUnit XML, evidence and pytest output are kept side by side.

A scenario is flaky when its outcome differs between runs (passed in one, failed in
another; absent from a run counts as a different outcome), or when a run reports it
"flaky" (it failed and then passed on a rerun). Prints each run's wall time and counts,
the flaky scenarios and the scenarios that failed every time; writes
reports/bench/soak.json; exits 1 if any scenario flipped or a run left no results.

Run: .venv/bin/python -m benchmarks.soak [--runs 10] [-k EXPR] [-- extra pytest args]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import NamedTuple

from harness.cli import test_environment
from harness.config import PROJECT_ROOT

OUT = PROJECT_ROOT / "reports" / "bench"
MISSING = "missing"
FAILING = {"failed", "error"}


class Scenario(NamedTuple):
    """One scenario's result in one run, with the words a reader recognises it by."""

    label: str
    outcome: str


@dataclass(frozen=True)
class Flip:
    nodeid: str
    label: str
    outcomes: tuple[str, ...]  # one per run that produced results, in run order


@dataclass
class Run:
    number: int
    wall_s: float
    exit_code: int
    reports: str
    counts: dict[str, int]
    results_found: bool


def read_results(summary: Mapping[str, object]) -> dict[str, Scenario]:
    """Scenario outcomes by pytest node id from the harness's summary.json."""
    found: dict[str, Scenario] = {}
    scenarios = summary.get("scenarios")
    for entry in scenarios if isinstance(scenarios, list) else []:
        label = f"{entry.get('feature', '')} / {entry.get('scenario', '')}"
        if entry.get("browsers"):
            label += f" ({entry['browsers']})"
        found[str(entry["nodeid"])] = Scenario(label, str(entry.get("outcome", "")))
    # The rows of an outline share a label: those get their example values as well.
    labels = Counter(s.label for s in found.values())
    return {
        nodeid: Scenario(f"{s.label} [{example(nodeid)}]", s.outcome) if labels[s.label] > 1 else s
        for nodeid, s in found.items()
    }


def example(nodeid: str) -> str:
    """The parameters of a node id, with pytest's escapes of non-ASCII letters undone."""
    params = nodeid.partition("[")[2].removesuffix("]")
    return params.encode("latin-1", "backslashreplace").decode("unicode_escape")


def find_flips(runs: Sequence[Mapping[str, Scenario]]) -> list[Flip]:
    """Scenarios whose outcome is not the same in every run, or that needed a rerun."""
    flips: list[Flip] = []
    for nodeid in sorted({n for run in runs for n in run}):
        seen = [run.get(nodeid) for run in runs]
        outcomes = tuple(s.outcome if s else MISSING for s in seen)
        if len(set(outcomes)) > 1 or "flaky" in outcomes:
            label = next(s.label for s in seen if s)
            flips.append(Flip(nodeid, label, outcomes))
    return flips


def always_failing(runs: Sequence[Mapping[str, Scenario]]) -> list[str]:
    """Scenarios that failed in every run: broken, not flaky."""
    if not runs:
        return []
    common = set.intersection(*(set(run) for run in runs))
    return sorted(
        runs[0][n].label for n in common if all(run[n].outcome in FAILING for run in runs)
    )


def run_suite(number: int, reports: Path, extra: Sequence[str], timeout_s: float) -> Run:
    """One `./qa bdd` with its reports in `reports`; its output goes to pytest.log there."""
    shutil.rmtree(reports, ignore_errors=True)
    reports.mkdir(parents=True)
    env = {**test_environment(), "HARNESS_REPORTS_DIR": str(reports)}
    command = [sys.executable, "-m", "harness.cli", "bdd", *extra]
    started = time.perf_counter()
    with (reports / "pytest.log").open("w") as log:
        # Its own process group, so a run that hangs is stopped with its world and Mailpit.
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        try:
            exit_code = process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGTERM)
            exit_code = process.wait()
            log.write(f"\nsoak: stopped after {timeout_s:g} s\n")
    wall = time.perf_counter() - started
    summary = reports / "summary.json"
    results = read_results(json.loads(summary.read_text())) if summary.exists() else {}
    counts = dict(Counter(s.outcome for s in results.values()))
    relative = str(reports.relative_to(PROJECT_ROOT))
    return Run(number, round(wall, 1), exit_code, relative, counts, summary.exists())


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("-k", dest="keyword", help="only scenarios matching (as pytest -k)")
    parser.add_argument("--run-timeout", type=float, default=1800.0, help="seconds a run")
    parser.add_argument("pytest_args", nargs="*", help="after --: passed on to pytest")
    args = parser.parse_args()
    extra = [*args.pytest_args, *(["-k", args.keyword] if args.keyword else [])]
    soak_dir = OUT / "soak"
    runs: list[Run] = []
    results: list[dict[str, Scenario]] = []
    for number in range(1, args.runs + 1):
        reports = soak_dir / f"run-{number:02d}"
        run = run_suite(number, reports, extra, args.run_timeout)
        runs.append(run)
        if run.results_found:
            results.append(read_results(json.loads((reports / "summary.json").read_text())))
        counts = ", ".join(f"{v} {k}" for k, v in sorted(run.counts.items())) or "no results"
        print(f"run {number}/{args.runs}: {run.wall_s} s, exit {run.exit_code}, {counts}")
    flips = find_flips(results)
    broken = [r.number for r in runs if not r.results_found]
    failing = always_failing(results)
    totals = Counter[str]()
    for run in runs:
        totals.update(run.counts)
    walls = [r.wall_s for r in runs]
    report = {
        "runs": [asdict(r) for r in runs],
        "pytest_args": extra,
        "scenarios": len({n for r in results for n in r}),
        "totals": dict(totals),
        "wall_s": {"min": min(walls), "max": max(walls), "sum": round(sum(walls), 1)},
        "flaky": [asdict(f) for f in flips],
        "always_failing": failing,
        "runs_without_results": broken,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "soak.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(
        f"{report['scenarios']} scenarios × {len(runs)} runs: "
        + ", ".join(f"{v} {k}" for k, v in sorted(totals.items()))
        + f"; wall {min(walls)}–{max(walls)} s a run"
    )
    for flip in flips:
        print(f"FLAKY: {flip.label}: {' '.join(flip.outcomes)}")
    for label in failing:
        print(f"failed in every run (broken, not flaky): {label}")
    if broken:
        print(f"runs that left no summary.json (see their pytest.log): {broken}")
    if not flips and not broken:
        print("no scenario changed its result between runs")
    print(f"written: {(OUT / 'soak.json').relative_to(PROJECT_ROOT)}, per run: {soak_dir.name}/")
    return 1 if flips or broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
