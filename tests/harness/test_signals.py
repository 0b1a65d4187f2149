"""./qa stops the test run it started as Ctrl-C would, on SIGINT or SIGTERM, and waits."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from harness.config import PROJECT_ROOT
from harness.pytest.interrupts import InterruptOnce
from harness.waiting import wait_until

# The child stands for pytest: it says it is ready, then records the signal it gets and
# how it ended, the way pytest's teardown would write its reports.
CHILD = """
import pathlib, signal, sys
out = pathlib.Path(sys.argv[1])
def stop(signum, frame):
    out.write_text(f"stopped by {signal.Signals(signum).name}")
    raise SystemExit(3)
signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)
out.with_suffix(".ready").write_text(str(__import__("os").getpid()))
signal.pause()
"""

# The parent stands for ./qa: harness.cli's own forwarding, nothing re-implemented.
PARENT = """
import os, sys
from pathlib import Path
from harness.cli import call_forwarding_signals
child = [sys.executable, "-c", sys.argv[1], sys.argv[2]]
sys.exit(call_forwarding_signals(child, cwd=Path.cwd(), env=dict(os.environ)))
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["TERM", "INT"])
def test_a_signal_to_qa_reaches_its_test_run_and_qa_waits_for_it(
    tmp_path: Path, signum: signal.Signals
) -> None:
    out = tmp_path / "child.txt"
    parent = subprocess.Popen([sys.executable, "-c", PARENT, CHILD, str(out)], cwd=PROJECT_ROOT)
    ready = out.with_suffix(".ready")
    try:
        wait_until(
            lambda: ready.exists() or None,
            timeout_s=20,
            what="the test run to start",
            describe=lambda: f"./qa's test run is {'alive' if parent.poll() is None else 'gone'}",
        )
        os.kill(parent.pid, signum)
        code = parent.wait(timeout=20)
    finally:
        if parent.poll() is None:
            parent.kill()
        if ready.exists():  # a test run left behind by a broken ./qa must not outlive us
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(ready.read_text()), signal.SIGKILL)
    seen = out.read_text() if out.exists() else "no signal, and no clean stop"
    assert seen == "stopped by SIGINT", "the test run was not stopped as by Ctrl-C"
    assert code == 3, "./qa must end with its test run's own exit status, after it"


def test_a_repeated_sigint_is_the_same_interrupt() -> None:
    """The terminal's SIGINT and the one ./qa passes on arrive milliseconds apart."""
    now = [100.0]
    handler = InterruptOnce(window_s=1.0, clock=lambda: now[0])
    with pytest.raises(KeyboardInterrupt):
        handler(signal.SIGINT, None)
    now[0] += 0.01
    handler(signal.SIGINT, None)  # the same Ctrl-C, delivered twice: nothing more
    now[0] += 2.0
    with pytest.raises(KeyboardInterrupt):
        handler(signal.SIGINT, None)  # pressed again later: it interrupts again


def test_ctrl_c_at_a_terminal_stops_a_scenario_once(tmp_path: Path) -> None:
    """Ctrl-C signals the whole foreground group (./qa and pytest); ./qa passes it on too.
    Sent while the scenario runs, that used to end in a KeyboardInterrupt traceback (exit
    254) with browser processes left behind."""
    env = {k: v for k, v in os.environ.items() if k != "SLOGIN_WORLD_MANIFEST"}
    env["HARNESS_REPORTS_DIR"] = str(tmp_path / "reports")
    run = subprocess.Popen(
        [str(PROJECT_ROOT / "qa"), "bdd", "features/sign-in/create-s-login.feature"],
        cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    assert run.stdout is not None
    seen = b""
    try:
        # pytest names the test file when the scenario starts, and ends the line only when
        # it ends: read what arrives, not lines.
        while b"tests/bdd/test_features.py " not in seen:
            chunk = os.read(run.stdout.fileno(), 4096)
            assert chunk, seen.decode()[-3000:]
            seen += chunk
        os.killpg(run.pid, signal.SIGINT)
        seen += run.stdout.read()
        code = run.wait(timeout=120)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(run.pid, signal.SIGKILL)
    output = seen.decode(errors="replace")
    assert code == 2, output[-3000:]
    assert "INTERRUPTED" in output
    assert "Traceback" not in output, output[-3000:]
