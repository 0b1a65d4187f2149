"""Calls sent to Playwright's driver without waiting for each (issue 19): a browser launch
that runs while pytest collects, and commands sent together and waited for once.

Launching a persistent Chromium profile takes ~0.6 s, almost all of it in Chromium and
Playwright's driver, not in Python. Playwright's sync API waits for every call to finish,
so the harness used to launch the first browser only when the first scenario asked for
it, after collection and the first steps. Here the launch request goes to the driver at
once, and Python goes on (collecting, making personas) while Chromium starts; the first
scenario that asks for that profile takes the launched context (`result()`), waiting only
for what is left of the launch.

`together()` sends several calls at once and waits for them all: the clean-up between
scenarios sends its commands (clear this origin, that origin, the history, the cache, the
cookies, the permissions, the tab's routes) in one go, where the sync API would wait for
each answer before sending the next.

This uses two of Playwright's private parts, both tied to the Playwright version in
requirements.lock and covered by tests/harness/test_pending_launch.py: a sync API object's
`_sync` (which runs a call's coroutine to its end) and its event loop `_loop`, and the
mapping from the driver's objects to the sync API's.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

from playwright._impl._sync_base import mapping
from playwright.sync_api import BrowserContext, BrowserType, Error

from harness.waiting import loop_turns

# What the captured call returns instead of a context: never used, only not falsy (the
# sync API checks what a call returns before wrapping it).
_SENT = object()


def _captured(
    owner: Any, calls: Sequence[Callable[[], object]], others: Sequence[Any] = ()
) -> list[Awaitable[Any]]:
    """The coroutines of `calls` (calls of the sync API object `owner`, or of `others`), not
    yet run: the sync method builds a call's coroutine and hands it to its object's
    `_sync`, which would run it to the end; this keeps it instead."""
    captured: list[Awaitable[Any]] = []

    def capture(awaitable: Awaitable[Any]) -> object:
        captured.append(awaitable)
        return _SENT

    owners = list({id(o): o for o in (owner, *others)}.values())
    for one in owners:
        one._sync = capture
    try:
        for call in calls:
            call()
    finally:
        for one in owners:
            del one._sync
    return captured


def together(
    owner: Any, calls: Sequence[Callable[[], object]], *, others: Sequence[Any] = ()
) -> list[Any]:
    """Run `calls` (calls of the sync API object `owner`, e.g. a CDP session's `send`, or
    of the objects in `others`) with one wait: every request goes to the driver in order,
    before any answer is awaited. Returns their results in order; raises the first error
    once all have ended."""
    captured = _captured(owner, calls, others)

    async def all_ended() -> list[Any]:
        return await asyncio.gather(*captured, return_exceptions=True)

    results: list[Any] = owner._sync(all_ended())
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results


def start_call(owner: Any, call: Callable[[], object]) -> asyncio.Future[Any]:
    """Send `call()`, a call of the sync API object `owner` (e.g. a browser type's
    `launch_persistent_context`), to the driver, and return at once with its task instead
    of its result.

    The call's coroutine runs as a task. A few turns of the loop write the request to the
    driver; the driver (and Chromium) then work on their own until a later call runs the
    loop again.
    """
    task = asyncio.ensure_future(_captured(owner, [call])[0], loop=owner._loop)
    # A task nobody awaits must still have its exception read, or asyncio logs it.
    task.add_done_callback(lambda done: done.cancelled() or done.exception())
    owner._sync(loop_turns(3))
    return task


class PendingLaunch:
    """`browser_type.launch_persistent_context(user_data_dir, **arguments)`, in flight."""

    def __init__(self, browser_type: BrowserType, user_data_dir: Path, arguments: dict[str, Any]):
        self.user_data_dir = user_data_dir
        self.arguments = dict(arguments)
        self._browser_type = browser_type
        self._task = start_call(
            browser_type,
            lambda: browser_type.launch_persistent_context(str(user_data_dir), **arguments),
        )

    def result(self) -> BrowserContext:
        """The launched context (waiting for the rest of the launch); raises what the launch
        raised, as launch_persistent_context would have."""
        task = self._task

        async def launched() -> Any:
            return await task

        context: BrowserContext = mapping.from_impl(self._browser_type._sync(launched()))
        return context

    def discard(self) -> None:
        """Close the browser if it started; nothing is raised."""
        with contextlib.suppress(Error, Exception):
            self.result().close()
