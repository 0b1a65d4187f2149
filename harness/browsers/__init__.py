"""Browsers for scenarios: the worker's pool, one scenario's lifecycle, traces and clean-up."""

from __future__ import annotations

from harness.browsers.changes import PageState, page_state
from harness.browsers.lifecycle import ScenarioBrowsers
from harness.browsers.pool import (
    BASE_ARGS,
    TUNING_ARGS,
    BrowserKey,
    BrowserOptions,
    BrowserPool,
    PooledBrowser,
)

__all__ = [
    "BASE_ARGS",
    "TUNING_ARGS",
    "BrowserKey",
    "BrowserOptions",
    "BrowserPool",
    "PageState",
    "PooledBrowser",
    "ScenarioBrowsers",
    "page_state",
]
