"""Fixtures for the harness's own tests: a real Mailpit for this worker."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from harness.config import HarnessConfig
from harness.tools.mailpit import MailpitEndpoints, harness_mailpit


@pytest.fixture(scope="session")
def own_mailpit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MailpitEndpoints]:
    config = HarnessConfig.from_env()
    workdir = tmp_path_factory.mktemp("own-mailpit")
    with harness_mailpit(config.mailpit_bin, config.tools_dir, workdir) as endpoints:
        yield endpoints
