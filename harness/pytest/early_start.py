"""Start Mailpit, the stub world and Playwright while pytest collects (issue 19).

A BDD run from cold used to collect first, then start Mailpit and wait for it, then start
the world and wait for it, then start Playwright, one after the other. When a run is
plainly a BDD run (every path it was given lies under tests/bdd) and will start its own
world, this launches Mailpit and the world together at session start without waiting for
either, and starts Playwright's driver while they boot; the fixtures of
harness/pytest/world.py and browsers.py then take what was started here instead of
starting their own. Anything that goes wrong here is dropped quietly: the fixtures then
start things the usual way and report the problem as they always did.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Playwright, sync_playwright

from harness.config import PROJECT_ROOT, HarnessConfig
from harness.environment import StubWorldProcess
from harness.pytest.options import harness_settings
from harness.tools.mailpit import MailpitProcess, external_endpoints, require_mailpit

BDD_TESTS = PROJECT_ROOT / "tests" / "bdd"


@dataclass
class EarlyStart:
    """What was started at session start, until a fixture claims it."""

    folder: Path
    mailpit: MailpitProcess | None = None
    world: StubWorldProcess | None = None
    playwright: Playwright | None = None


_EARLY = pytest.StashKey[EarlyStart]()


def is_bdd_run(config: pytest.Config) -> bool:
    """Whether this process will run scenarios against a world of its own."""
    if config.option.collectonly:
        return False
    controller = getattr(config, "workerinput", None) is None
    if controller and getattr(config.option, "numprocesses", None):
        return False  # pytest-xdist's workers run the scenarios, each with its own world
    paths = [Path(str(arg).split("::", 1)[0]) for arg in config.args]
    roots = [(config.invocation_params.dir / path).resolve() for path in paths]
    return bool(roots) and all(r == BDD_TESTS or BDD_TESTS in r.parents for r in roots)


def wanted(config: pytest.Config, settings: HarnessConfig) -> bool:
    # Only the embedded stub world is started here; a served or remote one is checked
    # (harness/pytest/world.py) and used as it is. A Grid's browsers need the same world.
    return settings.target.kind == "stub" and is_bdd_run(config)


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    config = session.config
    settings = harness_settings(config)
    if not wanted(config, settings):
        return
    early = EarlyStart(Path(tempfile.mkdtemp(prefix="slogin-early-")))
    config.stash[_EARLY] = early
    try:
        if settings.mailpit_url:
            endpoints = external_endpoints(settings.mailpit_url, settings.mailpit_smtp)
        else:
            early.mailpit = MailpitProcess(
                require_mailpit(settings.mailpit_bin, settings.tools_dir), early.folder / "mailpit"
            )
            endpoints = early.mailpit.launch()
        # The world needs only Mailpit's SMTP port, not Mailpit itself, to start.
        early.world = StubWorldProcess(
            early.folder / "world", endpoints, timeout_s=settings.world_start_timeout_s
        )
        early.world.launch()
        early.playwright = sync_playwright().start()
    except Exception:  # the fixtures start things again and say what failed
        _stop(early)
        early.mailpit = early.world = early.playwright = None


def claim_mailpit(config: pytest.Config) -> MailpitProcess | None:
    """The Mailpit launched at session start (not yet known to be ready), once."""
    early = config.stash.get(_EARLY, None)
    if early is None or early.mailpit is None:
        return None
    mailpit, early.mailpit = early.mailpit, None
    return mailpit


def claim_world(config: pytest.Config) -> StubWorldProcess | None:
    """The stub world launched at session start (call its `wait_ready`), once."""
    early = config.stash.get(_EARLY, None)
    if early is None or early.world is None:
        return None
    world, early.world = early.world, None
    return world


def claim_playwright(config: pytest.Config) -> Playwright | None:
    early = config.stash.get(_EARLY, None)
    if early is None or early.playwright is None:
        return None
    playwright, early.playwright = early.playwright, None
    return playwright


def _stop(early: EarlyStart) -> None:
    if early.playwright is not None:
        with contextlib.suppress(Exception):
            early.playwright.stop()
    if early.world is not None:
        early.world.stop()
    if early.mailpit is not None:
        early.mailpit.stop()


def pytest_unconfigure(config: pytest.Config) -> None:
    """Stop what no fixture claimed (no scenario was selected); the folder goes too, once
    the fixtures that claimed things have stopped them."""
    early = config.stash.get(_EARLY, None)
    if early is not None:
        _stop(early)
        shutil.rmtree(early.folder, ignore_errors=True)
