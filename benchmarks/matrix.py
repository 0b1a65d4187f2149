"""Matrix benchmark: wall time of the @matrix scenarios at 1 and 2 workers, and the time a
scenario spends getting a clean browser state. (Through a Selenium Grid: benchmarks.grid.)

Run: .venv/bin/python -m benchmarks.matrix [--preset nightly] [--clean-rounds 20]
It prints a table and writes reports/bench/matrix.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.world import shared_world
from harness.browsers import BrowserKey, BrowserOptions, BrowserPool, ScenarioBrowsers
from harness.config import PROJECT_ROOT, HarnessConfig
from harness.cookie_policies import cookie_policy
from harness.devices import device
from harness.environment import Environment
from harness.tools.chromium import find_chromium


def run_suite(label: str, args: list[str], env: dict[str, str]) -> dict[str, object]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/bdd", "-q", "-p", "no:cacheprovider", *args],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    wall = time.perf_counter() - started
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-300:]
    print(f"  {label:<44} {wall:7.1f} s   {last}", flush=True)
    return {"label": label, "wall_s": round(wall, 2), "exit": done.returncode, "result": last}


def clean_state_times(environment: Environment, rounds: int) -> dict[str, float]:
    """Per round: open a page in a pooled profile, visit both sites, then wipe it."""
    chromium = find_chromium(HarnessConfig.from_env().chromium_path)
    times: list[float] = []
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profiles:
        pool = BrowserPool(
            playwright, environment, BrowserOptions(chromium.path, tracing="off"), Path(profiles)
        )
        key = BrowserKey("samsung-s24-internet-29", "allow")
        for round_number in range(rounds + 1):
            browsers = ScenarioBrowsers(pool, Path(profiles) / "artifacts", "bench")
            page = browsers.page(key, device(key.device), cookie_policy(key.policy))
            for site in environment.sites:
                page.goto(site.url("/healthz"))
            started = time.perf_counter()
            browsers.finish(failed=False)
            # The next scenario's new page is part of getting a clean state.
            fresh = ScenarioBrowsers(pool, Path(profiles) / "artifacts", "bench")
            fresh.page(key, device(key.device), cookie_policy(key.policy))
            if round_number:  # the first round includes the launch
                times.append(time.perf_counter() - started)
            fresh.finish(failed=False)
        pool.close()
    return {
        "median_ms": round(statistics.median(times) * 1000, 1),
        "min_ms": round(min(times) * 1000, 1),
        "max_ms": round(max(times) * 1000, 1),
        "rounds": rounds,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--preset", default="nightly")
    parser.add_argument("--clean-rounds", type=int, default=20)
    parser.add_argument(
        "--clean-only", action="store_true", help="measure only the clean browser state"
    )
    args = parser.parse_args()
    results: dict[str, object] = {"preset": args.preset, "cpus": os.cpu_count()}
    with shared_world() as shared:
        env = shared.env
        print(f"Matrix preset {args.preset!r} on {os.cpu_count()} CPUs:")
        full = ["-m", "matrix", "--matrix", args.preset]
        results["runs"] = (
            []
            if args.clean_only
            else [
                run_suite("full matrix, 1 worker", [*full, "-n", "0"], env),
                run_suite("full matrix, 2 workers", [*full, "-n", "2"], env),
            ]
        )
        clean = clean_state_times(shared.environment, args.clean_rounds)
        results["clean_state"] = clean
        print(
            f"  clean browser state per scenario: median {clean['median_ms']} ms "
            f"(min {clean['min_ms']}, max {clean['max_ms']}, {args.clean_rounds} rounds)"
        )
    out = PROJECT_ROOT / "reports" / "bench" / "matrix.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"written: {out.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
