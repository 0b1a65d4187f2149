"""Scenarios run through a browser served over Playwright's remote protocol."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.browsers import BASE_ARGS
from harness.config import PROJECT_ROOT, HarnessConfig
from harness.environment import Environment, StubWorldProcess
from harness.tools.browser_server import BrowserServer
from harness.tools.chromium import find_chromium
from harness.tools.mailpit import MailpitEndpoints
from harness.waiting import wait_until


@pytest.fixture(scope="module")
def world(
    own_mailpit: MailpitEndpoints, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Environment, Path]]:
    process = StubWorldProcess(tmp_path_factory.mktemp("remote-world"), own_mailpit)
    environment = process.start()
    yield environment, process.manifest_path
    process.stop()


@pytest.fixture(scope="module")
def browser_ws(
    world: tuple[Environment, Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    environment, _ = world
    chromium = find_chromium(HarnessConfig.from_env().chromium_path)
    server = BrowserServer(
        chromium.path,
        [*BASE_ARGS, *environment.chromium_args],
        tmp_path_factory.mktemp("browser-server"),
    )
    yield server.start()
    server.stop()


def run_scenarios(
    keyword: str, world: tuple[Environment, Path], ws: str, reports: Path
) -> subprocess.CompletedProcess[str]:
    environment, manifest = world
    env = {
        **os.environ,
        "MAILPIT_URL": environment.mailpit.api_url,
        "MAILPIT_SMTP": f"{environment.mailpit.smtp_host}:{environment.mailpit.smtp_port}",
        "SLOGIN_WORLD_MANIFEST": str(manifest),
        "HARNESS_BROWSER_WS": ws,
        "HARNESS_REPORTS_DIR": str(reports),
    }
    env.pop("PYTEST_XDIST_WORKER", None)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "tests/bdd", "-k", keyword, "-p", "no:cacheprovider",
         "-p", "no:randomly", "-q", "-n", "0"],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip


def test_a_customer_signs_in_through_a_remote_browser(
    world: tuple[Environment, Path], browser_ws: str, tmp_path: Path
) -> None:
    done = run_scenarios("a_customer_signs_in_with_the_code", world, browser_ws, tmp_path)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "1 passed" in done.stdout


def test_a_policy_that_needs_a_profile_is_refused_remotely(
    world: tuple[Environment, Path], browser_ws: str, tmp_path: Path
) -> None:
    done = run_scenarios("saras_samsung_phone_blocks_cookies", world, browser_ws, tmp_path)
    assert done.returncode == 1, done.stdout[-3000:]
    assert "Cookie policy 'block-all' needs a local Chromium profile" in done.stdout


def test_stopping_the_browser_server_leaves_no_browser_behind(tmp_path: Path) -> None:
    chromium = find_chromium(HarnessConfig.from_env().chromium_path)
    server = BrowserServer(chromium.path, list(BASE_ARGS), tmp_path)
    server.start()
    assert server._process is not None
    group = server._process.pid
    assert living_members(group), "the server's process group should hold the browser"
    server.stop()
    wait_until(
        lambda: True if not living_members(group) else None,
        timeout_s=10,
        what=f"process group {group} to end",
        describe=lambda: f"still running: {living_members(group)}",
    )


def living_members(group: int) -> list[str]:
    """Processes of a process group that are not zombies, as `pid command`."""
    living = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        # Fields after the command (which may hold spaces) start after the last ')'.
        state, _ppid, pgrp = text.rsplit(")", 1)[1].split()[:3]
        if int(pgrp) == group and state != "Z":
            living.append(f"{stat.parent.name} {text.split('(', 1)[1].rsplit(')', 1)[0]}")
    return living
