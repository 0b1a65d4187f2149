"""Sign-in benchmark: the harness against a bare Playwright script, side by side.

Runs the same N sign-in scenarios through the harness (pytest-bdd, pooled profiles) and
through benchmarks/bare_playwright.py (a new context per scenario), alternating rounds
against one shared stub world and Mailpit. It prints, with medians and min–max:
per-scenario wall time, whole-machine CPU per scenario (browsers included), start-up
before the first scenario, and email latency (address submitted → code readable through
Mailpit's API). Writes reports/bench/signin.json and reports/bench/signin.png.

Run: .venv/bin/python -m benchmarks.signin [--scenarios 30] [--rounds 3] [--emails 60]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.figures import percentile
from benchmarks.world import shared_world
from harness.browsers import TUNING_ARGS
from harness.cli import FUZZ_PLUGINS_OFF
from harness.clients.inbox import MailpitClient
from harness.clients.site_http import site_client
from harness.config import PROJECT_ROOT, HarnessConfig
from harness.environment import Environment
from harness.tools.chromium import find_chromium

GENERATED = PROJECT_ROOT / "benchmarks" / ".generated"
OUT = PROJECT_ROOT / "reports" / "bench"


def write_bench_feature(count: int) -> Path:
    GENERATED.mkdir(parents=True, exist_ok=True)
    rows = "\n".join(f"      | {n} |" for n in range(1, count + 1))
    feature = GENERATED / "sign-in-bench.feature"
    feature.write_text(
        "Feature: Benchmark sign-in\n"
        "  Scenario Outline: Sign-in number <n>\n"
        "    Given Sara has an S-login\n"
        "    When Sara signs in with the code from her email\n"
        '    Then Sara sees her own details on "Mina uppgifter"\n\n'
        f"    Examples:\n      | n |\n{rows}\n"
    )
    module = GENERATED / "test_sign_in_bench.py"
    module.write_text(f"from pytest_bdd import scenarios\n\nscenarios({str(feature)!r})\n")
    return module


def measure(started: float, timing: Path, count: int) -> dict[str, float]:
    data = json.loads(timing.read_text())
    ends, busy = data["ends"], data["busy"]
    if len(ends) != count:
        raise RuntimeError(f"expected {count} scenarios, saw {len(ends)}")
    per_scenario = (ends[-1] - ends[0]) / (count - 1)
    return {
        "wall_s": per_scenario,
        "cpu_s": (busy[-1] - busy[0]) / (count - 1),
        "startup_s": ends[0] - started - per_scenario,
    }


def run(
    kind: str, count: int, env: dict[str, str], work: Path, module: Path, extra: list[str]
) -> dict[str, float]:
    timing = work / f"{kind}-{uuid.uuid4().hex[:6]}.json"
    if kind == "harness":
        command = [sys.executable, "-m", "pytest", str(module), "-q", "-p", "no:cacheprovider",
                   "-p", "benchmarks.timing", "-n", "0", *FUZZ_PLUGINS_OFF, *extra]  # fmt: skip
    else:
        command = [sys.executable, "-m", "benchmarks.bare_playwright", str(count), str(timing)]
    started = time.time()
    done = subprocess.run(
        command, cwd=PROJECT_ROOT, env={**env, "BENCH_TIMING_OUT": str(timing)},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"{kind} run failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return measure(started, timing, count)


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


Stats = dict[str, dict[str, dict[str, float]]]


def chart(stats: Stats, scenarios: int, rounds: int, path: Path) -> None:
    """A bar chart drawn as HTML and photographed by Chromium (no plotting library)."""
    rows = []
    for metric, label in (("wall_s", "wall time / scenario"), ("cpu_s", "CPU / scenario"),
                          ("startup_s", "start-up")):  # fmt: skip
        harness, bare = stats["harness"][metric]["median"], stats["bare"][metric]["median"]
        top = max(harness, bare) or 1
        rows.append(
            f"<h3>{label}</h3>"
            f"<div class=bar style='width:{harness / top * 90:.1f}%'>harness {harness:.3f} s</div>"
            f"<div class='bar bare' style='width:{bare / top * 90:.1f}%'>bare {bare:.3f} s</div>"
        )
    html = (
        "<style>body{font:14px sans-serif;margin:20px;width:760px}"
        ".bar{background:#2e7d32;color:#fff;padding:4px;margin:3px 0;white-space:nowrap}"
        ".bare{background:#777}</style>"
        f"<h2>S-login sign-in: harness vs bare Playwright ({scenarios} scenarios,"
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenarios", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--emails", type=int, default=60)
    parser.add_argument(
        "--harness-arg",
        action="append",
        default=[],
        help="extra pytest option for the harness runs, e.g. --harness-arg=--step-screenshots=off",
    )
    args = parser.parse_args()
    module = write_bench_feature(args.scenarios)
    samples: dict[str, list[dict[str, float]]] = {"harness": [], "bare": []}
    with shared_world() as shared:
        for round_number in range(1, args.rounds + 1):
            for kind in ("harness", "bare") if round_number % 2 else ("bare", "harness"):
                result = run(
                    kind, args.scenarios, shared.env, shared.work, module, args.harness_arg
                )
                samples[kind].append(result)
                print(
                    f"round {round_number} {kind:<8} wall {result['wall_s']:.3f} s  "
                    f"cpu {result['cpu_s']:.3f} s  start-up {result['startup_s']:.2f} s",
                    flush=True,
                )
        inbox = MailpitClient(shared.environment.mailpit.api_url)
        latencies = email_latency(shared.environment, inbox, args.emails)
    metrics = ("wall_s", "cpu_s", "startup_s")
    stats: Stats = {
        kind: {m: summary([r[m] for r in runs]) for m in metrics} for kind, runs in samples.items()
    }
    ratios = {
        m: stats["harness"][m]["median"] / stats["bare"][m]["median"] for m in ("wall_s", "cpu_s")
    }
    latency = {
        "p50": percentile(latencies, 0.5) * 1000,
        "p95": percentile(latencies, 0.95) * 1000,
        "samples": float(len(latencies)),
    }
    results = {
        "harness_args": args.harness_arg,
        "harness_tuning_args": list(TUNING_ARGS),
        "scenarios": args.scenarios,
        "rounds": args.rounds,
        **stats,
        "ratio_harness_to_bare": ratios,
        "email_latency_ms": latency,
        "cpus": os.cpu_count(),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "signin.json").write_text(json.dumps(results, indent=2))
    chart(stats, args.scenarios, args.rounds, OUT / "signin.png")
    for kind in ("harness", "bare"):
        wall, cpu, startup = (stats[kind][m] for m in metrics)
        print(
            f"{kind:<8} wall/scenario {wall['median']:.3f} s ({wall['min']:.3f}–{wall['max']:.3f}),"
            f" CPU/scenario {cpu['median']:.3f} s ({cpu['min']:.3f}–{cpu['max']:.3f}),"
            f" start-up {startup['median']:.2f} s ({startup['min']:.2f}–{startup['max']:.2f})"
        )
    print(f"ratio harness/bare: wall {ratios['wall_s']:.2f}, CPU {ratios['cpu_s']:.2f}")
    print(f"email latency: p50 {latency['p50']:.0f} ms, p95 {latency['p95']:.0f} ms")
    print(f"written: {(OUT / 'signin.json').relative_to(PROJECT_ROOT)}, signin.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
