"""One stub world and Mailpit shared by every run of a benchmark, started and stopped once."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from harness.cli import test_environment
from harness.config import HarnessConfig
from harness.environment import Environment, StubWorldProcess
from harness.errors import HarnessSetupError
from harness.tools.mailpit import MailpitProcess, find_mailpit


@dataclass(frozen=True)
class SharedWorld:
    """The running world, a scratch folder, and the environment a run needs to use it."""

    work: Path
    environment: Environment
    env: dict[str, str]
    # The world's and Mailpit's processes: a run's quiet check counts their CPU apart.
    pids: tuple[int, ...] = ()


@contextmanager
def shared_world() -> Iterator[SharedWorld]:
    config = HarnessConfig.from_env()
    binary = find_mailpit(config.mailpit_bin, config.tools_dir)
    if binary is None:
        raise HarnessSetupError("Mailpit is not installed: run ./qa setup")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        mailpit = MailpitProcess(binary, work / "mailpit")
        endpoints = mailpit.start()
        world = StubWorldProcess(work / "world", endpoints)
        try:
            environment = world.start()
            # What ./qa gives a test run (bytecode caches allowed), pointed at this world.
            env = {
                **test_environment(),
                "MAILPIT_URL": endpoints.api_url,
                "MAILPIT_SMTP": f"{endpoints.smtp_host}:{endpoints.smtp_port}",
                "SLOGIN_WORLD_MANIFEST": str(world.manifest_path),
                "HARNESS_REPORTS_DIR": str(work / "reports"),
            }
            pids = tuple(pid for pid in (world.pid, mailpit.pid) if pid is not None)
            yield SharedWorld(work, environment, env, pids)
        finally:
            world.stop()
            mailpit.stop()
