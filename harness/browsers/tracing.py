"""Playwright traces of a pooled browser: one chunk a scenario, kept when it failed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import BrowserContext

from harness.config import TracingMode

# Modes that trace every scenario from launch; "on-first-retry" traces only reruns, as
# Playwright's own recommended CI setting does, because a trace costs ~0.4 s a scenario.
ALWAYS_TRACING: frozenset[TracingMode] = frozenset({"on", "retain-on-failure"})


@dataclass
class Tracing:
    """The trace of one browser context: running for every scenario, or for one only."""

    context: BrowserContext
    running: bool = False
    # Started for one scenario only (a rerun under "on-first-retry"): stopped after it.
    once: bool = False

    def start(self, *, once: bool = False) -> None:
        self.context.tracing.start(screenshots=True, snapshots=True)
        self.running, self.once = True, once

    def start_for_mode(self, mode: TracingMode) -> None:
        """At launch: trace from the start when the mode records every scenario."""
        if mode in ALWAYS_TRACING:
            self.start()

    def begin_scenario(self, title: str, *, retry_trace: bool) -> None:
        """A new chunk for this scenario; a first retry traces even where the mode does not."""
        if retry_trace and not self.running:
            self.start(once=True)
        if self.running:
            self.context.tracing.start_chunk(title=title)

    def pause(self) -> None:
        """End the chunk without keeping it, before the context goes away (a restart)."""
        if self.running:
            self.context.tracing.stop_chunk()

    def end_scenario(self, keep_as: Path | None) -> Path | None:
        """End the scenario's chunk, saved to `keep_as` when given; the saved file or None."""
        if not self.running:
            return None
        if keep_as is not None:
            keep_as.parent.mkdir(parents=True, exist_ok=True)
            self.context.tracing.stop_chunk(path=str(keep_as))
        else:
            self.context.tracing.stop_chunk()
        if self.once:
            self.context.tracing.stop()
            self.running = self.once = False
        return keep_as
