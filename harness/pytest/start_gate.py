"""Holds a run that ./qa started early until ./qa's dry run has passed (issue 19).

./qa bdd and ./qa test start pytest at once and run their dry run while pytest imports its
plugins and step modules. pytest waits here, before any plugin is configured (no report is
moved or written, no world or browser started), until ./qa writes "go" to the pipe it
named; if the dry run found problems (or set-up failed) ./qa closes the pipe instead and
the run stops.
"""

from __future__ import annotations

import os

import pytest

# The variable naming the pipe's file descriptor (harness/cli.py sets it).
GATE_VARIABLE = "HARNESS_START_GATE"


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    # Taken out of the environment: pytest-xdist's workers, started later, are not held.
    gate = os.environ.pop(GATE_VARIABLE, None)
    if gate is None:
        return
    with os.fdopen(int(gate), "rb") as pipe:
        answer = pipe.read()
    if answer != b"go":
        pytest.exit(
            "./qa held this run back (its dry run or set-up failed, above): nothing ran",
            returncode=1,
        )
