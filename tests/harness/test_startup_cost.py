"""Start-up of a BDD run: the same on every documented path (issue 19)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from harness import cli
from harness.config import PROJECT_ROOT
from harness.pytest import start_gate

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


# A plugin that, when the session starts (after every plugin, conftest and step module has
# loaded, before Mailpit or a world is launched), prints the plugins and the top-level
# packages loaded, then ends the run.
STARTUP_PROBE = """
import sys
import pytest

@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session):
    manager = session.config.pluginmanager
    names = sorted(n for n, p in manager.list_name_plugin()
                   if p is not None and not n.isdigit() and n != "startup_probe")
    tops = sorted({m.split(".")[0] for m in sys.modules if not m.startswith("_")})
    print("PLUGINS=" + ",".join(names), flush=True)
    print("MODULES=" + ",".join(tops), flush=True)
    pytest.exit("startup probe", returncode=0)
"""

FEATURE = "features/sign-in/create-s-login.feature"
# What a BDD run loaded before its session started on some or all paths, and needs not:
# the fuzz tests' plugins, Faker's and anyio's plugins, httpx's command-line client (click,
# rich), the stubs' web stack, cryptography (only the doctor pins a certificate). Faker
# itself the personas need: it is imported in the background once the session starts.
NEVER_ON_A_BDD_RUN = (
    "schemathesis", "hypothesis", "faker", "anyio", "click", "rich", "cryptography",
    "fastapi", "pydantic", "starlette", "uvicorn", "jinja2",
)  # fmt: skip
# Each documented way of starting a BDD run (README): ./qa, the pytest script, python -m.
PATHS = {
    "./qa bdd": [sys.executable, "-m", "harness.cli", "bdd", FEATURE],
    ".venv/bin/pytest tests/bdd": [
        str(Path(sys.executable).with_name("pytest")), "tests/bdd", "--feature-path", FEATURE,
    ],
    "python -m pytest tests/bdd": [
        sys.executable, "-m", "pytest", "tests/bdd", "--feature-path", FEATURE,
    ],
}  # fmt: skip


def startup(command: list[str], tmp_path: Path) -> dict[str, set[str]]:
    env = {k: v for k, v in os.environ.items() if k not in ("SLOGIN_WORLD_MANIFEST",)}
    env["PYTHONPATH"] = f"{tmp_path}{os.pathsep}{PROJECT_ROOT}"
    env["HARNESS_REPORTS_DIR"] = str(tmp_path / "reports")
    env["HARNESS_WORKERS"] = "1"  # ./qa would add -n on a bigger machine
    done = subprocess.run(
        [*command, "-p", "startup_probe"], cwd=PROJECT_ROOT, env=env, capture_output=True,
        text=True, timeout=180, check=False,
    )  # fmt: skip
    found = {
        key: set(value.split(","))
        for key, _, value in (line.partition("=") for line in done.stdout.splitlines())
        if key in ("PLUGINS", "MODULES")
    }
    assert set(found) == {"PLUGINS", "MODULES"}, done.stdout[-2000:] + done.stderr[-2000:]
    return found


def test_every_documented_path_starts_a_bdd_run_with_the_same_plugins_and_modules(
    tmp_path: Path,
) -> None:
    """Issue 19: start-up before the first scenario is the same however a run is started,
    and none of them loads what a BDD run never uses."""
    (tmp_path / "startup_probe.py").write_text(STARTUP_PROBE)
    seen = {name: startup(command, tmp_path) for name, command in PATHS.items()}
    reference = seen["./qa bdd"]
    for name, found in seen.items():
        assert found["PLUGINS"] == reference["PLUGINS"], (
            f"{name} loads other plugins than ./qa bdd: "
            f"{sorted(found['PLUGINS'] ^ reference['PLUGINS'])}"
        )
        # `python -m` alone imports runpy.
        differ = (found["MODULES"] ^ reference["MODULES"]) - {"runpy"}
        assert not differ, f"{name} imports other packages than ./qa bdd: {sorted(differ)}"
        loaded = sorted(set(NEVER_ON_A_BDD_RUN) & found["MODULES"])
        assert not loaded, f"{name} imports {loaded} before the session starts"
        plugins = sorted({"faker", "anyio", "schemathesis", "hypothesispytest"} & found["PLUGINS"])
        assert not plugins, f"{name} loads the plugins {plugins}"


# Imported by pytest as soon as it reads its command line, long before its configure step.
GATE_PROBE = """
import os
from pathlib import Path

Path(os.environ["GATE_PROBE_MARK"]).write_text("pytest started")
"""

DRAFT_WITH_A_TYPO = """\
Feature: A draft
  Scenario: A misspelled step
    Given Sara has an S-logni
    When Sara signs in with the code from her email
    Then Sara sees her own details on "Mina uppgifter"
"""


def test_qa_starts_pytest_during_its_dry_run_and_a_failed_dry_run_stops_it(
    tmp_path: Path,
) -> None:
    """Issue 19: ./qa's dry run and pytest's start-up both import every step module; pytest
    now starts at once and waits at its start gate, so a failed dry run stops it there,
    before it wrote, moved or started anything."""
    (tmp_path / "gate_probe.py").write_text(GATE_PROBE)
    feature = tmp_path / "draft.feature"
    feature.write_text(DRAFT_WITH_A_TYPO)
    mark = tmp_path / "started"
    reports = tmp_path / "reports"
    env = {k: v for k, v in os.environ.items() if k not in ("SLOGIN_WORLD_MANIFEST",)}
    env |= {"PYTHONPATH": f"{tmp_path}{os.pathsep}{PROJECT_ROOT}", "GATE_PROBE_MARK": str(mark),
            "HARNESS_REPORTS_DIR": str(reports), "HARNESS_WORKERS": "1"}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "harness.cli", "bdd", str(feature), "-p", "gate_probe"],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    shown = done.stdout + done.stderr
    assert done.returncode == 1, shown
    assert "did you mean" in done.stdout, shown
    assert mark.exists(), "pytest did not start while the dry run ran"
    assert "nothing ran" in done.stderr, shown
    # Neither set-up nor the run was announced, and the run left no report.
    assert "qa: Chromium" not in done.stdout, shown
    assert "qa: pytest" not in done.stdout, shown
    assert not reports.exists() or not any(reports.iterdir()), sorted(reports.iterdir())
    assert cli.GATE_VARIABLE == start_gate.GATE_VARIABLE
