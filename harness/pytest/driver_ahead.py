"""Start Playwright's driver before pytest imports the harness and the steps (issue 19).

`sync_playwright().start()` spawns Playwright's Node.js driver and waits ~0.45 s until it
has loaded and said hello. A BDD run used to do that at session start, after pytest had
imported every plugin and step module (~0.4 s of Python), one after the other. This
plugin is loaded first (`-p harness.pytest.driver_ahead` in pyproject.toml's addopts, so
every way of starting pytest has it) and, when the command line is plainly a BDD run,
spawns the driver (harness/playwright_ahead.py) before the initial conftests are
imported; the driver loads while Python imports, and harness/pytest/early_start.py takes
it at session start (`claim`), waiting only for what is left. Anything else (other tests,
--collect-only, -n with workers, --help) spawns nothing and imports nothing more, and a
driver nobody took is stopped at the end.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

# First, as in the root conftest: keeps httpx's command-line client from loading with httpx.
import harness.pytest.lean_imports  # noqa: F401
from harness.config import PROJECT_ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Playwright

    from harness.playwright_ahead import DriverAhead

# Where scenario modules live: the suite's, and those the benchmarks generate
# (benchmarks/signin.py), which are BDD runs on the documented path too.
BDD_ROOTS = (PROJECT_ROOT / "tests" / "bdd", PROJECT_ROOT / "benchmarks" / ".generated")
FEATURES = PROJECT_ROOT / "features"


def in_bdd_roots(path: Path) -> bool:
    return any(path == root or root in path.parents for root in BDD_ROOTS)


_AHEAD: list[DriverAhead] = []


def looks_like_bdd_run(namespace: Any, invocation_dir: Path) -> bool:
    """From the options pytest has parsed so far: a path of scenario modules (tests/bdd)
    and no other test path, and not a run that collects only, shows help, or hands its
    scenarios to xdist workers. The harness's own options are not parsed yet, so their
    values show up among the paths: those that are no existing path, or lie under
    features/ (--feature-path), are passed over; any other existing path means "not
    sure", and nothing starts early.
    """
    if any(getattr(namespace, name, False) for name in ("collectonly", "help", "version")):
        return False
    workers = getattr(namespace, "numprocesses", None)
    if workers not in (None, 0, "0") and "PYTEST_XDIST_WORKER" not in os.environ:
        return False
    paths = [str(p).split("::", 1)[0] for p in getattr(namespace, "file_or_dir", None) or []]
    existing = [r for r in ((invocation_dir / p).resolve() for p in paths) if r.exists()]
    bdd = [r for r in existing if in_bdd_roots(r)]
    others = [r for r in existing if r not in bdd and r != FEATURES and FEATURES not in r.parents]
    return bool(bdd) and not others


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: pytest.Config) -> None:
    namespace = early_config.known_args_namespace
    if _AHEAD or not looks_like_bdd_run(namespace, early_config.invocation_params.dir):
        return
    from harness.playwright_ahead import DriverAhead
    from harness.visual.fonts import pin_fonts

    # The driver, and every Chromium it launches, keeps the environment it starts with:
    # the pinned fonts must be in it already (harness/pytest/visual.py pins them later,
    # at configure, for browsers started the usual way).
    pin_fonts()
    driver = DriverAhead()
    try:
        driver.begin()
    except Exception:  # the session starts Playwright itself, and says what fails
        with contextlib.suppress(Exception):
            driver.stop()
        return
    _AHEAD.append(driver)


def claim() -> Playwright | None:
    """The driver started ahead, ready (None if none was, or it failed to start: the
    caller then starts Playwright itself, and that says what is wrong)."""
    if not _AHEAD:
        return None
    driver = _AHEAD.pop()
    try:
        return driver.finish()
    except Exception:
        return None


def pytest_unconfigure(config: pytest.Config) -> None:
    """A driver started for a run that then did not want it ends with the run."""
    while _AHEAD:
        with contextlib.suppress(Exception):
            _AHEAD.pop().stop()
