"""Command line of the harness: set up, run the suites, serve the stub world, diagnose."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from harness.config import PROJECT_ROOT, HarnessConfig
from harness.cookie_policies import POLICIES
from harness.devices import DEVICES
from harness.doctor import doctor, env_option
from harness.errors import HarnessSetupError
from harness.grid import command as grid_command
from harness.grid.install import ensure_grid_tools
from harness.matrix import PRESETS
from harness.serve import serve
from harness.tools.chromium import ensure_chromium
from harness.tools.mailpit import ensure_mailpit, external_endpoints
from harness.tools.report_tools import ensure_actionlint, ensure_report_formatter
from harness.workers import chosen_workers


def setup(config: HarnessConfig, *, lint: bool = True) -> None:
    """Find or install everything a run needs, and say what was found."""
    chromium = ensure_chromium(config.chromium_path)
    print(f"qa: Chromium: {chromium.path} ({chromium.source})")
    if config.target.kind != "stub":
        print(f"qa: Mailpit: the inbox of environment {config.target.label}")
    elif config.mailpit_url:
        external_endpoints(config.mailpit_url, config.mailpit_smtp)
        print(f"qa: Mailpit: {config.mailpit_url} (MAILPIT_URL)")
    else:
        print(f"qa: Mailpit: {ensure_mailpit(config.mailpit_bin, config.tools_dir)}")
    print(f"qa: report: {ensure_report_formatter()}")
    if lint:
        print(f"qa: actionlint: {ensure_actionlint(config.tools_dir)}")
        # The suite's Grid tests start a real hub and nodes (tests/grid).
        grid = ensure_grid_tools(config.tools_dir, config.chromium_path)
        print(f"qa: Selenium Grid: {grid.jars} (chromedriver {grid.chromedriver})")


def worker_args(extra: Sequence[str]) -> list[str]:
    """`-n N` unless the caller chose (-n / --numprocesses / HARNESS_WORKERS)."""
    if any(a == "-n" or a.startswith(("-n", "--numprocesses")) for a in extra):
        return []
    workers = chosen_workers()
    return ["-n", str(workers)] if workers > 1 else []


# Options whose value follows as the next argument, so that value is never a feature path.
_TAKES_VALUE = frozenset({"-k", "-m", "-p", "-o", "-n", "-c", "-W", "--deselect", "--ignore"})


def feature_path_args(extra: Sequence[str]) -> list[str]:
    """`./qa bdd features/sign-in` runs that folder's scenarios.

    pytest-bdd binds every feature through tests/bdd, so a feature file or folder given as
    a pytest target would not select anything; it becomes --feature-path instead, made
    absolute because pytest runs from the project root. A path that does not exist is
    passed on too, so the harness can name it.
    """
    features = (PROJECT_ROOT / "features").resolve()
    chosen: list[str] = []
    previous = ""
    for arg in extra:
        path = Path(arg).resolve()
        looks_like_feature = (
            arg.endswith(".feature") or path == features or features in path.parents
        )
        if not arg.startswith("-") and previous not in _TAKES_VALUE and looks_like_feature:
            chosen += ["--feature-path", str(path)]
        else:
            chosen.append(arg)
        previous = arg
    return chosen


def test_environment() -> dict[str, str]:
    """The environment of a test run: bytecode caching allowed.

    pytest rewrites the asserts of every test, conftest and plugin module and caches the
    result as bytecode; with PYTHONDONTWRITEBYTECODE set (as on some machines) it rewrites
    and compiles them again on every run, about 0.8 s of start-up here. The caches go to
    __pycache__ folders, which git ignores.
    """
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


# Plugins that only the stubs' fuzz tests use; loading them costs a BDD run about 0.8 s of
# start-up (hypothesis and schemathesis import eagerly).
FUZZ_PLUGINS_OFF = ("-p", "no:schemathesis", "-p", "no:hypothesispytest")


def run_pytest(
    config: HarnessConfig,
    targets: list[str],
    name: str,
    extra: Sequence[str],
    plugins_off: Sequence[str] = (),
) -> int:
    config.reports_dir.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "pytest", *targets, *plugins_off,
        f"--junitxml={config.reports_dir / f'junit-{name}.xml'}",
        "-o", f"junit_suite_name={name}",
        *worker_args(extra),
        *extra,
    ]  # fmt: skip
    print("qa: " + " ".join(command[2:]), flush=True)
    return call_forwarding_signals(command, cwd=PROJECT_ROOT, env=test_environment())


_FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def call_forwarding_signals(command: Sequence[str], *, cwd: Path, env: dict[str, str]) -> int:
    """Run `command`; a SIGINT, SIGTERM or SIGHUP that reaches ./qa stops it as Ctrl-C does.

    `kill -TERM` of ./qa (a CI runner cancelling, `timeout`) would otherwise end ./qa alone
    and leave pytest running, re-parented to init, to go on and overwrite the reports. The
    child gets SIGINT whatever arrived, because pytest turns SIGINT (and only SIGINT) into
    an orderly stop: fixtures tear down the stub world and Mailpit, and the reports written
    are those of the stopped run. ./qa then waits for it and returns its exit status.
    """
    child = subprocess.Popen(list(command), cwd=cwd, env=env)

    def forward(_signum: int, _frame: object) -> None:
        if child.poll() is None:
            child.send_signal(signal.SIGINT)

    previous = {signum: signal.signal(signum, forward) for signum in _FORWARDED}
    try:
        # The handlers forward instead of raising, so this wait ends only with the child.
        return child.wait()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def list_choices() -> int:
    """Every device profile, cookie policy and matrix preset, as the options name them."""
    print("Devices (--device, HARNESS_DEVICE, @device:NAME):")
    for profile in DEVICES.values():
        width, height = profile.viewport
        kind = "mobile" if profile.is_mobile else "desktop"
        print(f"  {profile.name:<28} {profile.label}")
        print(f"  {'':<28} {width}x{height} @{profile.device_scale_factor:g}x, {kind}")
        print(f"  {'':<28} UA: {profile.user_agent}")
        if profile.note:
            print(f"  {'':<28} note: {profile.note}")
    print("\nCookie policies (--cookie-policy, HARNESS_COOKIE_POLICY, @cookies:NAME):")
    for policy in POLICIES.values():
        print(f"  {policy.name:<28} the browser {policy.label}")
    print(f"  {'block-site:HOST':<28} the browser blocks cookies from HOST")
    print("\nMatrix presets for @matrix scenarios (--matrix, HARNESS_MATRIX):")
    for chosen in PRESETS.values():
        print(f"  {chosen.name:<28} {chosen.purpose}: {', '.join(chosen.devices)}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./qa", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("setup", help="find or install Chromium and Mailpit")
    commands.add_parser(
        "bdd", help="the main job: the BDD suite in real Chromium; report under reports/"
    )
    commands.add_parser("test", help="the whole test suite: stub tests, code checks, features")
    commands.add_parser("serve", help="serve the stub world and Mailpit for clicking through")
    doctor_command = commands.add_parser(
        "doctor", help="show what the harness would use, check the environment; install nothing"
    )
    doctor_command.add_argument(
        "--env", metavar="NAME", help="the environment to check (environments/NAME.toml)"
    )
    commands.add_parser("list", help="list device profiles, cookie policies, matrix presets")
    commands.add_parser("grid", help="start | stop | status: a Selenium Grid on this machine")
    # ./qa itself runs `lock` before any Python environment exists; listed here for --help.
    commands.add_parser("lock", help="re-resolve requirements.lock (--upgrade for newest)")
    args, extra = parser.parse_known_args(argv)
    try:
        config = HarnessConfig.from_env(getattr(args, "env", None) or env_option(extra))
        if args.command == "doctor":
            return doctor(config)
        if args.command == "list":
            return list_choices()
        if args.command == "grid":
            return grid_command.main(extra, config)
        if args.command == "lock":
            print("qa: run `./qa lock`; it updates requirements.lock before Python starts")
            return 2
        setup(config, lint=args.command in ("setup", "test"))
        if args.command == "setup":
            return 0
        if args.command == "serve":
            return serve(config)
        if args.command == "bdd":
            selected = feature_path_args(extra)
            return run_pytest(config, ["tests/bdd"], "bdd", selected, FUZZ_PLUGINS_OFF)
        return run_pytest(config, ["tests"], "all", extra)
    except (HarnessSetupError, ValueError) as exc:
        print(f"qa: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader stopped early (`./qa list | head`); that is not an error.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stays open until exit
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
