"""--video and --screenshot keep what pytest-playwright's modes of the same names keep."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Playwright

from harness.browsers import BrowserKey, BrowserOptions, BrowserPool, ScenarioBrowsers
from harness.browsers.tracing import Recording
from harness.config import HarnessConfig
from harness.cookie_policies import cookie_policy
from harness.devices import device
from harness.tools import ffmpeg
from harness.tools.chromium import find_chromium

from .offline_world import offline_environment

PAGE = "data:text/html,<h1>Mina uppgifter</h1>"
KEY = BrowserKey("desktop-chrome", "allow")


def run_scenario(
    pool: BrowserPool, artifacts: Path, recording: Recording, *, failed: bool
) -> list[str]:
    scenario = ScenarioBrowsers(pool, artifacts, f"failed={failed}", recording=recording)
    scenario.page(KEY, device(KEY.device), cookie_policy("allow")).goto(PAGE)
    saved = scenario.finish(failed=failed)
    assert all(f.path.stat().st_size > 0 for f in saved)
    return sorted(f.kind for f in saved)


def test_screenshots_follow_their_mode(playwright_driver: Playwright, tmp_path: Path) -> None:
    chromium = find_chromium(HarnessConfig.from_env().chromium_path)
    options = BrowserOptions(chromium.path, tracing="off")
    pool = BrowserPool(playwright_driver, offline_environment(), options, tmp_path / "profiles")
    artifacts = tmp_path / "artifacts"
    try:
        on = Recording(tracing="off", screenshot="on")
        assert run_scenario(pool, artifacts, on, failed=False) == ["screenshot"]
        only = Recording(tracing="off", screenshot="only-on-failure")
        assert run_scenario(pool, artifacts, only, failed=False) == []
        assert run_scenario(pool, artifacts, only, failed=True) == ["screenshot"]
        off = Recording(tracing="off", screenshot="off")
        assert run_scenario(pool, artifacts, off, failed=True) == []
    finally:
        pool.close()


def test_videos_follow_their_mode(playwright_driver: Playwright, tmp_path: Path) -> None:
    chromium = find_chromium(HarnessConfig.from_env().chromium_path)
    options = BrowserOptions(chromium.path, tracing="off", video_dir=tmp_path / "videos")
    pool = BrowserPool(playwright_driver, offline_environment(), options, tmp_path / "profiles")
    artifacts = tmp_path / "artifacts"
    try:
        kept = Recording(tracing="off", video="retain-on-failure", screenshot="off")
        # Without Playwright's ffmpeg this fails saying how to get it (./qa setup links it).
        assert run_scenario(pool, artifacts, kept, failed=False) == []
        assert run_scenario(pool, artifacts, kept, failed=True) == ["video"]
        on = Recording(tracing="off", video="on", screenshot="off")
        assert run_scenario(pool, artifacts, on, failed=False) == ["video"]
    finally:
        pool.close()


def test_setup_links_an_ffmpeg_on_path_where_playwright_looks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where Playwright's download is not reachable, the system's ffmpeg stands in."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    system = bin_dir / "ffmpeg"
    system.write_text("#!/bin/sh\n")
    system.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "browsers"))
    found = ffmpeg.ensure_ffmpeg()
    linked = ffmpeg.playwright_ffmpeg()
    assert linked.is_symlink()
    assert linked.resolve() == system
    assert linked.parent.name.startswith("ffmpeg-")
    assert (linked.parent / "INSTALLATION_COMPLETE").exists()
    assert str(system) in found
    assert ffmpeg.ensure_ffmpeg() == str(system)  # found, not linked again


def test_traces_hold_dom_snapshots_unless_step_pictures_show_a_failure_s_pages() -> None:
    """Under retain-on-failure with step screenshots the trace keeps actions and console,
    without DOM snapshots (nor the network, which Playwright records only with them);
    every other mode, or a setting, keeps them."""
    default = Recording()
    assert default.trace_snapshots(step_screenshots=True) is False
    assert default.trace_snapshots(step_screenshots=False) is True
    for mode in ("on", "on-first-retry"):
        assert Recording(tracing=mode).trace_snapshots(step_screenshots=True) is True
    assert Recording(snapshots=True).trace_snapshots(step_screenshots=True) is True
    assert Recording(tracing="on", snapshots=False).trace_snapshots(step_screenshots=False) is False


@pytest.mark.parametrize("snapshots", [True, False])
def test_a_pool_s_traces_take_dom_snapshots_as_set(
    playwright_driver: Playwright, tmp_path: Path, snapshots: bool
) -> None:
    chromium = find_chromium(HarnessConfig.from_env().chromium_path)
    options = BrowserOptions(chromium.path, tracing="on", trace_snapshots=snapshots)
    pool = BrowserPool(playwright_driver, offline_environment(), options, tmp_path / "profiles")
    try:
        recording = Recording(tracing="on", screenshot="off")
        scenario = ScenarioBrowsers(pool, tmp_path / "artifacts", "traced", recording=recording)
        page = scenario.page(KEY, device(KEY.device), cookie_policy("allow"))
        page.goto(PAGE)
        page.get_by_role("heading").click()
        (trace,) = [f.path for f in scenario.finish(failed=False) if f.kind == "trace"]
        with zipfile.ZipFile(trace) as archive:
            events = [json.loads(line) for line in archive.read("trace.trace").splitlines()]
        assert any(e.get("method") == "click" for e in events if e["type"] == "before")
        assert any(e["type"] == "frame-snapshot" for e in events) is snapshots
    finally:
        pool.close()
