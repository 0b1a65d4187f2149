"""Grid benchmark: the nightly matrix locally and through a hub with two nodes, alternating,
and a model of the nightly matrix's time on 1-16 nodes on machines of their own.

Run: .venv/bin/python -m benchmarks.grid [--rounds 1] [--preset nightly]
It prints wall time, per-scenario cost and each node's share of the scenarios per run,
then the model with its assumptions, and writes reports/bench/grid.json.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks.world import shared_world
from harness.config import PROJECT_ROOT, HarnessConfig
from harness.grid.install import ensure_grid_tools
from harness.grid.local import LocalGrid

NODE_COUNTS = (1, 2, 4, 8, 16)


def run_matrix(label: str, preset: str, env: dict[str, str], reports: Path) -> dict[str, Any]:
    """One run of the matrix; scenario durations from JUnit, nodes from the report."""
    reports.mkdir(parents=True, exist_ok=True)
    junit = reports / "junit.xml"
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/bdd", "-q", "-p", "no:cacheprovider",
         "-m", "matrix", "--matrix", preset, "-n", "0", f"--junitxml={junit}"],
        cwd=PROJECT_ROOT, env={**env, "HARNESS_REPORTS_DIR": str(reports)},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    wall = time.perf_counter() - started
    # Our own run's JUnit file, not untrusted input.
    root = ET.parse(junit).getroot() if junit.exists() else None  # noqa: S314
    cases = root.iter("testcase") if root is not None else iter(())
    durations = [float(case.get("time", 0)) for case in cases]
    messages = reports / "cucumber-messages.ndjson"
    text = messages.read_text() if messages.exists() else ""
    # One "… browser: DEVICE / cookies: POLICY / Grid node: NODE" per browser a scenario opened.
    nodes = Counter(re.findall(r'"body":"[^"]*Grid node: ([^"\\]+)', text))
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-300:]
    result = {
        "label": label,
        "wall_s": round(wall, 1),
        "scenarios": len(durations),
        "scenario_s_median": round(statistics.median(durations), 3) if durations else None,
        "scenario_s_sum": round(sum(durations), 1),
        # What a run costs besides its scenarios: start-up, collection, the report.
        "overhead_s": round(wall - sum(durations), 1),
        "browsers_per_node": dict(sorted(nodes.items())),
        "exit": done.returncode,
        "result": last,
    }
    share = ", ".join(f"{n} {c}" for n, c in sorted(nodes.items())) or "local"
    print(
        f"  {label:<22} {wall:7.1f} s  {len(durations)} scenarios, "
        f"{result['scenario_s_median']} s each (median)  browsers: {share}  [{last}]",
        flush=True,
    )
    return result


def model(per_scenario_s: float, scenarios: int, overhead_s: float) -> dict[int, float]:
    """Nightly matrix wall time on N nodes, each on a machine of its own."""
    return {n: overhead_s + math.ceil(scenarios / n) * per_scenario_s for n in NODE_COUNTS}


ASSUMPTIONS = (
    "each node is a machine of its own with 2 cores, running one scenario at a time "
    "(one scenario keeps two cores busy, README 'Workers'), driven by one harness worker "
    "(-n N for N nodes);",
    "a scenario costs what it cost through the Grid here (median), although here the "
    "browsers shared two cores with the harness and the stubs: an upper bound;",
    "the Grid spreads sessions evenly (it picks the least loaded node), scenarios are "
    "interchangeable, so N nodes take ceil(S/N) scenarios each;",
    "the runner that holds the workers and the stub world keeps up (its share of a "
    "scenario's CPU is the harness and stubs, not Chromium), and each worker pays the "
    "measured start-up once.",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--preset", default="nightly")
    parser.add_argument("--rounds", type=int, default=1, help="local/Grid pairs (default 1)")
    args = parser.parse_args()
    config = HarnessConfig.from_env()
    tools = ensure_grid_tools(config.tools_dir, config.chromium_path)
    runs: list[dict[str, Any]] = []
    with shared_world() as shared, tempfile.TemporaryDirectory() as tmp:
        grid = LocalGrid(Path(tmp) / "grid")
        state = grid.start(tools, nodes=2, port=0, end_with_us=True)
        try:
            print(f"Matrix {args.preset!r}, one worker, {os.cpu_count()} CPUs; Grid {state.url}")
            for round_number in range(1, args.rounds + 1):
                for label, extra in (
                    ("local", {}),
                    ("hub + 2 nodes", {"HARNESS_GRID_URL": state.url}),
                ):
                    reports = Path(tmp) / f"{label.replace(' ', '')}-{round_number}"
                    runs.append(run_matrix(label, args.preset, {**shared.env, **extra}, reports))
        finally:
            grid.stop()
    grid_runs = [r for r in runs if r["label"] != "local" and r["scenario_s_median"]]
    results: dict[str, Any] = {"preset": args.preset, "cpus": os.cpu_count(), "runs": runs}
    if grid_runs:
        per = statistics.median(r["scenario_s_median"] for r in grid_runs)
        overhead = statistics.median(r["overhead_s"] for r in grid_runs)
        scenarios = grid_runs[0]["scenarios"]
        projected = model(per, scenarios, overhead)
        results["model"] = {"per_scenario_s": per, "overhead_s": overhead,
                            "scenarios": scenarios, "nodes": projected,
                            "assumptions": list(ASSUMPTIONS)}  # fmt: skip
        print(f"\nModel: {scenarios} scenarios at {per:.2f} s each, {overhead:.0f} s start-up")
        for nodes, seconds in projected.items():
            print(f"  {nodes:>2} node{'s' if nodes > 1 else ' '}  {seconds:7.0f} s")
        print("Assumptions:\n" + "\n".join(f"  - {a}" for a in ASSUMPTIONS))
    out = PROJECT_ROOT / "reports" / "bench" / "grid.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"written: {out.relative_to(PROJECT_ROOT)}")
    return 0 if all(r["exit"] == 0 for r in runs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
