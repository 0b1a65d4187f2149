"""The system under test for a worker: Mailpit, the stub world (or a real one) and its clients.

Which system comes from the environment profile (`--env NAME`, HARNESS_ENV): the embedded
stub world, a served one, or a remote environment. Against anything but the embedded
world, the controlling process checks the environment as `./qa doctor` does before any
scenario runs, and a remote environment skips the scenarios tagged as unsupported there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol, TypeVar

import pytest

from harness import doctor
from harness.clients.control import ControlClient
from harness.clients.identity import BankControl, RegisterControl
from harness.clients.inbox import MailpitClient
from harness.clients.send_caps import SendCapNote
from harness.clients.sms import SmsGatewayClient
from harness.config import HarnessConfig
from harness.env_profiles import STUB_ONLY
from harness.environment import Environment, StubWorldProcess, running_world
from harness.errors import HarnessSetupError
from harness.pytest import early_start
from harness.pytest.options import HELP_GROUPS, harness_settings
from harness.pytest.setup_errors import setup_errors
from harness.tools.mailpit import (
    MailpitEndpoints,
    MailpitProcess,
    external_endpoints,
    require_mailpit,
)


class _Closable(Protocol):
    def close(self) -> None: ...


C = TypeVar("C", bound=_Closable)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup(*HELP_GROUPS["environment"]).addoption(
        "--env",
        default=None,
        metavar="NAME",
        help="the environment to run against: environments/NAME.toml or a .toml path "
        "(HARNESS_ENV; default stub, the embedded stub world)",
    )


def pytest_sessionstart(session: pytest.Session) -> None:
    """Against a served or remote environment, check it before any scenario runs (in the
    controlling process only), and stop with doctor's own words if a part of it is wrong."""
    config = session.config
    if hasattr(config, "workerinput") or config.option.collectonly:
        return
    settings = harness_settings(config)
    if settings.target.kind == "stub":
        return
    # Issue 19: Chromium starts while the world is checked and pytest collects.
    early_start.start_served(config)
    try:
        environment = doctor.connect_remote(settings)
    except HarnessSetupError as exc:
        pytest.exit(str(exc), returncode=pytest.ExitCode.USAGE_ERROR)
    # The environment fixture uses what was checked.
    config.stash[early_start.CHECKED_ENVIRONMENT] = environment


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Scenarios with a tag the environment cannot run are skipped, saying why."""
    target = harness_settings(config).target
    for item in items:
        for tag in target.skipped_tags:
            if item.get_closest_marker(tag) is None:
                continue
            if tag == STUB_ONLY:
                reason = (
                    f"@{STUB_ONLY}: needs the stub world's control API, and environment "
                    f"{target.label} is remote (reached only through its pages, inbox and "
                    "public HTTP)"
                )
            else:
                reason = f"@{tag}: environment {target.label} lists it in tags.unsupported"
            item.add_marker(pytest.mark.skip(reason=reason))
            break


@pytest.fixture(scope="session")
def mailpit_process(
    harness_config: HarnessConfig,
    tmp_path_factory: pytest.TempPathFactory,
    pytestconfig: pytest.Config,
) -> Iterator[MailpitProcess | None]:
    """The Mailpit this worker started for its own stub world; None when the environment
    names its inbox (MAILPIT_URL, a served world's manifest, a remote environment's file)."""
    target = harness_config.target
    if target.kind != "stub" or target.inbox.api_url:
        yield None
        return
    # Issue 19: one launched at session start, if any (harness/pytest/early_start.py).
    process = early_start.claim_mailpit(pytestconfig)
    with setup_errors():
        if process is not None:
            process.wait_ready()
        else:
            binary = require_mailpit(harness_config.mailpit_bin, harness_config.tools_dir)
            process = MailpitProcess(binary, tmp_path_factory.mktemp("mailpit"))
            process.start()
    yield process
    # A fault scenario may have left it frozen; a frozen process ignores SIGTERM.
    process.resume()
    # It shuts down while the reports are written; the session's clean-up waits for it.
    process.begin_stop()
    pytestconfig.add_cleanup(process.stop)


@pytest.fixture(scope="session")
def environment(
    harness_config: HarnessConfig,
    mailpit_process: MailpitProcess | None,
    tmp_path_factory: pytest.TempPathFactory,
    pytestconfig: pytest.Config,
) -> Iterator[Environment]:
    """The system under test: the embedded stub world, a served one, or a remote one."""
    target = harness_config.target
    inbox = target.inbox
    if target.kind == "remote":
        with setup_errors():
            yield doctor.connect_remote(harness_config)
        return
    if target.kind == "served":
        assert target.manifest is not None
        checked = pytestconfig.stash.get(early_start.CHECKED_ENVIRONMENT, None)
        if checked is not None:  # checked at session start, moments ago
            yield checked
            return
        with setup_errors():
            env = running_world(Path(target.manifest), doctor.served_inbox(target))
        yield env
        return
    # Issue 19: the world launched at session start, booting while pytest collected.
    early = early_start.claim_world(pytestconfig)
    with setup_errors():
        if early is not None:
            world = early
            env = world.wait_ready()
            # Chromium starts while the first steps run.
            early_start.launch_ahead(pytestconfig, env)
        else:
            if mailpit_process is not None:
                assert mailpit_process.endpoints is not None
                endpoints = mailpit_process.endpoints
            else:
                assert inbox.api_url is not None
                endpoints = external_endpoints(inbox.api_url, inbox.smtp)
            timeout_s = harness_config.world_start_timeout_s
            world = StubWorldProcess(
                tmp_path_factory.mktemp("world"), endpoints, timeout_s=timeout_s
            )
            env = world.start()
    yield env
    # It shuts down while the reports are written; the session's clean-up waits for it.
    world.begin_stop()
    pytestconfig.add_cleanup(world.stop)


@pytest.fixture(scope="session")
def mailpit_endpoints(environment: Environment) -> MailpitEndpoints:
    """The inbox of the environment under test."""
    return environment.mailpit


@pytest.fixture(scope="session")
def inbox(environment: Environment, harness_config: HarnessConfig) -> Iterator[MailpitClient]:
    with setup_errors():
        try:
            auth = harness_config.target.inbox.auth()
        except ValueError as exc:
            raise HarnessSetupError(str(exc)) from exc
    # A stub world's sign-in service can say why a code mail never came (its send caps).
    control = (
        ControlClient(environment.signin, environment.verify())
        if environment.signin.control_url
        else None
    )
    client = MailpitClient(
        environment.mailpit.api_url,
        timeout_s=harness_config.email_timeout_s,
        auth=auth,
        explain_missing=SendCapNote(control) if control is not None else None,
    )
    yield client
    client.close()
    if control is not None:
        control.close()


@pytest.fixture(scope="session")
def signin_control(environment: Environment) -> Iterator[ControlClient]:
    """The sign-in service's control API: its clock and its published terms (stub world only)."""
    if not environment.has_control:
        pytest.skip("needs the stub world's control API; this run targets a real environment")
    client = ControlClient(environment.signin, environment.verify())
    yield client
    client.close()


def _site_client(environment: Environment, name: str, make: Callable[[], C]) -> Iterator[C]:
    """A client of a site of the identity flows, closed at the end; a skip without the site."""
    if not environment.has_site(name):
        pytest.skip(f"needs the {name!r} site of the identity flows, which this environment lacks")
    client = make()
    yield client
    client.close()


@pytest.fixture(scope="session")
def sms_gateway(
    environment: Environment, harness_config: HarnessConfig
) -> Iterator[SmsGatewayClient]:
    timeout_s = harness_config.email_timeout_s
    yield from _site_client(
        environment, "sms", lambda: SmsGatewayClient(environment, timeout_s=timeout_s)
    )


@pytest.fixture(scope="session")
def bank_control(environment: Environment) -> Iterator[BankControl]:
    yield from _site_client(environment, "bank", lambda: BankControl(environment))


@pytest.fixture(scope="session")
def register_control(environment: Environment) -> Iterator[RegisterControl]:
    yield from _site_client(environment, "register", lambda: RegisterControl(environment))
