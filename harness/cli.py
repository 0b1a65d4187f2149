"""Command line of the harness: set up, run the suites, serve the stub world, diagnose."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from collections.abc import Sequence

from harness.config import PROJECT_ROOT, HarnessConfig
from harness.cookie_policies import POLICIES
from harness.devices import DEVICES
from harness.errors import HarnessSetupError
from harness.tools.chromium import ensure_chromium, find_chromium
from harness.tools.mailpit import (
    MailpitEndpoints,
    MailpitProcess,
    ensure_mailpit,
    external_endpoints,
    find_mailpit,
)
from harness.tools.report_tools import ensure_actionlint, ensure_report_formatter


def setup(config: HarnessConfig, *, lint: bool = True) -> None:
    """Find or install everything a run needs, and say what was found."""
    chromium = ensure_chromium(config.chromium_path)
    print(f"qa: Chromium: {chromium.path} ({chromium.source})")
    if config.mailpit_url:
        external_endpoints(config.mailpit_url, config.mailpit_smtp)
        print(f"qa: Mailpit: {config.mailpit_url} (MAILPIT_URL)")
    else:
        print(f"qa: Mailpit: {ensure_mailpit(config.mailpit_bin, config.tools_dir)}")
    print(f"qa: report: {ensure_report_formatter()}")
    if lint:
        print(f"qa: actionlint: {ensure_actionlint(config.tools_dir)}")


def run_pytest(config: HarnessConfig, targets: list[str], name: str, extra: Sequence[str]) -> int:
    config.reports_dir.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "pytest", *targets,
        f"--junitxml={config.reports_dir / f'junit-{name}.xml'}",
        "-o", f"junit_suite_name={name}",
        *extra,
    ]  # fmt: skip
    print("qa: " + " ".join(command[2:]), flush=True)
    return subprocess.call(command, cwd=PROJECT_ROOT)


def serve(config: HarnessConfig) -> int:
    """Mailpit plus the whole stub world in the foreground, for people to click through."""
    mailpit: MailpitProcess | None = None
    if config.mailpit_url:
        endpoints = external_endpoints(config.mailpit_url, config.mailpit_smtp)
    else:
        mailpit = MailpitProcess(
            ensure_mailpit(config.mailpit_bin, config.tools_dir), PROJECT_ROOT / ".stub-state"
        )
        endpoints = mailpit.start()
    print(f"Mailpit inbox (API and UI): {endpoints.api_url}")
    command = [
        sys.executable, "-m", "stub_services.world",
        "--state-dir", str(PROJECT_ROOT / ".stub-state"),
        "--smtp", f"{endpoints.smtp_host}:{endpoints.smtp_port}",
    ]  # fmt: skip
    world = subprocess.Popen(command, cwd=PROJECT_ROOT)
    # A SIGTERM (a service manager, `timeout`) shuts down as cleanly as Ctrl-C does.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        return world.wait()
    except KeyboardInterrupt:
        world.send_signal(signal.SIGINT)
        return world.wait()
    finally:
        if mailpit is not None:
            mailpit.stop()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def doctor(config: HarnessConfig) -> int:
    """Report what the harness would use, without installing anything."""
    problems = 0
    try:
        chromium = find_chromium(config.chromium_path)
        print(f"Chromium: {chromium.path} ({chromium.source})")
    except HarnessSetupError as exc:
        problems += 1
        print(f"Chromium: MISSING\n{exc}")
    if config.mailpit_url:
        try:
            _: MailpitEndpoints = external_endpoints(config.mailpit_url, config.mailpit_smtp)
            print(f"Mailpit: {config.mailpit_url} (MAILPIT_URL, ready)")
        except HarnessSetupError as exc:
            problems += 1
            print(f"Mailpit: NOT READY\n{exc}")
    else:
        binary = find_mailpit(config.mailpit_bin, config.tools_dir)
        print(f"Mailpit: {binary or 'MISSING (./qa setup installs it)'}")
        problems += binary is None
    target = config.external
    print(
        "Target: "
        + (f"{target.signin_url} + {target.etukortti_url}" if target else "embedded stub world")
    )
    print(f"Devices: {', '.join(sorted(DEVICES))}")
    print(f"Cookie policies: {', '.join(sorted(POLICIES))}")
    return 1 if problems else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./qa", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("setup", help="find or install Chromium and Mailpit")
    commands.add_parser(
        "bdd", help="the main job: the BDD suite in real Chromium; report under reports/"
    )
    commands.add_parser("test", help="the whole test suite: stub tests, code checks, features")
    commands.add_parser("serve", help="serve the stub world and Mailpit for clicking through")
    commands.add_parser("doctor", help="show what the harness would use; install nothing")
    args, extra = parser.parse_known_args(argv)
    try:
        config = HarnessConfig.from_env()
        if args.command == "doctor":
            return doctor(config)
        setup(config, lint=args.command in ("setup", "test"))
        if args.command == "setup":
            return 0
        if args.command == "serve":
            return serve(config)
        os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
        if args.command == "bdd":
            return run_pytest(config, ["tests/bdd"], "bdd", extra)
        return run_pytest(config, ["tests"], "all", extra)
    except (HarnessSetupError, ValueError) as exc:
        print(f"qa: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
