"""What a scenario's browsers record, with pytest-playwright's names and meanings:
Playwright traces (`--tracing`), videos (`--video`) and screenshots (`--screenshot`).

A pooled browser keeps one trace running across scenarios and cuts it into one chunk a
scenario; the chunk is kept or dropped when the scenario ends. Within a chunk every
Gherkin step is a group, so the trace viewer reads like the feature.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from playwright.sync_api import BrowserContext, Error

from harness.config import TracingMode

VideoMode = Literal["off", "on", "retain-on-failure"]
ScreenshotMode = Literal["off", "on", "only-on-failure"]
VIDEO_MODES: tuple[VideoMode, ...] = get_args(VideoMode)
SCREENSHOT_MODES: tuple[ScreenshotMode, ...] = get_args(ScreenshotMode)

# Modes that trace every scenario from launch; "on-first-retry" traces only the first
# retry of a scenario, as Playwright's recommended CI setting does.
ALWAYS_TRACING: frozenset[TracingMode] = frozenset({"on", "retain-on-failure"})


def checked(option: str, value: str, accepted: tuple[str, ...]) -> str:
    """`value` if it is one of `accepted`; otherwise a ValueError that lists them."""
    if value not in accepted:
        raise ValueError(
            f"{option}={value!r} is not a valid value. Accepted: {', '.join(accepted)}."
        )
    return value


@dataclass(frozen=True)
class Recording:
    """What to record of a scenario and what to keep, by pytest-playwright's modes."""

    tracing: TracingMode = "retain-on-failure"
    video: VideoMode = "off"
    screenshot: ScreenshotMode = "only-on-failure"
    # DOM snapshots in traces (--trace-snapshots); None: by trace_snapshots()'s rule.
    snapshots: bool | None = None

    def trace_snapshots(self, *, step_screenshots: bool) -> bool:
        """Whether traces hold DOM snapshots (the page before and after every action) and,
        with them, the network: Playwright records the network only along with DOM
        snapshots. Unless set, not under retain-on-failure while the report has a picture
        of every step: a scenario is then traced only in case it fails, snapshots and
        network were most of what tracing cost every passing scenario (README,
        "Performance"), and the step pictures, the failure screenshot and the page view
        show the pages. Such a trace still holds every action with its call log and error,
        grouped by step, and the console."""
        if self.snapshots is not None:
            return self.snapshots
        return not (self.tracing == "retain-on-failure" and step_screenshots)

    def traces(self, attempt: int) -> bool:
        """Whether attempt `attempt` (0 = first run) of a scenario is traced."""
        if self.tracing == "on-first-retry":
            return attempt == 1
        return self.tracing in ALWAYS_TRACING

    def keeps_trace(self, *, failed: bool) -> bool:
        """A traced attempt's trace is kept: always, except a pass under retain-on-failure."""
        return self.tracing != "off" and (failed or self.tracing != "retain-on-failure")

    def keeps_video(self, *, failed: bool) -> bool:
        return self.video == "on" or (self.video == "retain-on-failure" and failed)

    def keeps_screenshot(self, *, failed: bool) -> bool:
        return self.screenshot == "on" or (self.screenshot == "only-on-failure" and failed)


@dataclass
class Tracing:
    """The trace of one browser context: running for every scenario, or for one only."""

    context: BrowserContext
    # DOM snapshots of the page before and after every action (Recording.trace_snapshots).
    snapshots: bool = True
    running: bool = False
    # Started for one scenario only (a first retry under "on-first-retry"): stopped after it.
    once: bool = False
    # A chunk is being recorded for the scenario that holds this browser.
    in_chunk: bool = False
    # The Gherkin step whose group is open in this trace, if any.
    group: str | None = None

    def start(self, *, once: bool = False) -> None:
        # The screencast (screenshots=True) would add a film strip at about twice the cost
        # of a whole scenario (README, "Performance"); the failure screenshot is taken anyway.
        self.context.tracing.start(screenshots=False, snapshots=self.snapshots)
        self.running, self.once = True, once

    def start_for_mode(self, mode: TracingMode) -> None:
        """At launch: trace from the start when the mode records every scenario."""
        if mode in ALWAYS_TRACING:
            self.start()

    def begin_scenario(self, title: str, *, trace: bool, step: str | None = None) -> None:
        """A new chunk for this scenario when it is traced; `step` is the Gherkin step
        running now, when a browser is first used in the middle of the scenario."""
        if trace and not self.running:
            self.start(once=True)
        if trace and self.running:
            self.context.tracing.start_chunk(title=title)
            self.in_chunk = True
            if step is not None:
                self.begin_step(step)

    def begin_step(self, step: str) -> None:
        """Group the actions that follow under this Gherkin step."""
        if self.in_chunk:
            self.end_step()
            self.context.tracing.group(step)
            self.group = step

    def end_step(self) -> None:
        if self.in_chunk and self.group is not None:
            self.group = None
            self.context.tracing.group_end()

    def pause(self) -> None:
        """End the chunk without keeping it, before the context goes away (a restart)."""
        if self.in_chunk:
            self.group = None
            self.in_chunk = False
            self.context.tracing.stop_chunk()

    def end_scenario(self, keep_as: Path | None) -> Path | None:
        """End the scenario's chunk, saved to `keep_as` when given; the saved file or None."""
        if not self.in_chunk:
            return None
        self.in_chunk, self.group = False, None
        if keep_as is not None:
            keep_as.parent.mkdir(parents=True, exist_ok=True)
            self.context.tracing.stop_chunk(path=str(keep_as))
        else:
            self.context.tracing.stop_chunk()
        if self.once:
            self.running = self.once = False
            with contextlib.suppress(Error):
                self.context.tracing.stop()
        return keep_as
