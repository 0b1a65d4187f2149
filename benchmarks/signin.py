"""Sign-in benchmark: the harness against bare Playwright scripts, side by side.

Runs the same sign-in scenario N times (N = 1, 5 and 20 by default) through the harness
(pytest-bdd on the documented `python -m pytest` path, pooled profiles, its report
included), through benchmarks/bare_playwright.py with a new context per scenario (`bare`),
and through the same script keeping one tab and clearing only cookies (`bare-reuse`, a
lower bound for a bare script: it clears no storage or caches). Runs alternate, in a new
order every round, against one shared stub world and Mailpit. It prints:
- whole-process wall time and CPU per N (start-up, every scenario, report and exit
  included: what a person waits for) and the ratios harness/bare and harness/bare-reuse;
- steady state per scenario (between the first and the last scenario of the largest N);
- start-up before the first scenario and the time after the last one;
- the targets of issue 19 with PASS or MISS, and whether the machine was quiet;
- with --lean, the harness once more without step pictures and kept traces, and what that
  evidence costs a scenario (the targets stay measured on the harness as it runs by default);
- email latency (address submitted → code readable through Mailpit's API).
Writes reports/bench/signin.json and reports/bench/signin.png.

Run: .venv/bin/python -m benchmarks.signin [--sizes 1,5,20] [--rounds 3] [--emails 60] [--lean]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.figures import percentile
from benchmarks.process_cost import ProcessCost, measure_process, quiet_note
from benchmarks.world import shared_world
from harness.browsers import TUNING_ARGS
from harness.clients.inbox import MailpitClient
from harness.clients.site_http import site_client
from harness.config import PROJECT_ROOT, HarnessConfig
from harness.environment import Environment
from harness.tools.chromium import find_chromium

GENERATED = PROJECT_ROOT / "benchmarks" / ".generated"
OUT = PROJECT_ROOT / "reports" / "bench"
KINDS = ("harness", "bare", "bare-reuse")
# --lean: the harness once more without the evidence it takes of every passing scenario (a
# picture after each step that changed the page, a trace kept on failure), so what that
# evidence costs is measured side by side with everything else.
LEAN = "harness-lean"
LEAN_ARGS = ("--step-screenshots=off", "--tracing=off")
# Issue 19: whole-process harness/bare wall time at these N, and steady state against the
# reuse-tab script.
WHOLE_TARGETS = {5: 1.0, 20: 0.75}
STEADY_TARGET = 1.1


def write_bench_feature(count: int) -> Path:
    GENERATED.mkdir(parents=True, exist_ok=True)
    rows = "\n".join(f"      | {n} |" for n in range(1, count + 1))
    feature = GENERATED / f"sign-in-bench-{count}.feature"
    feature.write_text(
        "Feature: Benchmark sign-in\n"
        "  Scenario Outline: Sign-in number <n>\n"
        "    Given Sara has an S-login\n"
        "    When Sara signs in with the code from her email\n"
        '    Then Sara sees her own details on "Mina uppgifter"\n\n'
        f"    Examples:\n      | n |\n{rows}\n"
    )
    module = GENERATED / f"test_sign_in_bench_{count}.py"
    module.write_text(f"from pytest_bdd import scenarios\n\nscenarios({str(feature)!r})\n")
    return module


def measure(cost: ProcessCost, timing: Path, count: int) -> dict[str, float]:
    """Whole-process figures, and what the scenario timestamps say inside the run."""
    data = json.loads(timing.read_text())
    ends, busy = data["ends"], data["busy"]
    if len(ends) != count:
        raise RuntimeError(f"expected {count} scenarios, saw {len(ends)}")
    result = {
        "whole_wall_s": cost.wall_s,
        "whole_cpu_s": cost.cpu_s,
        "others_cores": cost.others_cores,
        "after_last_s": cost.started + cost.wall_s - ends[-1],
    }
    if count > 1:
        per_scenario = (ends[-1] - ends[0]) / (count - 1)
        result["wall_s"] = per_scenario
        result["cpu_s"] = (busy[-1] - busy[0]) / (count - 1)
        result["startup_s"] = ends[0] - cost.started - per_scenario
    return result


def run(
    kind: str,
    count: int,
    env: dict[str, str],
    work: Path,
    module: Path,
    extra: list[str],
    served_pids: Sequence[int] = (),
) -> tuple[ProcessCost, dict[str, float]]:
    timing = work / f"{kind}-{count}-{uuid.uuid4().hex[:6]}.json"
    if kind in ("harness", LEAN):
        # The documented path (README: `.venv/bin/pytest tests/bdd ...`), one process.
        command = [sys.executable, "-m", "pytest", str(module), "-q",
                   "-p", "benchmarks.timing", "-n", "0", *extra]  # fmt: skip
        command += LEAN_ARGS if kind == LEAN else ()
    else:
        command = [sys.executable, "-m", "benchmarks.bare_playwright", str(count), str(timing)]
        command += ["--reuse-tab"] if kind == "bare-reuse" else []
    log = work / f"{kind}-{count}.log"
    cost = measure_process(
        command,
        cwd=PROJECT_ROOT,
        env={**env, "BENCH_TIMING_OUT": str(timing)},
        log=log,
        served_pids=served_pids,
    )
    if cost.exit_code != 0:
        raise RuntimeError(f"{kind} run failed:\n{log.read_text(errors='replace')[-3000:]}")
    return cost, measure(cost, timing, count)


def email_latency(environment: Environment, inbox: MailpitClient, count: int) -> list[float]:
    """Seconds from submitting an address to its code being readable in Mailpit."""
    latencies = []
    for _ in range(count):
        mailbox = inbox.mailbox(f"latency.{uuid.uuid4().hex[:12]}@example.com")
        with site_client(environment.signin, environment) as http:
            started = time.perf_counter()
            http.post("/sv/login/email", data={"email": mailbox.address, "intent": "create"})
            mailbox.next_message().one_time_code()
            latencies.append(time.perf_counter() - started)
    return latencies


def summary(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


# kind -> N -> metric -> median/min/max
Stats = dict[str, dict[int, dict[str, dict[str, float]]]]


def chart(stats: Stats, steady_n: int, rounds: int, path: Path) -> None:
    """A bar chart drawn as HTML and photographed by Chromium (no plotting library)."""
    rows = []
    for metric, label in (("wall_s", "wall time / scenario (steady state)"),
                          ("cpu_s", "CPU / scenario (steady state)"),
                          ("whole_wall_s", f"whole process, {steady_n} scenarios")):  # fmt: skip
        values = {kind: by_n[steady_n][metric]["median"] for kind, by_n in stats.items()}
        top = max(values.values()) or 1
        rows.append(f"<h3>{label}</h3>")
        for kind, value in values.items():
            rows.append(
                f"<div class='bar {kind}' style='width:{value / top * 85:.1f}%'>"
                f"{kind} {value:.3f} s</div>"
            )
    html = (
        "<style>body{font:14px sans-serif;margin:20px;width:760px}"
        ".bar{background:#777;color:#fff;padding:4px;margin:3px 0;white-space:nowrap}"
        ".harness{background:#2e7d32}.harness-lean{background:#66bb6a}"
        ".bare-reuse{background:#555}</style>"
        f"<h2>S-login sign-in: harness vs bare Playwright ({steady_n} scenarios,"
        f" {rounds} rounds, medians)</h2>" + "".join(rows)
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=find_chromium(HarnessConfig.from_env().chromium_path).path
        )
        page = browser.new_page(viewport={"width": 800, "height": 420})
        page.set_content(html)
        page.screenshot(path=str(path), full_page=True)
        browser.close()


def order(round_number: int, kinds: Sequence[str]) -> list[str]:
    shift = (round_number - 1) % len(kinds)
    return [*kinds[shift:], *kinds[:shift]]


def verdict(ratio: float, target: float) -> str:
    return f"target ≤ {target:.2f}  {'PASS' if ratio <= target else 'MISS'}"


def report(stats: Stats, sizes: list[int]) -> list[str]:
    """The tables: whole process per N, steady state, start-up and the end of a run."""

    def med(kind: str, n: int, metric: str) -> float:
        return stats[kind][n][metric]["median"]

    def spread(kind: str, n: int, metric: str) -> str:
        figure = stats[kind][n][metric]
        return f"{figure['median']:.2f} ({figure['min']:.2f}–{figure['max']:.2f})"

    lines = ["", "whole process (start-up, scenarios, report, exit), medians (min–max) in s:"]
    lines.append(f"  {'N':>3}  {'harness':<24} {'bare':<24} {'bare-reuse':<24} "
                 "harness/bare   harness/reuse   target")  # fmt: skip
    for n in sizes:
        ratio = med("harness", n, "whole_wall_s") / med("bare", n, "whole_wall_s")
        reuse = med("harness", n, "whole_wall_s") / med("bare-reuse", n, "whole_wall_s")
        target = verdict(ratio, WHOLE_TARGETS[n]) if n in WHOLE_TARGETS else "(none)"
        lines.append(
            f"  {n:>3}  {spread('harness', n, 'whole_wall_s'):<24} "
            f"{spread('bare', n, 'whole_wall_s'):<24} {spread('bare-reuse', n, 'whole_wall_s'):<24}"
            f" {ratio:6.2f}         {reuse:6.2f}          {target}"
        )
    lines.append("  CPU of the whole process (all its children), harness/bare: " + ", ".join(
        f"N={n} {med('harness', n, 'whole_cpu_s') / med('bare', n, 'whole_cpu_s'):.2f}"
        for n in sizes
    ))  # fmt: skip
    steady = [n for n in sizes if n > 1]
    if steady:
        n = max(steady)
        lines.append(
            f"steady state per scenario (between first and last, N={n}), in s; the CPU is the"
            " whole machine's, other processes included:"
        )
        for kind in stats:
            lines.append(
                f"  {kind:<12} wall {spread(kind, n, 'wall_s')}  "
                f"whole-machine CPU {spread(kind, n, 'cpu_s')}  "
                f"start-up {spread(kind, n, 'startup_s')}  "
                f"after last {spread(kind, n, 'after_last_s')}"
            )
        for base in ("bare", "bare-reuse"):
            wall = med("harness", n, "wall_s") / med(base, n, "wall_s")
            cpu = med("harness", n, "cpu_s") / med(base, n, "cpu_s")
            target = verdict(wall, STEADY_TARGET) if base == "bare-reuse" else "(none)"
            lines.append(f"  harness/{base:<11} wall {wall:5.2f}  CPU {cpu:5.2f}   {target}")
        if LEAN in stats:
            lines += lean_lines(med, n)
    if LEAN in stats:
        lines.append("  whole process, harness-lean/bare: " + ", ".join(
            f"N={k} {med(LEAN, k, 'whole_wall_s') / med('bare', k, 'whole_wall_s'):.2f}"
            for k in sizes
        ))  # fmt: skip
    return lines


def lean_lines(med: Callable[[str, int, str], float], n: int) -> list[str]:
    """What the evidence of passing scenarios costs, and the ratios without it. They are
    not the targets' figures: the targets are measured with the harness as it runs by
    default."""
    evidence = (med("harness", n, "wall_s") - med(LEAN, n, "wall_s")) * 1000
    cpu = (med("harness", n, "cpu_s") - med(LEAN, n, "cpu_s")) * 1000
    wall_ratio = med(LEAN, n, "wall_s") / med("bare-reuse", n, "wall_s")
    cpu_ratio = med(LEAN, n, "cpu_s") / med("bare-reuse", n, "cpu_s")
    return [
        f"  harness-lean ({' '.join(LEAN_ARGS)}): step pictures and kept traces cost"
        f" {evidence:.0f} ms wall, {cpu:.0f} ms CPU a scenario",
        f"  harness-lean/bare-reuse wall {wall_ratio:5.2f}  CPU {cpu_ratio:5.2f}"
        "   (without that evidence; not the target's configuration)",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1,5,20", help="scenario counts N (default 1,5,20)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--emails", type=int, default=60)
    parser.add_argument(
        "--harness-arg",
        action="append",
        default=[],
        help="extra pytest option for the harness runs, e.g. --harness-arg=--step-screenshots=off",
    )
    parser.add_argument(
        "--lean",
        action="store_true",
        help=f"also run the harness without evidence of passing scenarios ({' '.join(LEAN_ARGS)})",
    )
    args = parser.parse_args()
    kinds = (*KINDS, LEAN) if args.lean else KINDS
    try:
        sizes = sorted({int(n) for n in args.sizes.split(",") if n.strip()})
    except ValueError:
        parser.error(f"--sizes {args.sizes!r}: give whole numbers, e.g. 1,5,20")
    if not sizes or sizes[0] < 1 or args.rounds < 1:
        parser.error("--sizes and --rounds need numbers of 1 or more")
    modules = {n: write_bench_feature(n) for n in sizes}
    samples: dict[str, dict[int, list[dict[str, float]]]] = {
        kind: {n: [] for n in sizes} for kind in kinds
    }
    costs: list[ProcessCost] = []
    print(f"sign-in: N = {sizes}, {args.rounds} round(s), {os.cpu_count()} cores", flush=True)
    with shared_world() as shared:
        for round_number in range(1, args.rounds + 1):
            for n in sizes:
                for kind in order(round_number, kinds):
                    cost, result = run(
                        kind, n, shared.env, shared.work, modules[n], args.harness_arg,
                        shared.pids,
                    )  # fmt: skip
                    costs.append(cost)
                    samples[kind][n].append(result)
                    steady = f"  {result['wall_s']:.3f} s/scenario" if "wall_s" in result else ""
                    print(
                        f"round {round_number} N={n:<3} {kind:<12} whole {cost.wall_s:6.2f} s "
                        f"CPU {cost.cpu_s:6.2f} s{steady}  world {cost.world_cpu_s:5.2f} s"
                        f"  others {cost.others_cores:.2f} cores"
                        f"{'' if cost.quiet else ' (busy)'}",
                        flush=True,
                    )
        inbox = MailpitClient(shared.environment.mailpit.api_url)
        latencies = email_latency(shared.environment, inbox, args.emails) if args.emails else []
    stats: Stats = {
        kind: {n: {m: summary([r[m] for r in runs]) for m in runs[0]} for n, runs in by_n.items()}
        for kind, by_n in samples.items()
    }
    lines = report(stats, sizes)
    latency = {
        "p50": percentile(latencies, 0.5) * 1000 if latencies else 0.0,
        "p95": percentile(latencies, 0.95) * 1000 if latencies else 0.0,
        "samples": float(len(latencies)),
    }
    results = {
        "harness_args": args.harness_arg,
        "harness_tuning_args": list(TUNING_ARGS),
        "sizes": sizes,
        "rounds": args.rounds,
        "stats": {
            kind: {str(n): figures for n, figures in by_n.items()} for kind, by_n in stats.items()
        },
        "machine_quiet": all(c.quiet for c in costs),
        "email_latency_ms": latency,
        "cpus": os.cpu_count(),
        "measured": time.strftime("%Y-%m-%d %H:%M"),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "signin.json").write_text(json.dumps(results, indent=2))
    steady_n = max(n for n in sizes)
    if steady_n > 1:
        chart(stats, steady_n, args.rounds, OUT / "signin.png")
    print("\n".join(lines))
    print(quiet_note(costs))
    if latencies:
        print(f"email latency: p50 {latency['p50']:.0f} ms, p95 {latency['p95']:.0f} ms")
    print(f"written: {(OUT / 'signin.json').relative_to(PROJECT_ROOT)}, signin.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
