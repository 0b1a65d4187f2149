"""The system under test for a worker: Mailpit, the stub world (or a real one) and its clients."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol, TypeVar

import pytest

from harness.clients.control import ControlClient
from harness.clients.identity import BankControl, RegisterControl
from harness.clients.inbox import MailpitClient
from harness.clients.sms import SmsGatewayClient
from harness.config import HarnessConfig
from harness.environment import (
    Environment,
    StubWorldProcess,
    external_environment,
    running_world,
)
from harness.pytest import early_start
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


@pytest.fixture(scope="session")
def mailpit_process(
    harness_config: HarnessConfig,
    tmp_path_factory: pytest.TempPathFactory,
    pytestconfig: pytest.Config,
) -> Iterator[MailpitProcess | None]:
    """The Mailpit this worker started, or None when the configuration names one."""
    if harness_config.mailpit_url:
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
    process.stop()


@pytest.fixture(scope="session")
def mailpit_endpoints(
    harness_config: HarnessConfig, mailpit_process: MailpitProcess | None
) -> MailpitEndpoints:
    """The inbox: a configured Mailpit, or the one started for this worker on free ports."""
    if mailpit_process is None:
        assert harness_config.mailpit_url is not None
        with setup_errors():
            return external_endpoints(harness_config.mailpit_url, harness_config.mailpit_smtp)
    assert mailpit_process.endpoints is not None
    return mailpit_process.endpoints


@pytest.fixture(scope="session")
def environment(
    harness_config: HarnessConfig,
    mailpit_endpoints: MailpitEndpoints,
    tmp_path_factory: pytest.TempPathFactory,
    pytestconfig: pytest.Config,
) -> Iterator[Environment]:
    """The system under test: the embedded stub world, or the configured real one."""
    if harness_config.external is not None:
        yield external_environment(harness_config.external, mailpit_endpoints)
        return
    if harness_config.world_manifest:
        with setup_errors():
            env = running_world(Path(harness_config.world_manifest), mailpit_endpoints)
        yield env
        return
    # Issue 19: the world launched at session start, booting while pytest collected.
    early = early_start.claim_world(pytestconfig)
    world = early or StubWorldProcess(tmp_path_factory.mktemp("world"), mailpit_endpoints)
    with setup_errors():
        env = world.wait_ready() if early is not None else world.start()
    yield env
    world.stop()


@pytest.fixture(scope="session")
def inbox(environment: Environment, harness_config: HarnessConfig) -> Iterator[MailpitClient]:
    client = MailpitClient(environment.mailpit.api_url, timeout_s=harness_config.email_timeout_s)
    yield client
    client.close()


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
