"""Find or install the report's tools: the pinned Cucumber HTML formatter and actionlint."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from harness.config import PROJECT_ROOT
from harness.errors import HarnessSetupError
from harness.living_docs.render import FORMATTER, REPORT_TOOLS

ACTIONLINT_VERSION = "v1.7.12"
# Where the official Go tarball installs; not always on PATH in a CI shell.
GO_FALLBACK = Path("/usr/local/go/bin/go")
ACTIONLINT_MODULE = f"github.com/rhysd/actionlint/cmd/actionlint@{ACTIONLINT_VERSION}"


def _pinned_formatter() -> str:
    lock = json.loads((REPORT_TOOLS / "package-lock.json").read_text())
    return str(lock["packages"]["node_modules/@cucumber/html-formatter"]["version"])


def _installed_formatter() -> str | None:
    if not FORMATTER.exists():
        return None
    return str(json.loads(FORMATTER.read_text())["version"])


def _apt_install(package: str) -> None:
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return
    print(f"qa: installing {package} (apt-get)")
    subprocess.run(["apt-get", "update", "-qq"], check=False)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "install", "-y", "-qq", package], env=env, check=False)


def ensure_report_formatter() -> str:
    """`npm ci` in tools/report when the pinned @cucumber/html-formatter is not there."""
    pinned = _pinned_formatter()
    if _installed_formatter() == pinned and shutil.which("node"):
        return f"@cucumber/html-formatter {pinned}"
    if shutil.which("npm") is None:
        _apt_install("npm")
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        raise HarnessSetupError(
            "The HTML report's formatter (@cucumber/html-formatter) is installed with npm, and "
            "the tests run its own writer in Node.js: install them (Debian: apt-get install "
            "npm), then run ./qa setup again."
        )
    print(f"qa: installing @cucumber/html-formatter {pinned} (npm ci in {REPORT_TOOLS})")
    done = subprocess.run(
        [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=REPORT_TOOLS,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 or _installed_formatter() != pinned:
        raise HarnessSetupError(
            f"npm ci in {REPORT_TOOLS} failed (exit {done.returncode}):\n"
            f"{done.stderr.strip()[-1500:]}"
        )
    return f"@cucumber/html-formatter {pinned}"


def actionlint_path(tools_dir: Path = PROJECT_ROOT / ".tools") -> Path:
    return tools_dir / "bin" / "actionlint"


def ensure_actionlint(tools_dir: Path) -> Path:
    """actionlint checks the CI workflows; `go install` puts the pinned one in .tools/bin."""
    binary = actionlint_path(tools_dir)
    if binary.exists():
        return binary
    go = shutil.which("go") or (
        "/usr/local/go/bin/go" if Path("/usr/local/go/bin/go").exists() else None
    )
    if go is None:
        raise HarnessSetupError(
            f"actionlint (which checks .github/workflows) is missing and Go is not installed. "
            f"Install Go, then run ./qa setup (it runs: go install {ACTIONLINT_MODULE})."
        )
    print(f"qa: installing actionlint with: go install {ACTIONLINT_MODULE}")
    env = {**os.environ, "GOBIN": str(binary.parent), "CGO_ENABLED": "0"}
    done = subprocess.run(
        [go, "install", ACTIONLINT_MODULE], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0 or not binary.exists():
        raise HarnessSetupError(
            f"go install {ACTIONLINT_MODULE} failed (exit {done.returncode}):\n"
            f"{done.stderr.strip()[-1500:]}"
        )
    return binary
