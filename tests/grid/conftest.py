"""A real Selenium Grid for the Grid tests: a hub and two nodes on loopback, started once
per test session with free ports, and proven gone afterwards."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from harness.config import HarnessConfig
from harness.grid.install import GridTools, ensure_grid_tools
from harness.grid.local import GridState, LocalGrid, group_members


@pytest.fixture(scope="session")
def grid_tools() -> GridTools:
    """Java, the pinned Grid (fetched by ./qa setup), Chromium and its chromedriver."""
    config = HarnessConfig.from_env()
    return ensure_grid_tools(config.tools_dir, config.chromium_path)


@pytest.fixture(scope="session")
def local_grid(
    grid_tools: GridTools, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GridState]:
    grid = LocalGrid(tmp_path_factory.mktemp("grid"))
    state = grid.start(grid_tools, nodes=2, port=0, end_with_us=True)
    yield state
    grid.stop()
    # Nothing of the Grid may outlive the tests: no hub, no node, no chromedriver or
    # Chromium a node started (each process leads a group holding its children).
    left = {p.label: group_members(p.pid) for p in state.processes if group_members(p.pid)}
    assert not left, f"Grid processes left running after stop: {left}"
