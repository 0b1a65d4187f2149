"""Pinned fonts: every browser the harness starts draws text with Debian's DejaVu fonts.

Chromium on Linux finds fonts through fontconfig, which reads the file FONTCONFIG_FILE
names. The harness's file (fonts.conf beside this module) lists only the folder of the
Debian package `fonts-dejavu-core` and fixes antialiasing and hinting, so a page looks
the same on every machine of this kind whatever other fonts it has. `./qa setup`
installs the package (harness/tools/fonts.py).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = "fonts-dejavu-core"
FONTS_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS_CONF = Path(__file__).with_name("fonts.conf")
# The faces the stub world's stylesheets end up with (sans-serif, system-ui, monospace).
NEEDED = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf")


def missing_fonts() -> list[str]:
    """The pinned font files this machine lacks (none once `./qa setup` has run)."""
    return [name for name in NEEDED if not (FONTS_DIR / name).is_file()]


def pin_fonts(environ: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    """Point fontconfig (and so every browser started from this process) at the pinned
    fonts; False, changing nothing, when they are not installed."""
    if missing_fonts():
        return False
    environ["FONTCONFIG_FILE"] = str(FONTS_CONF)
    return True


def unpinned_message() -> str:
    return (
        f"The pinned fonts are not installed ({', '.join(missing_fonts())} missing from "
        f"{FONTS_DIR}), so pictures would not be comparable: run ./qa setup (it installs "
        f"Debian's {PACKAGE}), or turn the comparison off with --visual off."
    )
