"""The cookie features on a real hub and two nodes: the matrix (all five settings), the
AUTH-4376 feature and the browser restart of C20, with the node of every browser in the
report."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from harness.config import PROJECT_ROOT
from harness.grid.local import GridState


def test_the_cookie_features_pass_on_the_grid_and_the_report_names_each_node(
    local_grid: GridState, tmp_path: Path
) -> None:
    env = {**os.environ, "HARNESS_GRID_URL": local_grid.url, "HARNESS_REPORTS_DIR": str(tmp_path)}
    env.pop("PYTEST_XDIST_WORKER", None)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/bdd", "--feature-path", "features/cookies",
         "-p", "no:cacheprovider", "-p", "no:randomly", "-q", "-n", "0"],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    passed = re.search(r"(\d+) passed", done.stdout)
    # 5 matrix rows, 8 AUTH-4376 scenarios, 2 of the restart feature.
    assert passed is not None, done.stdout[-2000:]
    assert int(passed.group(1)) == 15, done.stdout[-2000:]
    messages = (tmp_path / "cucumber-messages.ndjson").read_text()
    browsers = set(re.findall(r"'s browser: ([^\"]+)", messages))
    policies = {"allow", "block-all", "block-signin-site", "block-third-party", "session-only"}
    seen = {b.split(" / cookies: ")[1].split(" / ")[0] for b in browsers}
    assert policies <= seen, f"policies on the Grid: {seen}"
    assert all(" / Grid node: node-" in b for b in browsers), browsers
    nodes = {b.rsplit("Grid node: ", 1)[1] for b in browsers}
    assert nodes == {"node-a", "node-b"}, f"the run's browsers ran on {nodes} only"
