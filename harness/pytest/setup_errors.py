"""Set-up problems fail a test with the harness's own explanation, not a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from harness.errors import HarnessSetupError


@contextmanager
def setup_errors() -> Iterator[None]:
    """Turn a HarnessSetupError into a failure that shows only what is wrong and what to do."""
    try:
        yield
    except HarnessSetupError as exc:
        raise pytest.fail.Exception(f"Harness set-up problem:\n{exc}", pytrace=False) from exc
