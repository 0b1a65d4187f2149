"""Start-up of a BDD run: the same on every documented path (issue 19)."""

from __future__ import annotations

import subprocess
import sys

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
