"""What one whole process cost, and whether the machine was quiet while it ran.

A run is measured from outside: wall time from start to exit, and the CPU of the process
and of every descendant, from the children's rusage once they are reaped (pytest, the
world and its stubs, Mailpit, the Playwright driver, Chromium and its renderers, the
report's Node). Around it,
/proc/stat's busy time of the whole machine: what is left after the run's own CPU is the
CPU of *other* processes. A run during which others used more than QUIET_CORES on average
is flagged "busy": its figures, and ratios taken against it, say little.

A process that exits before its own children (Playwright's driver leaving Chromium to
finish, a browser's helper started twice removed) leaves them to be adopted: by init, whose
rusage is not ours, so their CPU used to count as *other* processes' and every bare run read
"busy". The benchmark makes itself their child subreaper (prctl PR_SET_CHILD_SUBREAPER), so
such orphans become its children; after the run it waits for them (with a deadline) and
their CPU is the run's own.

A served run (and the bare script) makes a world and a Mailpit that the benchmark started
work: their CPU is part of what that run costs, not noise from others. The benchmark names
those processes (`served_pids`); the CPU of their process trees during the run is counted
apart, reported as "world" CPU, and left out of "others".
"""

from __future__ import annotations

import ctypes
import os
import resource
import select
import subprocess
import time
from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from benchmarks.timing import CLOCK_TICKS, machine_busy_seconds

# Other processes may use this many cores on average before a run counts as not quiet: an
# idle desktop's background noise stays well under it, one other test run does not.
QUIET_CORES = 0.25
# How long orphans a run left may take to end after it exits before they count as left running.
ORPHAN_DEADLINE_S = 10.0
PR_SET_CHILD_SUBREAPER = 36


@dataclass(frozen=True)
class ProcessCost:
    """One run: seconds of wall time, of its own CPU, and of other processes' CPU."""

    wall_s: float
    cpu_s: float
    others_cpu_s: float
    exit_code: int
    # When it started (time.time()), to set timestamps taken inside the run against.
    started: float = 0.0
    # CPU of the served world and Mailpit (the benchmark's, shared by every run) meanwhile.
    world_cpu_s: float = 0.0

    @property
    def others_cores(self) -> float:
        """Cores the rest of the machine kept busy on average during the run."""
        return self.others_cpu_s / self.wall_s if self.wall_s > 0 else 0.0

    @property
    def quiet(self) -> bool:
        return self.others_cores <= QUIET_CORES

    def as_dict(self) -> dict[str, float | int | bool]:
        return {**asdict(self), "others_cores": self.others_cores, "quiet": self.quiet}


def process_table(proc: Path = Path("/proc")) -> dict[int, tuple[int, float]]:
    """Every process now: pid -> (parent pid, CPU seconds of it and its reaped children)."""
    table: dict[int, tuple[int, float]] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # it ended while we looked
            continue
        # The command name, in parentheses, may hold spaces: fields start after the last ')'.
        fields = stat[stat.rindex(")") + 2 :].split()
        # ppid is field 4 of stat(5); utime, stime, cutime, cstime are fields 14-17.
        ticks = sum(int(v) for v in fields[11:15])
        table[int(entry.name)] = (int(fields[1]), ticks / CLOCK_TICKS)
    return table


def tree_cpu_seconds(table: dict[int, tuple[int, float]], roots: Sequence[int]) -> float:
    """CPU of the roots and all their descendants (a process's reaped children included)."""
    children: dict[int, list[int]] = {}
    for pid, (parent, _) in table.items():
        children.setdefault(parent, []).append(pid)
    seen: set[int] = set()
    todo = [pid for pid in roots if pid in table]
    while todo:
        pid = todo.pop()
        if pid not in seen:
            seen.add(pid)
            todo.extend(children.get(pid, []))
    return sum(table[pid][1] for pid in seen)


def split_cpu(busy_s: float, own_s: float, world_s: float) -> tuple[float, float]:
    """(world, others): the machine's busy CPU minus the run's own and the served world's."""
    world = max(0.0, world_s)
    return world, max(0.0, busy_s - own_s - world)


def adopt_orphans() -> None:
    """Become the subreaper of everything started from here (Linux), so an orphaned
    descendant's CPU ends in this process's children's rusage instead of init's."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed")


def own_children() -> set[int]:
    me = os.getpid()
    return {pid for pid, (parent, _) in process_table().items() if parent == me}


def reap_orphans(keep: Collection[int], deadline_s: float = ORPHAN_DEADLINE_S) -> list[int]:
    """Wait for the children adopted during a run (every child of this process but those
    in `keep`: the served world, and whatever was running before the run) to end, until
    the deadline; returns those still running then."""
    orphans = own_children() - set(keep)
    ends = time.monotonic() + deadline_s
    left: list[int] = []
    for pid in orphans:
        try:
            fd = os.pidfd_open(pid)
        except ProcessLookupError:
            continue
        try:
            select.select([fd], [], [], max(0.0, ends - time.monotonic()))
            if os.waitpid(pid, os.WNOHANG) == (0, 0):
                left.append(pid)
        except ChildProcessError:
            pass
        finally:
            os.close(fd)
    return left


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure_process(
    command: Sequence[str],
    *,
    cwd: Path,
    env: dict[str, str],
    log: Path | None = None,
    served_pids: Sequence[int] = (),
) -> ProcessCost:
    """Run `command` to its end and measure it; its output goes to `log` (or is dropped).

    `served_pids`: the world and Mailpit the benchmark started; their trees' CPU during the
    run is the run's work done elsewhere, counted as world CPU and not as others'.
    """
    adopt_orphans()
    sink = log.open("wb") if log is not None else open(os.devnull, "wb")  # noqa: SIM115
    with sink:
        world_before = tree_cpu_seconds(process_table(), served_pids) if served_pids else 0.0
        children_before = children_cpu_seconds()
        # Children this process already had (a test session's own world) are not the run's.
        before = own_children()
        busy_before = machine_busy_seconds()
        epoch = time.time()
        started = time.perf_counter()
        child = subprocess.Popen(
            list(command), cwd=cwd, env=env, stdout=sink, stderr=subprocess.STDOUT
        )
        _, status = os.waitpid(child.pid, 0)
        wall = time.perf_counter() - started
        # What the run left behind ends on its own time (a browser closing): it is the
        # run's CPU, but not its wall time.
        left = reap_orphans(keep={*served_pids, *before})
        busy = machine_busy_seconds() - busy_before
        world_after = tree_cpu_seconds(process_table(), served_pids) if served_pids else 0.0
    child.returncode = os.waitstatus_to_exitcode(status)  # Popen must not wait for it again
    own = children_cpu_seconds() - children_before
    if left:
        own += tree_cpu_seconds(process_table(), left)
    world, others = split_cpu(busy, own, world_after - world_before)
    return ProcessCost(wall, own, others, child.returncode, epoch, world)


def quiet_note(costs: Sequence[ProcessCost]) -> str:
    """One line on how quiet the machine was over these runs."""
    busy = [c for c in costs if not c.quiet]
    worst = max((c.others_cores for c in costs), default=0.0)
    if not busy:
        return f"machine quiet: other processes used at most {worst:.2f} cores during every run"
    return (
        f"MACHINE NOT QUIET: during {len(busy)} of {len(costs)} runs other processes used "
        f"more than {QUIET_CORES} cores (up to {worst:.2f} of {os.cpu_count()}); absolute "
        "figures are unreliable, ratios of runs side by side less so; re-run on a quiet "
        "machine"
    )
