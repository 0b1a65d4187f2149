"""Start-up of a BDD run: the same on every documented path (issue 19)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from harness.config import PROJECT_ROOT

# Runs pytest in-process as `.venv/bin/pytest tests/bdd --collect-only` would, and prints
# the fuzz tests' heavy modules it ended up importing.
PROBE = """
import sys, pytest
code = pytest.main(["tests/bdd", "--collect-only", "-q", "-p", "no:cacheprovider",
                    "--feature-path", "features/sign-in/create-s-login.feature"])
heavy = sorted(m for m in ("schemathesis", "hypothesis") if m in sys.modules)
print("HEAVY=" + ",".join(heavy), "CODE=" + str(int(code)))
"""


def test_a_bdd_run_started_without_qa_loads_no_fuzzing_plugin() -> None:
    """`./qa bdd` always left schemathesis and hypothesis out; `pytest tests/bdd` loaded
    them (~0.8 s of start-up). Now the project's pytest settings leave them out for all."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=PROJECT_ROOT, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-2000:]
    assert last == "HEAVY= CODE=0", last


# A plugin for the run below: when collection ends it notes which of the run's child
# processes are a stub world or Mailpit, then deselects everything so no scenario runs.
EARLY_PROBE = """
import os
from pathlib import Path

def _children():
    found = []
    for entry in Path("/proc").iterdir():
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if entry.name.isdigit() and parent == os.getpid():
                found.append((entry / "cmdline").read_bytes().replace(b"\\0", b" ").decode())
        except OSError:
            pass
    return found

def pytest_collection_modifyitems(config, items):
    started = [c for c in _children() if "stub_services.world" in c or "mailpit" in c]
    print("STARTED=" + str(len(started)), flush=True)
    config.hook.pytest_deselected(items=list(items))
    items[:] = []

def pytest_unconfigure(config):
    print("LEFT=" + str(len([c for c in _children() if "stub_services.world" in c])), flush=True)
"""


def test_a_bdd_run_starts_its_world_while_pytest_collects(tmp_path: Path) -> None:
    """Issue 19: Mailpit and the world boot during collection, not after it; a run that
    then selects nothing stops them again."""
    (tmp_path / "early_probe.py").write_text(EARLY_PROBE)
    env = {k: v for k, v in os.environ.items() if k not in ("SLOGIN_WORLD_MANIFEST",)}
    env["PYTHONPATH"] = f"{tmp_path}{os.pathsep}{PROJECT_ROOT}"
    env["HARNESS_REPORTS_DIR"] = str(tmp_path / "reports")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/bdd", "-p", "early_probe", "-p", "no:cacheprovider",
         "-q", "-s", "--feature-path", "features/sign-in/create-s-login.feature"],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    lines = [line for line in done.stdout.splitlines() if line.startswith(("STARTED=", "LEFT="))]
    assert lines == ["STARTED=2", "LEFT=0"], done.stdout[-2000:] + done.stderr[-2000:]
