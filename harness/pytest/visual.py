"""Look checks (`--visual off|compare|update`, HARNESS_VISUAL): the run's mode, the
`visual` fixture the look step uses, and fonts pinned for every browser the run starts.

The default is `compare`: a comparison costs only where a scenario asks for one (the look
step), so a run without look steps pays nothing (README, "How pages look").
"""

from __future__ import annotations

import os
import shutil
from typing import cast

import pytest

from harness.pytest.options import HELP_GROUPS, harness_settings
from harness.setting_values import VISUAL_MODES, visual_mode
from harness.visual.check import VisualCheck, VisualMode
from harness.visual.fonts import pin_fonts

DEFAULT: VisualMode = "compare"
_CHECK = pytest.StashKey[VisualCheck]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup(*HELP_GROUPS["reports"]).addoption(
        "--visual",
        choices=VISUAL_MODES,
        default=None,
        help="look steps (HARNESS_VISUAL): compare each key page with its approved picture "
        "in features/__screenshots__ (compare, the default), make this run's pictures the "
        "approved ones (update), or skip them (off); ./qa approve accepts a reviewed run",
    )


@pytest.hookimpl(trylast=True)  # after options.py has read the run's settings
def pytest_configure(config: pytest.Config) -> None:
    given = config.getoption("visual", default=None)
    try:
        mode = given or visual_mode("HARNESS_VISUAL", os.environ.get("HARNESS_VISUAL") or DEFAULT)
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from exc
    out_dir = harness_settings(config).reports_dir / "visual"
    if not config.option.collectonly and "PYTEST_XDIST_WORKER" not in os.environ:
        # A new run's pictures only: ./qa approve must never take an older run's. The
        # folder itself is made by the first comparison, so a run without one writes none.
        shutil.rmtree(out_dir, ignore_errors=True)
    # Every browser of the run draws with the pinned fonts, when they are installed;
    # a look step without them fails saying so.
    pin_fonts()
    config.stash[_CHECK] = VisualCheck(cast(VisualMode, mode), out_dir)


def visual_check(config: pytest.Config) -> VisualCheck:
    """The run's look checks, as pytest_configure set them up."""
    return config.stash[_CHECK]


@pytest.fixture(scope="session")
def visual(pytestconfig: pytest.Config) -> VisualCheck:
    """The run's look checks (mode, approved pictures, this run's pictures)."""
    return visual_check(pytestconfig)
