"""Fixtures for the harness's own tests: a real Mailpit for this worker."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from harness.config import HarnessConfig
from harness.tools.mailpit import MailpitEndpoints, MailpitProcess, find_mailpit


@pytest.fixture(scope="session")
def own_mailpit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MailpitEndpoints]:
    config = HarnessConfig.from_env()
    binary = find_mailpit(config.mailpit_bin, config.tools_dir)
    assert binary, "Mailpit is not installed: run ./qa setup"
    process = MailpitProcess(binary, tmp_path_factory.mktemp("own-mailpit"))
    yield process.start()
    process.stop()
