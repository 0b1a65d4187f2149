"""Finding (and on request installing) the Chromium that Playwright drives."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from harness.errors import HarnessSetupError

SYSTEM_CHROMIUM = Path("/usr/bin/chromium")

HELP = (
    "No Chromium found. Options, in the order the harness tries them:\n"
    "  1. set CHROMIUM_PATH=/path/to/chromium (or pass --chromium-path);\n"
    "  2. install Playwright's own build: .venv/bin/python -m playwright install chromium;\n"
    "  3. install Debian's package: apt-get install -y chromium (gives /usr/bin/chromium);\n"
    "  4. run ./qa setup, which does 3 for you on Debian/Ubuntu as root."
)


@dataclass(frozen=True)
class ChromiumInstall:
    """Where the browser is and how it was found."""

    path: str
    source: str


def _playwright_managed() -> str | None:
    """The newest Chromium that `playwright install` put in its cache, if any.

    Read from disk rather than asked of Playwright's driver: starting a second sync
    Playwright inside a running one fails, and the harness may be running one already.
    """
    custom = os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
    root = Path(custom) if custom and custom != "0" else Path.home() / ".cache" / "ms-playwright"
    candidates = sorted(
        root.glob("chromium-*/chrome-linux*/chrome"),
        key=lambda path: (
            int(path.parts[-3].removeprefix("chromium-") or 0)
            if path.parts[-3].removeprefix("chromium-").isdigit()
            else 0
        ),
    )
    return str(candidates[-1]) if candidates else None


def find_chromium(explicit: str | None = None) -> ChromiumInstall:
    """Return the browser to use, or raise with every option that would have worked."""
    if explicit:
        if not Path(explicit).exists():
            raise HarnessSetupError(
                f"The Chromium that CHROMIUM_PATH or --chromium-path names, {explicit}, "
                f"does not exist.\n{HELP}"
            )
        return ChromiumInstall(explicit, "configuration (CHROMIUM_PATH or --chromium-path)")
    managed = _playwright_managed()
    if managed:
        return ChromiumInstall(managed, "Playwright-managed browser")
    if SYSTEM_CHROMIUM.exists():
        return ChromiumInstall(str(SYSTEM_CHROMIUM), "Debian package (/usr/bin/chromium)")
    raise HarnessSetupError(HELP)


def _can_apt_install() -> bool:
    return shutil.which("apt-get") is not None and hasattr(os, "geteuid") and os.geteuid() == 0


def ensure_chromium(explicit: str | None = None, *, log: bool = True) -> ChromiumInstall:
    """Find Chromium; on Debian/Ubuntu as root install the distribution package if missing."""
    try:
        return find_chromium(explicit)
    except HarnessSetupError:
        if explicit or not _can_apt_install():
            raise
    if log:
        print("Chromium not found: installing Debian's package (apt-get install -y chromium)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise HarnessSetupError(
                f"'{' '.join(command)}' failed (exit {done.returncode}):\n"
                f"{done.stderr.strip()[-2000:]}\n{HELP}"
            )
    return find_chromium(None)
