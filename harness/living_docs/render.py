"""Render Cucumber Messages into the HTML report with the pinned @cucumber/html-formatter."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from harness.config import PROJECT_ROOT
from harness.errors import HarnessSetupError

REPORT_TOOLS = PROJECT_ROOT / "tools" / "report"
RENDER_SCRIPT = REPORT_TOOLS / "render.mjs"
FORMATTER = REPORT_TOOLS / "node_modules" / "@cucumber" / "html-formatter" / "package.json"


def missing_tools() -> str | None:
    """Why the HTML report cannot be rendered here, or None when it can."""
    if shutil.which("node") is None:
        return "Node.js is not installed (needed for the HTML report): run ./qa setup."
    if not FORMATTER.exists():
        return f"@cucumber/html-formatter is not installed in {REPORT_TOOLS}: run ./qa setup."
    return None


def render_html(ndjson: Path, html: Path, *, timeout_s: float = 120.0) -> Path:
    problem = missing_tools()
    if problem:
        raise HarnessSetupError(problem)
    node = shutil.which("node") or "node"
    done = subprocess.run(
        [node, str(RENDER_SCRIPT), str(html), str(ndjson)],
        cwd=REPORT_TOOLS,
        capture_output=True,
        text=True,
        timeout=timeout_s,
        check=False,
    )
    if done.returncode != 0:
        raise HarnessSetupError(
            f"Rendering {html.name} from {ndjson} failed (exit {done.returncode}):\n"
            f"{done.stderr.strip()[-2000:]}"
        )
    return html
