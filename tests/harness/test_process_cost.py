"""The benchmarks' quiet check: the served world's CPU is the runs' work, not others' noise."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.process_cost import (
    ProcessCost,
    measure_process,
    process_table,
    split_cpu,
    tree_cpu_seconds,
)
from benchmarks.timing import CLOCK_TICKS
from harness.config import PROJECT_ROOT

# pid -> (parent, CPU s): a world (10) with a stub (11) that has a worker (12), Mailpit
# (20), and an unrelated process (30) whose parent is init.
TABLE = {1: (0, 0.0), 10: (1, 1.0), 11: (10, 2.0), 12: (11, 4.0), 20: (1, 8.0), 30: (1, 16.0)}


def test_a_tree_counts_its_root_and_every_descendant_and_nothing_else() -> None:
    assert tree_cpu_seconds(TABLE, [10]) == 7.0
    assert tree_cpu_seconds(TABLE, [10, 20]) == 15.0
    # A root that has ended counts nothing; naming a process twice counts it once.
    assert tree_cpu_seconds(TABLE, [99, 12, 11]) == 6.0


def test_the_served_worlds_cpu_is_taken_out_of_the_others_share() -> None:
    assert split_cpu(busy_s=10.0, own_s=3.0, world_s=4.0) == (4.0, 3.0)
    # Tick rounding may make the parts exceed the whole: never a negative share.
    assert split_cpu(busy_s=5.0, own_s=3.0, world_s=2.5) == (2.5, 0.0)
    cost = ProcessCost(wall_s=2.0, cpu_s=3.0, others_cpu_s=0.2, exit_code=0, world_cpu_s=4.0)
    assert cost.quiet, "a world busy serving the run must not make the machine count as busy"


def test_the_process_table_reads_names_with_spaces_and_parentheses(tmp_path: Path) -> None:
    entry = tmp_path / "4242"
    entry.mkdir()
    # stat(5): pid (comm) state ppid ... utime(14) stime(15) cutime(16) cstime(17) ...
    rest = ["S", "7", *["0"] * 9, "100", "50", "30", "20", *["0"] * 30]
    (entry / "stat").write_text("4242 (Web Content (x)) " + " ".join(rest))
    (tmp_path / "self").mkdir()
    table = process_table(tmp_path)
    assert list(table) == [4242]
    assert table[4242][0] == 7
    assert table[4242][1] == pytest.approx(200 / CLOCK_TICKS)


BURNER = """
import subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "while True: pass"])
print("ready", flush=True)
try:
    while True:
        time.sleep(1)
finally:
    child.kill()
"""


def test_a_run_against_a_busy_served_world_still_counts_as_quiet() -> None:
    """A served world that works during a run (here a grandchild that spins) is the run's
    cost elsewhere: the old accounting called it other processes and the machine busy."""
    world = subprocess.Popen(
        [sys.executable, "-c", BURNER], stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        assert world.stdout is not None
        assert world.stdout.readline().strip() == "ready"
        served = measure_process(
            [sys.executable, "-c", "import time; time.sleep(1.0)"],
            cwd=PROJECT_ROOT,
            env={},
            served_pids=[world.pid],
        )
    finally:
        os.killpg(world.pid, signal.SIGKILL)  # the burner and its spinning child
        world.wait()
    assert served.exit_code == 0
    # On a 2-core machine the spinning grandchild gets most of a core for that second.
    assert served.world_cpu_s >= 0.3, served
    assert served.cpu_s < 0.3, served


ORPHAN_MAKER = """
import subprocess, sys
# Start a child that spins for a while and exit at once: the child is orphaned.
subprocess.Popen([sys.executable, "-c",
                  "import time\\nend = time.process_time() + 0.6\\n"
                  "while time.process_time() < end: pass"])
"""


def test_a_descendant_left_running_by_the_run_is_the_runs_cpu_not_others() -> None:
    """A process that exits before its child (a driver leaving its browser to close) used
    to hand the child to init: its CPU counted as other processes' and the run as busy."""
    cost = measure_process([sys.executable, "-c", ORPHAN_MAKER], cwd=PROJECT_ROOT, env={})
    assert cost.exit_code == 0
    # Counted as the run's own, so it cannot be counted as other processes' too.
    assert cost.cpu_s >= 0.6, cost


def test_children_running_before_the_run_are_not_the_runs() -> None:
    """The measuring process may already have children (a test session's own world): they
    are neither waited for nor counted, only what the run left behind is."""
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        cost = measure_process(
            [sys.executable, "-c", "import time; time.sleep(0.5)"], cwd=PROJECT_ROOT, env={}
        )
    finally:
        spinner.kill()
        spinner.wait()
    assert cost.exit_code == 0
    assert cost.cpu_s < 0.3, cost
