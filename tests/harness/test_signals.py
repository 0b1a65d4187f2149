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
