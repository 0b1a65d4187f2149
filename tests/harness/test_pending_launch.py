"""The first browser launched ahead (issue 19): the launch is sent without waiting, the
pool takes it only when it was launched as the pool would launch it, and it behaves as a
launch the pool made itself. These also catch a Playwright upgrade that changes the
private parts harness/browsers/pending.py relies on."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Error, Playwright

from harness.browsers import BASE_ARGS, BrowserKey, BrowserOptions, BrowserPool, ScenarioBrowsers
from harness.browsers.pending import PendingLaunch
from harness.browsers.pool import launch_arguments
from harness.config import HarnessConfig
from harness.cookie_policies import cookie_policy
from harness.devices import device
from harness.tools.chromium import find_chromium

from .offline_world import offline_environment

PHONE = BrowserKey("samsung-s24-internet-29", "allow")
PAGE = "data:text/html,<h1>Mina uppgifter</h1>"


def options() -> BrowserOptions:
    return BrowserOptions(find_chromium(HarnessConfig.from_env().chromium_path).path, tracing="off")


def send(playwright: Playwright, folder: Path, key: BrowserKey) -> PendingLaunch:
    arguments = launch_arguments(options(), offline_environment(), device(key.device))
    cookie_policy(key.policy).write_profile(folder, offline_environment().signin.public_url)
    return PendingLaunch(playwright.chromium, folder, arguments)


def pool_with(
    playwright: Playwright, tmp_path: Path, pending: tuple[BrowserKey, PendingLaunch]
) -> BrowserPool:
    """A pool of the offline world that was handed `pending` as its launch ahead."""
    return BrowserPool(
        playwright, offline_environment(), options(), tmp_path / "profiles", pending=pending
    )


def test_a_launch_sent_ahead_is_a_launched_profile(
    playwright_driver: Playwright, tmp_path: Path
) -> None:
    pending = send(playwright_driver, tmp_path / "ahead", PHONE)
    # Python is free while Chromium starts: other calls run meanwhile.
    other = playwright_driver.chromium.launch_persistent_context(
        str(tmp_path / "other"), executable_path=options().executable_path, args=list(BASE_ARGS)
    )
    other.close()
    context = pending.result()
    try:
        page = context.pages[0]
        page.goto(PAGE)
        assert "SamsungBrowser" in page.evaluate("navigator.userAgent")
        assert page.viewport_size == {"width": 360, "height": 780}
    finally:
        context.close()


def test_a_launch_that_fails_raises_when_taken(
    playwright_driver: Playwright, tmp_path: Path
) -> None:
    arguments = {**launch_arguments(options(), offline_environment(), device(PHONE.device))}
    arguments["executable_path"] = str(tmp_path / "no-chromium")
    pending = PendingLaunch(playwright_driver.chromium, tmp_path / "ahead", arguments)
    with pytest.raises(Error):
        pending.result()
    pending.discard()  # says nothing


def test_the_pool_takes_a_launch_sent_ahead_for_its_key(
    playwright_driver: Playwright, tmp_path: Path
) -> None:
    pending = send(playwright_driver, tmp_path / "ahead", PHONE)
    pool = pool_with(playwright_driver, tmp_path, (PHONE, pending))
    scenario = ScenarioBrowsers(pool, tmp_path / "artifacts", "ahead")
    try:
        page = scenario.page(PHONE, device(PHONE.device), cookie_policy("allow"))
        page.goto(PAGE)
        assert pool.launches == 1
        assert pool._open[PHONE].user_data_dir == tmp_path / "ahead"
        # The tab Chromium opened with the profile is the scenario's: no second tab.
        assert page.context.pages == [page]
        scenario.finish(failed=False)
    finally:
        pool.close()


def test_the_pool_launches_its_own_when_the_launch_ahead_differs(
    playwright_driver: Playwright, tmp_path: Path
) -> None:
    desktop = BrowserKey("desktop-chrome", "allow")
    # Sent for the phone, but filed under the desktop's key: the arguments differ.
    pending = send(playwright_driver, tmp_path / "ahead", PHONE)
    pool = pool_with(playwright_driver, tmp_path, (desktop, pending))
    scenario = ScenarioBrowsers(pool, tmp_path / "artifacts", "differs")
    try:
        page = scenario.page(desktop, device(desktop.device), cookie_policy("allow"))
        page.goto(PAGE)
        assert "SamsungBrowser" not in page.evaluate("navigator.userAgent")
        assert pool._open[desktop].user_data_dir == tmp_path / "profiles" / desktop.slug
        scenario.finish(failed=False)
    finally:
        pool.close()
    # The phone launched ahead was closed, not left running.
    with pytest.raises(Error):
        pending.result().new_page()


def test_an_unused_launch_ahead_closes_with_the_pool(
    playwright_driver: Playwright, tmp_path: Path
) -> None:
    pending = send(playwright_driver, tmp_path / "ahead", PHONE)
    pool = pool_with(playwright_driver, tmp_path, (PHONE, pending))
    pool.close()
    with pytest.raises(Error):
        pending.result().new_page()
