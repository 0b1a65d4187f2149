"""`sync_playwright().start()` in two halves (issue 19): `begin()` spawns Playwright's
driver and returns at once, `finish()` waits until it is ready. See
harness/pytest/driver_ahead.py, which starts it before pytest imports the steps.

It splits `PlaywrightContextManager.__enter__` (playwright/sync_api/_context_manager.py)
in two: the first half returns as soon as the driver process runs instead of when it is
ready. That relies on private parts of the Playwright in requirements.lock, covered by
tests/harness/test_driver_ahead.py.
"""

from __future__ import annotations

import asyncio
from typing import Any

from greenlet import GreenletExit, greenlet
from playwright._impl._greenlets import MainGreenlet, wait_for_future
from playwright._impl.out_of_process import PlaywrightClient
from playwright.sync_api import Playwright
from playwright.sync_api._context_manager import PlaywrightContextManager
from playwright.sync_api._generated import Playwright as SyncPlaywright

from harness.waiting import turns_until


class DriverAhead(PlaywrightContextManager):
    """`sync_playwright().start()` as `begin()` (spawn the driver, return at once) and
    `finish()` (wait until it is ready, return the Playwright); `stop()` either way."""

    def begin(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._own_loop = True
        caller = greenlet.getcurrent()

        async def main() -> None:
            client = self._client = PlaywrightClient(dispatcher_fiber)
            # Back to the caller once the driver runs and has been sent its "initialize"
            # (or failed to start): it loads and sets itself up while the caller goes on.
            # A few turns normally; on a machine so slow it takes a second, finish() waits.
            await turns_until(
                lambda: bool(client._connection._callbacks) or client._playwright.done(),
                timeout_s=1.0,
            )
            caller.switch()
            await client._close_promise

        def greenlet_main() -> None:  # as in PlaywrightContextManager.__enter__
            task = self._loop.create_task(main())
            while not task.done():
                try:
                    self._loop.run_until_complete(task)
                except GreenletExit:
                    raise
                except BaseException as exc:
                    if task.done():
                        raise
                    caller.throw(exc)
                    asyncio._set_running_loop(None)

        dispatcher_fiber = self._dispatcher_fiber = MainGreenlet(greenlet_main)
        dispatcher_fiber.switch()

    def finish(self) -> Playwright:
        """The started Playwright, once the driver is ready; raises what starting raised."""
        assert self._client is not None
        try:
            wait_for_future(self._loop, self._dispatcher_fiber, self._client._playwright)
            self._playwright = SyncPlaywright(self._client._playwright.result())
        except BaseException:
            self.__exit__()
            raise
        self._playwright.stop = self.__exit__  # type: ignore[method-assign]
        return self._playwright

    def stop(self, *_args: Any) -> None:
        """Stop a driver that nobody took (a run ended by a usage error, say). Its start
        then fails on the closed pipe and nothing waits for it: that outcome is read
        here, or asyncio prints each such failure as a traceback when the run exits."""
        if self._client is not None:
            for task in asyncio.all_tasks(self._loop):
                task.add_done_callback(_read_outcome)
        self.__exit__()


def _read_outcome(task: asyncio.Future[Any]) -> None:
    if not task.cancelled():
        task.exception()
