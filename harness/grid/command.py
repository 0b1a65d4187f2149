"""`./qa grid start|stop|status`: a Selenium Grid (hub + N nodes) on this machine."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from harness.config import HarnessConfig
from harness.errors import HarnessSetupError
from harness.grid.client import GridClient
from harness.grid.install import GRID_VERSION, ensure_grid_tools
from harness.grid.local import (
    DEFAULT_MAX_SESSIONS,
    DEFAULT_NODES,
    DEFAULT_PORT,
    LocalGrid,
)


def run_dir(config: HarnessConfig) -> LocalGrid:
    """The project's one local Grid, recorded under .tools/grid-run/."""
    return LocalGrid(config.tools_dir / "grid-run")


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="./qa grid", description=__doc__)
    actions = parser.add_subparsers(dest="action", required=True)
    start = actions.add_parser("start", help="start a hub and N nodes on 127.0.0.1")
    start.add_argument("--nodes", type=int, default=DEFAULT_NODES, help="nodes (default 2)")
    start.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help="the hub's port (default 4444; the event bus takes PORT-2 and PORT-1, the nodes "
        "PORT+1111 onwards; 0 for free ports)",
    )
    start.add_argument(
        "--max-sessions",
        type=int,
        default=DEFAULT_MAX_SESSIONS,
        help=f"browsers per node at once (default {DEFAULT_MAX_SESSIONS})",
    )
    actions.add_parser("stop", help="stop the hub and nodes `start` started")
    actions.add_parser("status", help="the Grid's URL, nodes and sessions")
    return parser.parse_args(list(argv))


def main(argv: Sequence[str], config: HarnessConfig) -> int:
    args = parse(argv)
    grid = run_dir(config)
    if args.action == "start":
        tools = ensure_grid_tools(config.tools_dir, config.chromium_path)
        print(f"qa: Selenium Grid {GRID_VERSION}, Chromium {tools.version} ({tools.chromium}), "
              f"chromedriver {tools.chromedriver}")  # fmt: skip
        state = grid.start(tools, nodes=args.nodes, port=args.port, max_sessions=args.max_sessions)
        print(f"qa: Grid ready at {state.url}: hub and {', '.join(state.node_labels)}")
        print(f"qa: run the suite on it with `./qa bdd --grid {state.url}`; stop it with "
              "`./qa grid stop`")  # fmt: skip
        return 0
    if args.action == "stop":
        stopped = grid.stop()
        if not stopped:
            print("qa: no Grid started by `./qa grid start` is running; nothing to stop")
        else:
            print(f"qa: stopped {', '.join(f'{p.label} (pid {p.pid})' for p in stopped)}")
        return 0
    return status(grid)


def status(grid: LocalGrid) -> int:
    state = grid.state()
    if state is None:
        print("qa: no Grid started by `./qa grid start` (start one with `./qa grid start`)")
        return 1
    client = GridClient(state.url)
    try:
        nodes = client.nodes()
    except HarnessSetupError as exc:
        print(f"qa: the Grid recorded in {grid.state_path} does not answer: {exc}\n"
              "qa: `./qa grid stop` ends what is left of it; then `./qa grid start`.")  # fmt: skip
        return 1
    finally:
        client.close()
    print(f"qa: Grid at {state.url}")
    for node in nodes:
        state_word = "up" if node.up else "DOWN"
        print(f"  {node.name:<8} {node.uri}  {state_word}, "
              f"{len(node.sessions)} of {node.slots} slots in use")  # fmt: skip
    missing = sorted(set(state.node_labels) - {n.name for n in nodes})
    if missing:
        print(f"qa: not registered: {', '.join(missing)} (logs in {grid.run_dir})")
        return 1
    return 0
