"""The features run against an environment known only by an environment file.

A stub world started here stands for a staging: its own process, its own private CA that
the harness must be told to trust, its own Mailpit, and host names no DNS knows. The
harness gets nothing but a `remote` environment file with its URLs, the CA, a [hosts] map
and the inbox; no manifest, no control API. Broken files stop the run before any scenario
with the lines `./qa doctor --env FILE` prints.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from contract.lifetime import end_with_parent
from contract.sites import ETUKORTTI_HOST, SHOPS, SIGNIN_HOST, SiteId
from harness.config import PROJECT_ROOT, HarnessConfig
from harness.environment import WORLD_START_MARGIN_S, StartDeadline
from harness.tools.mailpit import MailpitEndpoints, free_port, harness_mailpit
from harness.waiting import wait_until

PRISMA_HOST = next(shop.host for shop in SHOPS if shop.id == "prisma")
# Sign-in and cookie scenarios that need nothing but pages, the inbox and public HTTP, AUTH-4376
# on the Samsung profile among them; and two @stub_only ones, which must be skipped.
RUNS = (
    "a_new_customer_creates_an_slogin or a_customer_signs_in_with_the_code_from_her_email"
    " or a_mistyped_address_is_caught"
    " or saras_samsung_phone_blocks_cookies_and_signin_fails_with_auth4376"
    " or (a_signin_link_that_would_return_to_where_is_refused and look)"
)
SKIPPED = "a_code_older_than_ten_minutes or the_email_service_is_down_when_sara_asks"
# Settings of the outer test run that must not reach the harness under test.
OUTER = ("HARNESS_ENV", "SLOGIN_", "MAILPIT_URL", "MAILPIT_SMTP", "PYTEST_XDIST", "HARNESS_REPORTS")


@dataclass(frozen=True)
class RemoteWorld:
    """What a tester of that environment would be told: ports, its CA, its inbox."""

    ports: dict[str, int]
    ca_file: Path
    inbox: MailpitEndpoints


@pytest.fixture(scope="module")
def remote_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RemoteWorld]:
    state = tmp_path_factory.mktemp("remote-world")
    config = HarnessConfig.from_env()
    with harness_mailpit(config.mailpit_bin, config.tools_dir, state / "mailpit") as inbox:
        ports = {site.value: free_port() for site in SiteId}
        command = [
            sys.executable, "-m", "stub_services.world", "--state-dir", str(state),
            "--smtp", f"{inbox.smtp_host}:{inbox.smtp_port}",
            "--ports", ",".join(str(ports[site.value]) for site in SiteId),
        ]  # fmt: skip
        log = (state / "world.log").open("wb")
        world = subprocess.Popen(
            command, cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT,
            preexec_fn=end_with_parent,
        )  # fmt: skip
        try:
            deadline = StartDeadline.choose(None)
            # Only this test looks at the world's own files; the harness gets the env file.
            wait_until(
                lambda: True if (state / "world.json").exists() else None,
                timeout_s=deadline.seconds + WORLD_START_MARGIN_S,
                what="the remote world to start",
                describe=lambda: (state / "world.log").read_text(errors="replace")[-2000:],
            )
            yield RemoteWorld(ports, state / "tls" / "ca.pem", inbox)
        finally:
            world.terminate()
            world.wait(timeout=30)
            log.close()


def environment_file(
    folder: Path, world: RemoteWorld, *, ca: bool = True, signin: str = "", inbox: str = ""
) -> Path:
    """The file a tester would write for that environment (or a broken one)."""
    hosts = {
        SIGNIN_HOST: world.ports[SiteId.SIGNIN],
        ETUKORTTI_HOST: world.ports[SiteId.ETUKORTTI],
        PRISMA_HOST: world.ports[SiteId.SHOPS],
    }
    lines = [
        'kind = "remote"',
        "[sites]",
        f'signin = "{signin or f"https://{SIGNIN_HOST}"}"',
        f'etukortti = "https://{ETUKORTTI_HOST}"',
        "[shops]",
        f'prisma = "https://{PRISMA_HOST}"',
        "[hosts]",
        *(f'"{host}" = "127.0.0.1:{port}"' for host, port in hosts.items()),
        "[inbox]",
        f'api_url = "{inbox or world.inbox.api_url}"',
        "[mail]",
        'domain = "remote-qa.example.org"',
        "[timeouts]",
        "email_s = 30",
        "ui_s = 20",
    ]
    if ca:
        lines += ["[tls]", f'ca_file = "{world.ca_file}"']
    path = folder / "remote.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


def clean_env(reports: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(OUTER)}
    return {**env, "HARNESS_REPORTS_DIR": str(reports)}


def run_scenarios(env_file: Path, keyword: str, reports: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "tests/bdd", "--env", str(env_file),
         "--feature-path", "features/sign-in", "--feature-path", "features/cookies",
         "-k", keyword, "-p", "no:cacheprovider", "-p", "no:randomly", "-n", "0", "-rs", "-q"],
        cwd=PROJECT_ROOT, env=clean_env(reports), capture_output=True, text=True,
        check=False, timeout=600,
    )  # fmt: skip


def test_the_features_run_against_an_environment_known_only_by_its_file(
    remote_world: RemoteWorld, tmp_path: Path
) -> None:
    env_file = environment_file(tmp_path, remote_world)
    done = run_scenarios(env_file, f"{RUNS} or {SKIPPED}", tmp_path / "reports")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-4000:]
    assert "5 passed, 2 skipped" in done.stdout, output[-4000:]
    skipped = [line for line in done.stdout.splitlines() if line.startswith("SKIPPED [2]")]
    assert len(skipped) == 1, done.stdout[-3000:]
    assert "@stub_only: needs the stub world's control API" in skipped[0]
    assert "is remote (reached only through its pages, inbox and public HTTP)" in skipped[0]
    # Generated customers used the environment's mail domain (their mail is in the report).
    messages = (tmp_path / "reports" / "cucumber-messages.ndjson").read_text()
    assert "@remote-qa.example.org" in messages


def doctor_lines(env_file: Path, reports: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-m", "harness.cli", "doctor", "--env", str(env_file)],
        cwd=PROJECT_ROOT, env=clean_env(reports), capture_output=True, text=True,
        check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    failed = [i for i, line in enumerate(lines) if line.startswith("  FAIL")]
    assert failed, done.stdout
    return [lines[i] for i in failed] + [lines[i + 1] for i in failed]


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        ({"ca": False}, "its certificate is not trusted (CERTIFICATE_VERIFY_FAILED"),
        ({"signin": "https://login.s-ryhma.invalid"}, "does not resolve"),
        ({"inbox": f"http://127.0.0.1:{free_port()}"}, "does not answer"),
    ],
    ids=["missing CA", "wrong URL", "unreachable inbox"],
)
def test_a_broken_environment_stops_the_run_before_any_scenario_as_doctor_says(
    remote_world: RemoteWorld, tmp_path: Path, broken: dict[str, Any], expected: str
) -> None:
    env_file = environment_file(tmp_path, remote_world, **broken)
    said = doctor_lines(env_file, tmp_path / "doctor")
    assert any(expected in line for line in said), said
    done = run_scenarios(env_file, RUNS, tmp_path / "reports")
    output = done.stdout + done.stderr
    assert done.returncode == pytest.ExitCode.USAGE_ERROR, output[-3000:]
    assert "is not usable, so no scenario ran" in output
    for line in said:
        assert line in output, f"doctor said {line!r}; the run did not:\n{output[-3000:]}"
    assert "passed" not in done.stdout
    assert "failed" not in done.stdout
