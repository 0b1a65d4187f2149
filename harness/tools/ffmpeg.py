"""The ffmpeg that Playwright records videos with (`--video`).

Playwright looks for its own ffmpeg build in its browser cache
(`ms-playwright/ffmpeg-REVISION/ffmpeg-linux`) and refuses `record_video_dir` without it.
Where Playwright's download is not reachable, Debian's `ffmpeg` package encodes the same
VP8 WebM from Chromium's JPEG frames; it is linked into the place Playwright looks, as
Debian's Chromium stands in for Playwright's Chromium.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import playwright

from harness.errors import HarnessSetupError

HELP = (
    "Videos (--video) need the ffmpeg Playwright records with. Options:\n"
    "  1. .venv/bin/python -m playwright install ffmpeg (Playwright's own build);\n"
    "  2. on Debian/Ubuntu as root, ./qa setup installs Debian's ffmpeg and links it\n"
    "     where Playwright looks for its own;\n"
    "  3. or record no video: --video off (the default)."
)


def _revision() -> str:
    """The ffmpeg revision the installed Playwright expects (its browsers.json)."""
    listing = Path(playwright.__file__).parent / "driver" / "package" / "browsers.json"
    for browser in json.loads(listing.read_text())["browsers"]:
        if browser["name"] == "ffmpeg":
            return str(browser["revision"])
    raise HarnessSetupError(f"{listing} names no ffmpeg; reinstall Playwright (./qa setup).")


def playwright_ffmpeg() -> Path:
    """Where Playwright looks for its ffmpeg (PLAYWRIGHT_BROWSERS_PATH respected)."""
    custom = os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
    root = Path(custom) if custom and custom != "0" else Path.home() / ".cache" / "ms-playwright"
    return root / f"ffmpeg-{_revision()}" / "ffmpeg-linux"


def _can_apt_install() -> bool:
    return shutil.which("apt-get") is not None and hasattr(os, "geteuid") and os.geteuid() == 0


def ensure_ffmpeg() -> str:
    """Playwright's ffmpeg, or Debian's linked in its place; what was found, in words."""
    target = playwright_ffmpeg()
    if target.exists():
        return str(target.resolve()) if target.is_symlink() else str(target)
    system = shutil.which("ffmpeg")
    if system is None and _can_apt_install():
        print("qa: installing Debian's ffmpeg (apt-get), for videos (--video)")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for command in (
            ["apt-get", "update", "-qq"],
            ["apt-get", "install", "-y", "-qq", "ffmpeg"],
        ):
            subprocess.run(command, env=env, capture_output=True, check=False)
        system = shutil.which("ffmpeg")
    if system is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        target.symlink_to(system)
        # Playwright's own mark of a finished install: without it, the next
        # `playwright install` removes the folder as unused and downloads again.
        (target.parent / "INSTALLATION_COMPLETE").touch()
        return f"{system} (linked where Playwright looks: {target})"
    done = subprocess.run(
        [sys.executable, "-m", "playwright", "install", "ffmpeg"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode == 0 and target.exists():
        return str(target)
    raise HarnessSetupError(f"No ffmpeg for videos: {done.stderr.strip()[-500:]}\n{HELP}")
