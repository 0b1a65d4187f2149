"""Playwright's driver starts before pytest imports the steps, for BDD runs only (issue 19).
These also catch a Playwright upgrade that changes the private parts harness/playwright_
ahead.py relies on."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from harness.config import PROJECT_ROOT, HarnessConfig
from harness.playwright_ahead import DriverAhead
from harness.pytest.driver_ahead import looks_like_bdd_run
from harness.tools.chromium import find_chromium
from harness.visual.fonts import missing_fonts

FEATURE = "features/sign-in/create-s-login.feature"


def test_a_driver_started_ahead_is_a_playwright() -> None:
    """In a thread of its own: this session's Playwright already runs in the main one, and
    a second sync Playwright cannot start beside it in the same thread."""
    seen: list[object] = []

    def run() -> None:
        driver = DriverAhead()
        started = time.monotonic()
        driver.begin()
        seen.append(time.monotonic() - started < 5)  # it returned; the driver loads alone
        playwright = driver.finish()
        try:
            chromium = find_chromium(HarnessConfig.from_env().chromium_path)
            browser = playwright.chromium.launch(executable_path=chromium.path)
            page = browser.new_page()
            page.goto("data:text/html,<h1>Mina uppgifter</h1>")
            seen.append(page.inner_text("h1"))
            browser.close()
        except Exception as exc:
            seen.append(exc)
        finally:
            playwright.stop()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    assert seen == [True, "Mina uppgifter"]


def namespace(*paths: str, **options: object) -> SimpleNamespace:
    return SimpleNamespace(file_or_dir=list(paths), **options)


@pytest.mark.parametrize(
    ("given", "bdd"),
    [
        (namespace("tests/bdd"), True),
        # --feature-path's value, not yet known to pytest as an option's
        (namespace("tests/bdd", FEATURE), True),
        (namespace("tests/bdd/test_features.py::test_a"), True),
        # a value of another harness option that is no path (--env served)
        (namespace("tests/bdd", "served"), True),
        (namespace("tests/harness"), False),
        (namespace("tests/bdd", "tests/harness"), False),
        (namespace(), False),
        (namespace("tests/bdd", collectonly=True), False),
        (namespace("tests/bdd", help=True), False),
        (namespace("tests/bdd", numprocesses=2), False),
        (namespace("tests/bdd", numprocesses=0), True),
    ],
)
def test_what_counts_as_a_bdd_run(given: SimpleNamespace, bdd: bool) -> None:
    assert looks_like_bdd_run(given, PROJECT_ROOT) is bdd


# Notes, at configure (after the initial conftests), whether a driver was started ahead,
# deselects everything, and at the very end lists the Node.js children still running.
PROBE = """
import os
from pathlib import Path

import harness.pytest.driver_ahead as ahead

def _drivers():
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if not entry.name.isdigit():
                continue
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes().replace(b"\\0", b" ").decode()
            if parent == os.getpid() and "run-driver" in command:
                found.append(command)
        except OSError:
            pass
    return found

def pytest_configure(config):
    print("AHEAD=" + str(len(ahead._AHEAD)), flush=True)
    if ahead._AHEAD:
        pid = ahead._AHEAD[0]._client._transport._proc.pid
        environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\\0")
        pinned = any(item.startswith(b"FONTCONFIG_FILE=") for item in environ)
        print("FONTS=" + str(int(pinned)), flush=True)

def pytest_collection_modifyitems(config, items):
    config.hook.pytest_deselected(items=list(items))
    items[:] = []

def pytest_unconfigure(config):
    config.add_cleanup(lambda: print("DRIVERS=" + str(len(_drivers())), flush=True))
"""


def run_with_probe(tmp_path: Path, *args: str) -> list[str]:
    (tmp_path / "ahead_probe.py").write_text(PROBE)
    # As from a shell: the pinned fonts are set by the run itself, not inherited.
    unset = ("SLOGIN_WORLD_MANIFEST", "FONTCONFIG_FILE")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env["PYTHONPATH"] = f"{tmp_path}{os.pathsep}{PROJECT_ROOT}"
    env["HARNESS_REPORTS_DIR"] = str(tmp_path / "reports")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", *args, "-p", "ahead_probe", "-p", "no:cacheprovider",
         "-q", "-s"],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    wanted = ("AHEAD=", "DRIVERS=", "FONTS=")
    return [line for line in done.stdout.splitlines() if line.startswith(wanted)]


def test_a_bdd_run_starts_the_driver_before_configure_and_leaves_none(tmp_path: Path) -> None:
    """The driver's environment already has the pinned fonts: every Chromium it launches
    inherits it, and the approved pictures were drawn with them."""
    lines = run_with_probe(tmp_path, "tests/bdd", "--feature-path", FEATURE)
    fonts = "FONTS=0" if missing_fonts() else "FONTS=1"
    assert lines == ["AHEAD=1", fonts, "DRIVERS=0"]


def test_other_runs_start_no_driver_ahead(tmp_path: Path) -> None:
    lines = run_with_probe(tmp_path, "tests/harness/test_memory_watch.py")
    assert lines == ["AHEAD=0", "DRIVERS=0"]


def test_a_usage_error_after_the_driver_started_ends_with_the_error_alone(
    tmp_path: Path,
) -> None:
    """The driver started ahead is stopped mid-start when configure refuses a setting; its
    failed start used to follow the error as a 20-line asyncio traceback."""
    env = {k: v for k, v in os.environ.items() if k != "SLOGIN_WORLD_MANIFEST"}
    env["HARNESS_REPORTS_DIR"] = str(tmp_path / "reports")
    env["HARNESS_TRACING"] = "always"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/bdd", "--feature-path", FEATURE,
         "-p", "no:cacheprovider", "-q"],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    output = done.stdout + done.stderr
    assert done.returncode == pytest.ExitCode.USAGE_ERROR, output
    assert "ERROR: HARNESS_TRACING='always' is not a valid value." in done.stderr
    assert "Traceback" not in output
    assert "never retrieved" not in output
