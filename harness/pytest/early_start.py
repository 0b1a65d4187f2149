"""Start Mailpit, the stub world, Playwright and the first browser early (issue 19).

A BDD run from cold used to collect first, then start Mailpit and wait for it, then start
the world and wait for it, then start Playwright, then launch the first browser when the
first scenario asked for it, one after the other. When a run is plainly a BDD run (every
path it was given lies under tests/bdd, or is a scenario module the benchmarks generate):
- with the embedded world, this launches Mailpit and the world together at session start
  without waiting for either, and starts Playwright's driver while they boot;
- against a served world (checked at session start by harness/pytest/world.py), it starts
  Playwright's driver at session start;
- as soon as the world is known (at once for a served world, when the embedded one is
  ready), it sends the launch of the browser profile most scenarios start on (the default
  device and cookie policy) to the driver without waiting (harness/browsers/pending.py):
  Chromium starts while pytest collects and the first steps run.
The fixtures of harness/pytest/world.py and browsers.py then take what was started here
instead of starting their own. Anything that goes wrong here is dropped quietly: the
fixtures then start things the usual way and report the problem as they always did.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Playwright, sync_playwright

from harness.browsers.pending import PendingLaunch
from harness.browsers.pool import BrowserKey, BrowserOptions, launch_arguments
from harness.config import HarnessConfig
from harness.cookie_policies import cookie_policy
from harness.devices import device
from harness.environment import Environment, StubWorldProcess, world_of_manifest
from harness.pytest import driver_ahead
from harness.pytest.options import harness_settings
from harness.pytest.recording import recording_of
from harness.tools.mailpit import (
    MailpitEndpoints,
    MailpitProcess,
    external_endpoints,
    require_mailpit,
)


@dataclass
class EarlyStart:
    """What was started at session start, until a fixture claims it."""

    folder: Path
    mailpit: MailpitProcess | None = None
    world: StubWorldProcess | None = None
    playwright: Playwright | None = None
    # The Playwright started here, also once a fixture has claimed it.
    driver: Playwright | None = None
    launch: tuple[BrowserKey, PendingLaunch] | None = None


_EARLY = pytest.StashKey[EarlyStart]()
# A served or remote environment as harness/pytest/world.py's session-start check found it.
CHECKED_ENVIRONMENT = pytest.StashKey[Environment]()


def is_bdd_run(config: pytest.Config) -> bool:
    """Whether this process will run scenarios against a world of its own."""
    if config.option.collectonly:
        return False
    controller = getattr(config, "workerinput", None) is None
    if controller and getattr(config.option, "numprocesses", None):
        return False  # pytest-xdist's workers run the scenarios, each with its own world
    paths = [Path(str(arg).split("::", 1)[0]) for arg in config.args]
    roots = [(config.invocation_params.dir / path).resolve() for path in paths]
    return bool(roots) and all(driver_ahead.in_bdd_roots(r) for r in roots)


def wanted(config: pytest.Config, settings: HarnessConfig) -> bool:
    # Only the embedded stub world is started here; a served one is checked at session
    # start (harness/pytest/world.py) and used as it is, and a remote one is checked by
    # each worker. A Grid's browsers need the same world.
    return settings.target.kind in ("stub", "served") and is_bdd_run(config)


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    config = session.config
    settings = harness_settings(config)
    if not wanted(config, settings):
        return
    if settings.target.kind == "served":
        start_served(config)  # already done by harness/pytest/world.py's check, usually
        return
    early = _early(config)
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
        _start_playwright(early)
    except Exception:  # the fixtures start things again and say what failed
        _stop(early)
        early.mailpit = early.world = early.playwright = early.driver = None


def _early(config: pytest.Config) -> EarlyStart:
    early = EarlyStart(Path(tempfile.mkdtemp(prefix="slogin-early-")))
    config.stash[_EARLY] = early
    # The last of the session's clean-ups: after the fixtures' processes have ended.
    config.add_cleanup(lambda: shutil.rmtree(early.folder, ignore_errors=True))
    return early


def _start_playwright(early: EarlyStart) -> None:
    """The driver started before the imports (harness/pytest/driver_ahead.py), or a new one."""
    early.playwright = early.driver = driver_ahead.claim() or sync_playwright().start()


def start_served(config: pytest.Config) -> None:
    """A BDD run against a served world: Playwright, and the first browser's launch sent
    with what the world's manifest says, before the world is checked (harness/pytest/
    world.py calls this first; a world that fails the check stops the run, and the launch
    is dropped with it)."""
    settings = harness_settings(config)
    if _EARLY in config.stash or settings.target.kind != "served" or not wanted(config, settings):
        return
    early = _early(config)
    try:
        _start_playwright(early)
    except Exception:  # the fixture starts it again and says what failed
        return
    try:
        assert settings.target.manifest is not None
        # Only its browser arguments matter here; the check reads the inbox properly.
        unused_inbox = MailpitEndpoints("http://inbox.invalid", "", 0)
        environment = world_of_manifest(Path(settings.target.manifest), unused_inbox)
    except Exception:  # the check says what is wrong with the manifest
        return
    launch_ahead(config, environment)


def launch_ahead(config: pytest.Config, environment: Environment) -> None:
    """Send the launch of the profile of the default device and cookie policy, if this
    run started Playwright early and launches browsers locally without videos (a video
    folder is made per run by the pool's fixture, which then launches as usual)."""
    early = config.stash.get(_EARLY, None)
    if early is None or early.driver is None or early.launch is not None:
        return
    settings = harness_settings(config)
    recording = recording_of(config)
    if settings.grid_url or recording.video != "off":
        return
    try:
        key = BrowserKey(settings.default_device, settings.default_cookie_policy)
        options = BrowserOptions.for_run(settings, recording, video_dir=None)
        user_data_dir = early.folder / "ahead" / key.slug
        policy = cookie_policy(key.policy)
        policy.write_profile(user_data_dir, environment.signin.public_url)
        arguments = launch_arguments(options, environment, device(key.device))
        early.launch = (key, PendingLaunch(early.driver.chromium, user_data_dir, arguments))
    except Exception:  # the pool launches it when asked, and says what failed
        early.launch = None


def claim_launch(config: pytest.Config) -> tuple[BrowserKey, PendingLaunch] | None:
    """The launch sent ahead (see launch_ahead), once; the pool takes it."""
    early = config.stash.get(_EARLY, None)
    if early is None or early.launch is None:
        return None
    launch, early.launch = early.launch, None
    return launch


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
    if early.launch is not None:
        early.launch[1].discard()
        early.launch = None
    if early.playwright is not None:
        with contextlib.suppress(Exception):
            early.playwright.stop()
    if early.world is not None:
        early.world.stop()
    if early.mailpit is not None:
        early.mailpit.stop()


def pytest_unconfigure(config: pytest.Config) -> None:
    """Stop what no fixture claimed (no scenario was selected); the folder goes at the
    session's last clean-up, once the processes that claimed things stopped have ended."""
    early = config.stash.get(_EARLY, None)
    if early is not None:
        _stop(early)
