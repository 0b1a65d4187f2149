"""The inner loop: one scenario run again and again, as a QA engineer does (issue 19).

Alternating rounds of three whole processes, each measured from start to exit (wall time,
and the CPU of the process and everything it started):
  (a) cold    `./qa bdd FEATURE`: starts its own Mailpit and stub world, renders its report;
  (b) served  the same command against a world and Mailpit that are already running
              (SLOGIN_WORLD_MANIFEST, MAILPIT_URL, MAILPIT_SMTP);
  (c) bare    a bare Playwright script doing the same scenario (benchmarks/bare_playwright.py
              --scenario create), launching its own browser, against the same served world.
The order of the three changes every round. It prints each run, then the medians with the
ratios a/c and b/c against the targets of issue 19, and whether the machine was quiet
(CPU of other processes during each run). Writes reports/bench/inner_loop.json and each
run's output to reports/bench/inner_loop/.

Run: .venv/bin/python -m benchmarks.inner_loop [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import uuid
from collections.abc import Sequence
from pathlib import Path

from benchmarks.process_cost import ProcessCost, measure_process, quiet_note
from benchmarks.world import shared_world
from harness.cli import test_environment
from harness.config import PROJECT_ROOT

FEATURE = "features/sign-in/create-s-login.feature"
OUT = PROJECT_ROOT / "reports" / "bench"
KINDS = ("cold", "served", "bare")
# Issue 19's targets, wall time of the whole process against the bare script's.
TARGETS = {"cold": 2.0, "served": 1.2}
# Variables that would point a "cold" run at a running world or inbox.
SERVED_VARIABLES = ("SLOGIN_WORLD_MANIFEST", "MAILPIT_URL", "MAILPIT_SMTP")


def commands(work: Path) -> dict[str, list[str]]:
    timing = work / f"bare-{uuid.uuid4().hex[:6]}.json"
    bare = [sys.executable, "-m", "benchmarks.bare_playwright", "1", str(timing),
            "--scenario", "create"]  # fmt: skip
    qa = [str(PROJECT_ROOT / "qa"), "bdd", FEATURE]
    return {"cold": qa, "served": qa, "bare": bare}


def cold_env(work: Path) -> dict[str, str]:
    env = {k: v for k, v in test_environment().items() if k not in SERVED_VARIABLES}
    return {**env, "HARNESS_REPORTS_DIR": str(work / "reports-cold")}


def order(round_number: int) -> list[str]:
    """Each kind goes first, second and third in turn, so drift hits them alike."""
    shift = (round_number - 1) % len(KINDS)
    return [*KINDS[shift:], *KINDS[:shift]]


def ratio_line(
    kind: str, samples: dict[str, list[ProcessCost]], rounds: list[dict[str, ProcessCost]]
) -> tuple[str, bool]:
    wall = statistics.median(c.wall_s for c in samples[kind])
    bare = statistics.median(c.wall_s for c in samples["bare"])
    cpu_ratio = statistics.median(c.cpu_s for c in samples[kind]) / statistics.median(
        c.cpu_s for c in samples["bare"]
    )
    per_round = [r[kind].wall_s / r["bare"].wall_s for r in rounds]
    ratio = wall / bare
    target = TARGETS[kind]
    ok = ratio <= target
    label = "a/c cold/bare" if kind == "cold" else "b/c served/bare"
    return (
        f"  {label:<17} wall {ratio:5.2f}  (rounds {min(per_round):.2f}–{max(per_round):.2f})"
        f"  CPU {cpu_ratio:5.2f}   target wall ≤ {target:.1f}   {'PASS' if ok else 'MISS'}",
        ok,
    )


def table(samples: dict[str, list[ProcessCost]]) -> list[str]:
    lines = [f"  {'run':<8} {'wall median (min–max)':<26} {'CPU median (min–max)':<26}"]
    for kind in KINDS:
        walls = [c.wall_s for c in samples[kind]]
        cpus = [c.cpu_s for c in samples[kind]]
        lines.append(
            f"  {kind:<8} {statistics.median(walls):6.2f} s ({min(walls):.2f}–{max(walls):.2f})"
            f"{'':<4} {statistics.median(cpus):6.2f} s ({min(cpus):.2f}–{max(cpus):.2f})"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5, help="rounds of a, b and c (default 5)")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be 1 or more")
    samples: dict[str, list[ProcessCost]] = {kind: [] for kind in KINDS}
    rounds: list[dict[str, ProcessCost]] = []
    print(f"inner loop: {FEATURE}, {args.rounds} round(s), {os.cpu_count()} cores", flush=True)
    with shared_world() as shared, tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        logs = OUT / "inner_loop"
        logs.mkdir(parents=True, exist_ok=True)
        envs = {"cold": cold_env(work), "served": shared.env, "bare": shared.env}
        for number in range(1, args.rounds + 1):
            this_round: dict[str, ProcessCost] = {}
            for kind in order(number):
                log = logs / f"{kind}-{number}.log"
                cost = measure_process(commands(work)[kind], cwd=PROJECT_ROOT,
                                       env=envs[kind], log=log,
                                       served_pids=shared.pids)  # fmt: skip
                if cost.exit_code != 0:
                    tail = log.read_text(errors="replace")[-3000:]
                    print(f"{kind} run failed (exit {cost.exit_code}):\n{tail}", file=sys.stderr)
                    return 1
                this_round[kind] = cost
                samples[kind].append(cost)
                print(
                    f"round {number} {kind:<7} wall {cost.wall_s:6.2f} s  CPU {cost.cpu_s:6.2f} s"
                    f"  world {cost.world_cpu_s:5.2f} s  others {cost.others_cores:4.2f} cores"
                    f"{'' if cost.quiet else '  (busy)'}",
                    flush=True,
                )
            rounds.append(this_round)
    everything = [c for costs in samples.values() for c in costs]
    print("\nwhole process, one scenario (a: cold ./qa bdd, b: served ./qa bdd, c: bare script)")
    print("\n".join(table(samples)))
    results = [ratio_line(kind, samples, rounds) for kind in ("cold", "served")]
    print(
        "served world and Mailpit, CPU during the run (work the run caused there; not in the "
        "CPU figures above, nor in the quiet check): "
        + ", ".join(
            f"{kind} {statistics.median(c.world_cpu_s for c in samples[kind]):.2f} s"
            for kind in ("served", "bare")
        )
    )
    print("ratios of the medians (side by side, same rounds):")
    print("\n".join(line for line, _ in results))
    print(quiet_note(everything))
    OUT.mkdir(parents=True, exist_ok=True)
    out = OUT / "inner_loop.json"
    out.write_text(
        json.dumps(
            {
                "feature": FEATURE,
                "rounds": [{k: c.as_dict() for k, c in r.items()} for r in rounds],
                "targets_wall_ratio": TARGETS,
                "all_targets_met": all(ok for _, ok in results),
                "machine_quiet": all(c.quiet for c in everything),
                "cpus": os.cpu_count(),
            },
            indent=2,
        )
    )
    print(f"written: {out.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
