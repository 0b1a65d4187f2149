"""A world that is already running (as `./qa serve` runs it) is reused with one variable:
its manifest names its Mailpit too, so no second, empty inbox is started."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.config import PROJECT_ROOT
from harness.environment import StubWorldProcess
from harness.tools.mailpit import MailpitEndpoints

OUTER = ("HARNESS_ENV", "SLOGIN_", "MAILPIT_", "PYTEST_XDIST", "HARNESS_REPORTS")


@pytest.fixture(scope="module")
def served_manifest(
    own_mailpit: MailpitEndpoints, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    process = StubWorldProcess(tmp_path_factory.mktemp("served-world"), own_mailpit)
    process.start()
    yield process.manifest_path
    process.stop()


def test_the_manifest_alone_runs_scenarios_against_the_served_world(
    served_manifest: Path, tmp_path: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(OUTER)}
    env |= {"SLOGIN_WORLD_MANIFEST": str(served_manifest), "HARNESS_REPORTS_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/bdd", "-k",
         "a_customer_signs_in_with_the_code_from_her_email", "-p", "no:cacheprovider",
         "-p", "no:randomly", "-q", "-n", "0"],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "1 passed" in done.stdout


def test_doctor_checks_the_served_world_it_names(served_manifest: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(OUTER)}
    env["SLOGIN_WORLD_MANIFEST"] = str(served_manifest)
    done = subprocess.run(
        [sys.executable, "-m", "harness.cli", "doctor"],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Target: the stub world of {served_manifest}" in done.stdout
    assert "ok   probe mail: sent to" in done.stdout
    assert "ok   browser: Chromium opens https://login.s-ryhma.test/" in done.stdout
