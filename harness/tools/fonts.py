"""The fonts approved pictures are drawn with: Debian's fonts-dejavu-core (harness/visual)."""

from __future__ import annotations

import os
import shutil
import subprocess

from harness.visual.fonts import FONTS_DIR, PACKAGE, missing_fonts


def _installed_version() -> str:
    done = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", PACKAGE],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() if done.returncode == 0 else "version unknown"


def ensure_fonts() -> str:
    """The pinned fonts, installed with apt-get when missing (Debian/Ubuntu, as root);
    what was found, in words. Never fails the set-up: only look steps need the fonts,
    and without them each fails saying to run ./qa setup (or --visual off)."""
    if missing_fonts() and shutil.which("apt-get") and os.geteuid() == 0:
        print(f"qa: installing Debian's {PACKAGE} (apt-get), the fonts of approved pictures")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for command in (
            ["apt-get", "update", "-qq"],
            ["apt-get", "install", "-y", "-qq", PACKAGE],
        ):
            subprocess.run(command, env=env, capture_output=True, check=False)
    missing = missing_fonts()
    if missing:
        return f"missing ({', '.join(missing)}): install {PACKAGE}; look steps fail without it"
    version = _installed_version() if shutil.which("dpkg-query") else "version unknown"
    return f"{PACKAGE} {version} in {FONTS_DIR}"
