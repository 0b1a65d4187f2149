"""A test run that dies, however it dies, takes its stub world and the stubs with it.

A parent process starts the world through the harness, as a test session does, and is
then killed with SIGKILL, so no fixture teardown or signal handler of it can run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from harness.config import PROJECT_ROOT
from harness.environment import StubWorldProcess
from harness.tools.mailpit import MailpitEndpoints
from harness.waiting import wait_until

PARENT = """
import signal, sys
from pathlib import Path
from harness.environment import StubWorldProcess
from harness.tools.mailpit import MailpitEndpoints

world = StubWorldProcess(Path(sys.argv[1]), MailpitEndpoints("http://127.0.0.1:9", "127.0.0.1", 9))
world.start()
print(world._process.pid, flush=True)
signal.pause()
"""


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has ended; only its parent has not read its exit status yet.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] == "Z")


def stub_pids(manifest: dict[str, Any]) -> list[int]:
    pids = [site["pid"] for site in manifest["sites"].values() if site.get("pid")]
    assert pids, f"the manifest names no stub processes: {manifest}"
    assert all(alive(pid) for pid in pids)
    return pids


def wait_all_ended(pids: list[int], what: str) -> None:
    wait_until(
        lambda: None if any(alive(pid) for pid in pids) else True,
        timeout_s=20,
        what=what,
        describe=lambda: "still running: " + ", ".join(str(p) for p in pids if alive(p)),
    )


def kill_survivors(pids: list[int]) -> None:
    """Leave no process behind when the test failed."""
    for pid in pids:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


def test_a_killed_run_leaves_no_world_running(tmp_path: Path) -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, str(tmp_path / "world")],
        cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    started: list[int] = [parent.pid]
    try:
        assert parent.stdout is not None
        world_pid = int(parent.stdout.readline())
        manifest = json.loads((tmp_path / "world" / "world.json").read_text())
        started += [world_pid, *stub_pids(manifest)]
        assert alive(world_pid)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        wait_all_ended(started, "the stub world and its stubs to end after the run was killed")
    finally:
        kill_survivors(started)


def test_a_killed_world_leaves_no_stub_running(tmp_path: Path) -> None:
    """The world ends its stubs on SIGTERM; after a SIGKILL the stubs end by themselves."""
    world = StubWorldProcess(
        tmp_path / "world", MailpitEndpoints("http://127.0.0.1:9", "127.0.0.1", 9)
    )
    world.start()
    manifest = json.loads(world.manifest_path.read_text())
    stubs: list[int] = []
    try:
        stubs = stub_pids(manifest)
        os.kill(manifest["pid"], signal.SIGKILL)
        wait_all_ended(stubs, "the stubs to end after their world was killed")
    finally:
        world.stop()
        kill_survivors(stubs)


CTRL_C_PARENT = """
import os, signal, sys
from pathlib import Path
import httpx
from harness.config import HarnessConfig
from harness.tools.mailpit import MailpitProcess, require_mailpit

config = HarnessConfig.from_env(env={})
mailpit = MailpitProcess(require_mailpit(config.mailpit_bin, config.tools_dir), Path(sys.argv[1]))
endpoints = mailpit.start()
try:
    print("ready", flush=True)
    signal.pause()  # until Ctrl-C, which reaches pytest as KeyboardInterrupt
except KeyboardInterrupt:
    # pytest's teardown still needs the inbox here (clearing the personas' mail).
    try:
        answered = httpx.get(f"{endpoints.api_url}/readyz", timeout=5).status_code == 200
    except httpx.HTTPError:
        answered = False
    print(f"inbox answers after Ctrl-C: {answered}", flush=True)
    # Mailpit ends on SIGINT, but not at once: whether the signal reached it at all.
    own_group = os.getpgid(mailpit._process.pid) != os.getpgid(0)
    print(f"inbox outside the terminal's group: {own_group}", flush=True)
finally:
    mailpit.stop()
"""


def test_ctrl_c_stops_the_run_but_not_the_inbox_its_teardown_needs(tmp_path: Path) -> None:
    """Ctrl-C signals the terminal's whole foreground group. Mailpit in that group died with
    pytest's first thought, and the teardown that clears the personas' mail crashed with
    "Mailpit is not reachable" instead of ending as an interrupted run."""
    parent = subprocess.Popen(
        [sys.executable, "-c", CTRL_C_PARENT, str(tmp_path)],
        cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    assert parent.stdout is not None
    try:
        assert parent.stdout.readline().strip() == "ready"
        os.killpg(parent.pid, signal.SIGINT)  # what the terminal does on Ctrl-C
        said = parent.stdout.read()
    finally:
        parent.wait(timeout=60)
    assert "inbox answers after Ctrl-C: True" in said, said
    assert "inbox outside the terminal's group: True" in said, said
