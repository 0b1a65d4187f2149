"""Whether a headed browser can open here: asked by ./qa before pytest starts (which then
runs it under xvfb-run) and by the plugin; light, so ./qa need not import pytest for it."""

from __future__ import annotations

import os
import shutil


def display_problem(headed: bool, environ: dict[str, str] | None = None) -> str | None:
    """Why a headed browser cannot open here (None when it can or is not asked for)."""
    environ = dict(os.environ) if environ is None else environ
    debug = environ.get("PWDEBUG", "") not in ("", "0")
    if not (headed or debug) or environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    asked = "--headed" if headed else f"PWDEBUG={environ['PWDEBUG']}"
    way_out = (
        "run it as `xvfb-run -a .venv/bin/pytest …` or through ./qa, which does"
        if shutil.which("xvfb-run")
        else "./qa setup installs xvfb-run (Debian), with which ./qa runs headed browsers"
    )
    return f"{asked} needs a display and none is set (DISPLAY is empty): {way_out}."
