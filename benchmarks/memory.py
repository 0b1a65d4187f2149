"""Memory benchmark: the nightly matrix with the default bound on open browsers and unbounded.

Run: .venv/bin/python -m benchmarks.memory [--preset nightly] [--rounds 1] [--bounds default,0]
Each round runs the @matrix scenarios once per bound, alternating, in one worker, against
one shared stub world, and samples every 0.2 s: the machine's used memory (MemTotal -
MemAvailable, so page cache is not counted), the summed PSS of the run's browser processes
(shared pages split fairly between processes), and which browsers were alive. It prints the
peak of each above the idle machine measured just before, the number of browser launches,
and the whole-process wall time, and writes reports/bench/memory.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.world import shared_world
from harness.config import PROJECT_ROOT

GB = 1024**3


def used_memory() -> int:
    """Bytes in use on the machine, as `free` counts them (without reclaimable cache)."""
    info = dict(
        (line.split(":")[0], int(line.split()[1]) * 1024)
        for line in Path("/proc/meminfo").read_text().splitlines()
    )
    return info["MemTotal"] - info["MemAvailable"]


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces; the ppid follows it.
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def descendants(pid: int) -> list[int]:
    children = _children_map()
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _cmdline(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return []


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


@dataclass
class Samples:
    """What the sampler saw during one run."""

    idle_used: int
    peak_used: int = 0
    peak_browser_pss: int = 0
    peak_open_browsers: int = 0
    browser_pids: set[int] = field(default_factory=set)


def sample(run: subprocess.Popen[str], samples: Samples, stop: threading.Event) -> None:
    """Every 0.2 s until `stop`: used memory, browser PSS, and the browsers alive."""
    while not stop.wait(0.2):
        commands = {pid: " ".join(_cmdline(pid)) for pid in descendants(run.pid)}
        chromium = [pid for pid, command in commands.items() if "chrom" in command.split(" ")[0]]
        # A browser's main process names its profile and has no --type= (renderer, GPU,
        # zygote …). Zygote children rewrite their command line as one string, so the
        # test is on the joined text, not on separate arguments.
        main = {
            pid
            for pid in chromium
            if "--user-data-dir" in commands[pid] and "--type=" not in commands[pid]
        }
        samples.browser_pids |= main
        samples.peak_open_browsers = max(samples.peak_open_browsers, len(main))
        samples.peak_used = max(samples.peak_used, used_memory())
        samples.peak_browser_pss = max(samples.peak_browser_pss, sum(map(_pss, chromium)))


def idle_memory(seconds: float = 2.0) -> int:
    """The least used memory seen over a short quiet moment before a run."""
    seen = [used_memory()]
    stop = threading.Event()
    while not stop.wait(0.1) and len(seen) < seconds / 0.1:
        seen.append(used_memory())
    return min(seen)


def run_matrix(label: str, bound: str, preset: str, env: dict[str, str]) -> dict[str, object]:
    samples = Samples(idle_used=idle_memory())
    started = time.perf_counter()
    run = subprocess.Popen(
        [sys.executable, "-m", "pytest", "tests/bdd", "-q", "-p", "no:cacheprovider",
         "-m", "matrix", "--matrix", preset, "-n", "0"],
        cwd=PROJECT_ROOT, env={**env, **({"HARNESS_MAX_BROWSERS": bound} if bound else {})},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    stop = threading.Event()
    sampler = threading.Thread(target=sample, args=(run, samples, stop), daemon=True)
    sampler.start()
    output, _ = run.communicate()
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    lines = output.strip().splitlines()
    result = {
        "label": label,
        "bound": bound,
        "wall_s": round(wall, 1),
        "exit": run.returncode,
        "result": lines[-1] if lines else "",
        "launches": len(samples.browser_pids),
        "peak_open_browsers": samples.peak_open_browsers,
        "peak_used_above_idle_gb": round((samples.peak_used - samples.idle_used) / GB, 2),
        "peak_browser_pss_gb": round(samples.peak_browser_pss / GB, 2),
        "idle_used_gb": round(samples.idle_used / GB, 2),
    }
    print(
        f"  {label:<22} {result['wall_s']:>7} s  launches {result['launches']:>3}  "
        f"open at most {result['peak_open_browsers']:>2}  "
        f"used +{result['peak_used_above_idle_gb']:.2f} GB  "
        f"browsers PSS {result['peak_browser_pss_gb']:.2f} GB   {result['result']}",
        flush=True,
    )
    if run.returncode:
        print("\n".join(lines[-30:]), file=sys.stderr)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--preset", default="nightly")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument(
        "--bounds",
        default="default,0",
        help="HARNESS_MAX_BROWSERS values to compare ('default' = the harness's own, 0 = none)",
    )
    args = parser.parse_args()
    bounds = args.bounds.split(",")
    runs: list[dict[str, object]] = []
    with shared_world() as shared:
        print(f"Nightly matrix ({args.preset!r}), one worker, {os.cpu_count()} CPUs:")
        for round_number in range(1, args.rounds + 1):
            for bound in bounds:
                label = f"round {round_number}, " + ("unbounded" if bound == "0" else bound)
                env = dict(shared.env)
                if bound == "default":
                    env.pop("HARNESS_MAX_BROWSERS", None)
                    runs.append(run_matrix(label, "", args.preset, env))
                else:
                    runs.append(run_matrix(label, bound, args.preset, env))
    out = PROJECT_ROOT / "reports" / "bench" / "memory.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"preset": args.preset, "runs": runs}, indent=2))
    print(f"written: {out.relative_to(PROJECT_ROOT)}")
    return 0 if all(r["exit"] == 0 for r in runs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
