"""A Selenium Grid on this machine: a hub and N nodes on loopback, started and stopped
by the harness (`./qa grid start|stop|status`, and the Grid tests).

Every process gets a session (process group) of its own, so stopping a node also ends
the chromedriver and Chromium it started. What was started is written to a state file,
and `stop` ends exactly those processes, checking first that each pid still runs the
command this run started (a pid can be reused).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from contract.lifetime import end_with_parent
from harness.errors import HarnessSetupError
from harness.grid.client import NODE_CAPABILITY, GridClient
from harness.grid.install import GridTools
from harness.tools.mailpit import free_port
from harness.waiting import WaitTimeout, wait_until

DEFAULT_PORT = 4444
DEFAULT_NODES = 2
# A node's browsers at once. The harness keeps up to 4 profiles open per worker
# (HARNESS_MAX_BROWSERS) and a restart needs its old node, so one node can hold a
# worker's whole pool; Grid's own default is one per core.
DEFAULT_MAX_SESSIONS = 4
LOOPBACK = "127.0.0.1"
# A small, quickly started JVM: the hub and nodes only pass messages.
JVM_OPTIONS = ("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
REGISTER_TIMEOUT_S = 90.0
STATE_FILE = "grid.json"


@dataclass(frozen=True)
class GridProcess:
    """One hub or node process this grid started."""

    role: str
    label: str
    port: int
    pid: int
    config: str
    log: str


@dataclass(frozen=True)
class GridState:
    """What `start` wrote: the hub's URL and every process, for `status` and `stop`."""

    url: str
    processes: tuple[GridProcess, ...]

    @property
    def node_labels(self) -> list[str]:
        return [p.label for p in self.processes if p.role == "node"]

    def to_json(self) -> str:
        return json.dumps(
            {"url": self.url, "processes": [asdict(p) for p in self.processes]}, indent=2
        )

    @classmethod
    def from_json(cls, text: str) -> GridState:
        data = json.loads(text)
        return cls(str(data["url"]), tuple(GridProcess(**p) for p in data["processes"]))


def node_label(index: int) -> str:
    return f"node-{chr(ord('a') + index)}"


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((LOOPBACK, port))
        except OSError:
            return False
    return True


def plan_ports(port: int, nodes: int) -> dict[str, int]:
    """Ports by role. From a given hub port, Selenium's layout (4444: event bus 4442 and
    4443, nodes 5555 …); from 0, free ports everywhere. Busy ones stop the start."""
    if port == 0:
        planned: dict[str, int] = {}
        for role in ["hub", "publish", "subscribe", *(node_label(i) for i in range(nodes))]:
            chosen = free_port(LOOPBACK)
            while chosen in planned.values():
                chosen = free_port(LOOPBACK)
            planned[role] = chosen
        return planned
    planned = {"hub": port, "publish": port - 2, "subscribe": port - 1}
    planned |= {node_label(i): port + 1111 + i for i in range(nodes)}
    busy = [f"{port} ({role})" for role, port in planned.items() if not port_is_free(port)]
    if busy:
        raise HarnessSetupError(
            f"Port{'s' if len(busy) > 1 else ''} {', '.join(busy)} on {LOOPBACK} "
            f"{'are' if len(busy) > 1 else 'is'} busy. A Grid may be running already "
            "(`./qa grid status`; `./qa grid stop` ends one this project started), or "
            "choose other ports with `./qa grid start --port N` (the hub's; the others follow)."
        )
    return planned


def hub_toml(ports: dict[str, int]) -> str:
    return f"""[server]
host = "{LOOPBACK}"
port = {ports["hub"]}

[events]
publish = "tcp://{LOOPBACK}:{ports["publish"]}"
subscribe = "tcp://{LOOPBACK}:{ports["subscribe"]}"
bind = true

[distributor]
# A request pinned to a node that is not there fails at once instead of queueing.
reject-unsupported-caps = true

[sessionqueue]
session-request-timeout = 120
"""


def node_toml(tools: GridTools, ports: dict[str, int], label: str, max_sessions: int) -> str:
    stereotype = json.dumps(
        {
            "browserName": "chrome",
            "platformName": "linux",
            "goog:chromeOptions": {"binary": tools.chromium},
            NODE_CAPABILITY: label,
        }
    )
    return f"""[server]
host = "{LOOPBACK}"
port = {ports[label]}

[events]
publish = "tcp://{LOOPBACK}:{ports["publish"]}"
subscribe = "tcp://{LOOPBACK}:{ports["subscribe"]}"

[node]
# Without it the Grid hands out a `se:cdp` address with this host's external IP and the
# node's port, which Playwright cannot reach.
grid-url = "http://{LOOPBACK}:{ports["hub"]}"
detect-drivers = false
selenium-manager = false
override-max-sessions = true
max-sessions = {max_sessions}
# Pooled browsers idle between their scenarios, and CDP traffic is no WebDriver activity.
session-timeout = 3600

[[node.driver-configuration]]
display-name = "chromium"
webdriver-executable = "{tools.chromedriver}"
max-sessions = {max_sessions}
stereotype = '{stereotype}'
"""


class LocalGrid:
    """Starts a hub and its nodes; writes and reads the state file in `run_dir`."""

    def __init__(self, run_dir: Path) -> None:
        self.run_dir = run_dir
        self.state_path = run_dir / STATE_FILE

    def state(self) -> GridState | None:
        try:
            return GridState.from_json(self.state_path.read_text())
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def start(
        self,
        tools: GridTools,
        *,
        nodes: int = DEFAULT_NODES,
        port: int = DEFAULT_PORT,
        max_sessions: int = DEFAULT_MAX_SESSIONS,
        end_with_us: bool = False,
        timeout_s: float = REGISTER_TIMEOUT_S,
    ) -> GridState:
        """Start the hub and `nodes` nodes, wait until every node has registered.

        `end_with_us` ties the processes to this one (a test session); without it they
        run on until `stop` (the command line)."""
        if nodes < 1:
            raise HarnessSetupError(f"--nodes {nodes}: a Grid needs at least one node")
        running = self.state()
        if running is not None and any(_alive(p) for p in running.processes):
            raise HarnessSetupError(
                f"A Grid this project started is running at {running.url} "
                f"({self.state_path}). Use it, or end it with `./qa grid stop`."
            )
        ports = plan_ports(port, nodes)
        self.run_dir.mkdir(parents=True, exist_ok=True)
        url = f"http://{LOOPBACK}:{ports['hub']}"
        started: list[GridProcess] = []
        # The processes as this one started them, to tell whether one has ended while the
        # Grid starts: only the exit status tells. Its command line read from /proc is empty
        # for a moment while the process is still in exec, which read as "exited".
        children: dict[str, subprocess.Popen[bytes]] = {}
        try:
            roles = [("hub", "hub", hub_toml(ports))] + [
                ("node", label, node_toml(tools, ports, label, max_sessions))
                for label in (node_label(index) for index in range(nodes))
            ]
            for role, label, toml in roles:
                process, children[label] = self._spawn(
                    tools, role, label, ports[label], toml, end_with_us
                )
                started.append(process)
            state = GridState(url, tuple(started))
            self.state_path.write_text(state.to_json())
            self._wait_registered(state, timeout_s, children)
        except BaseException:
            stop_processes(started)
            for child in children.values():
                # One still in exec when the start failed: its command line did not name
                # its config yet, so stop_processes could not tell it was ours.
                if child.poll() is None:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(child.pid, signal.SIGKILL)
                    child.wait()
            self.state_path.unlink(missing_ok=True)
            raise
        return state

    def _spawn(
        self, tools: GridTools, role: str, label: str, port: int, toml: str, end_with_us: bool
    ) -> tuple[GridProcess, subprocess.Popen[bytes]]:
        config = self.run_dir / f"{label}.toml"
        config.write_text(toml)
        log = self.run_dir / f"{label}.log"
        command = [tools.java, *JVM_OPTIONS, "-cp", tools.classpath,
                   "org.openqa.selenium.grid.Main", role, "--config", str(config)]  # fmt: skip
        with log.open("wb") as out:
            process = subprocess.Popen(
                command,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                preexec_fn=end_with_parent if end_with_us else None,
            )
        return GridProcess(role, label, port, process.pid, str(config), str(log)), process

    def _wait_registered(
        self, state: GridState, timeout_s: float, children: dict[str, subprocess.Popen[bytes]]
    ) -> None:
        client = GridClient(state.url)
        seen: list[str] = ["nothing yet"]

        def registered() -> bool | None:
            for process in state.processes:
                status = children[process.label].poll()
                if status is not None:
                    raise HarnessSetupError(
                        f"The Grid's {process.label} exited while starting (status {status})."
                        f" The end of its log ({process.log}):\n{_tail(process.log)}"
                    )
            try:
                up = {node.name for node in client.nodes() if node.up}
            except HarnessSetupError:
                seen[0] = "the hub not answering yet"
                return None
            missing = [label for label in state.node_labels if label not in up]
            seen[0] = f"registered: {sorted(up) or 'none'}; waiting for {missing}"
            return True if not missing else None

        try:
            wait_until(
                registered,
                timeout_s=timeout_s,
                what=f"the Grid's nodes to register with the hub at {state.url}",
                describe=lambda: f"Last seen: {seen[0]}.",
                interval_s=0.5,
            )
        except WaitTimeout as exc:
            logs = "\n".join(
                f"--- {p.label} ({p.log}) ---\n{_tail(p.log, 1200)}" for p in state.processes
            )
            raise HarnessSetupError(
                f"{exc}\nA node that never registers cannot reach the hub's event bus (ports "
                f"in {self.run_dir}/*.toml) or failed to start; the ends of the logs:\n{logs}"
            ) from exc
        finally:
            client.close()

    def stop(self) -> list[GridProcess]:
        """End the processes the state file names (nodes first); what was still running."""
        state = self.state()
        if state is None:
            return []
        running = [p for p in state.processes if _alive(p)]
        stop_processes(list(state.processes))
        self.state_path.unlink(missing_ok=True)
        return running


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _alive(process: GridProcess) -> bool:
    """The process still runs, and is ours: its command line names our config file."""
    return process.config in _cmdline(process.pid)


def group_members(pgid: int) -> list[int]:
    """Living (non-zombie) processes of a process group: a node's chromedriver and Chromium."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(stat.parent.name))
    return members


def stop_processes(processes: list[GridProcess], *, timeout_s: float = 15.0) -> None:
    """SIGTERM each process's group (nodes before the hub), then SIGKILL what is left."""
    ours = [p for p in sorted(processes, key=lambda p: p.role == "hub") if _alive(p)]
    for process in ours:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout_s
    for process in ours:
        _wait_group_ends(process, max(0.1, deadline - time.monotonic()))
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            # Our own child (a test session's Grid): collect its exit status.
            os.waitpid(process.pid, os.WNOHANG)


def _wait_group_ends(process: GridProcess, timeout_s: float) -> None:
    def ended() -> bool | None:
        return True if not group_members(process.pid) else None

    with contextlib.suppress(WaitTimeout):
        wait_until(
            ended,
            timeout_s=timeout_s,
            what=f"the Grid's {process.label} to end",
            describe=lambda: f"Still running: {group_members(process.pid)}.",
        )


def _tail(path: str, chars: int = 2000) -> str:
    try:
        return Path(path).read_text(errors="replace")[-chars:]
    except OSError:
        return "(no log)"
