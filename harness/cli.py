"""Command line of the harness: set up, check and run the suites, list the steps, serve the
stub world, diagnose. Each command is one entry of COMMANDS."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

# First: keeps httpx's command-line client (click, rich) from loading with httpx.
import harness.pytest.lean_imports  # noqa: F401
from harness import dry_run_cache
from harness.config import PROJECT_ROOT, HarnessConfig
from harness.errors import HarnessSetupError
from harness.workers import chosen_workers


def setup(config: HarnessConfig, *, lint: bool = True) -> None:
    """Find or install everything a run needs, and say what was found."""
    # Imported here, not with the module: ./qa bdd starts pytest before it sets up
    # (start_held), and these imports (httpx among them) would come first (issue 19).
    # Each only where it is needed: they run beside pytest's own start-up, on the same cores.
    from harness.tools.chromium import ensure_chromium

    chromium = ensure_chromium(config.chromium_path)
    print(f"qa: Chromium: {chromium.path} ({chromium.source})")
    print(f"qa: Mailpit: {_mailpit(config)}")
    _setup_rest(config, lint=lint)


def _mailpit(config: HarnessConfig) -> str:
    if config.target.kind != "stub":
        return f"the inbox of environment {config.target.label}"
    from harness.tools.mailpit import ensure_mailpit, external_endpoints

    if config.mailpit_url:
        external_endpoints(config.mailpit_url, config.mailpit_smtp)
        return f"{config.mailpit_url} (MAILPIT_URL)"
    return ensure_mailpit(config.mailpit_bin, config.tools_dir)


def _setup_rest(config: HarnessConfig, *, lint: bool) -> None:
    """Set-up after Chromium and Mailpit: the report, the fonts, and for lint the rest."""
    from harness.tools.fonts import ensure_fonts
    from harness.tools.report_tools import ensure_actionlint, ensure_report_formatter

    print(f"qa: report: {ensure_report_formatter()}")
    # Approved pictures are drawn with these fonts only (harness/visual/fonts.py).
    print(f"qa: fonts of approved pictures: {ensure_fonts()}")
    if lint:
        from harness.tools.ffmpeg import ensure_ffmpeg

        print(f"qa: actionlint: {ensure_actionlint(config.tools_dir)}")
        # The suite records videos (tests/harness/test_recording_modes.py).
        print(f"qa: ffmpeg for videos: {ensure_ffmpeg()}")
        # The suite's Grid tests start a real hub and nodes (tests/grid).
        from harness.grid.install import ensure_grid_tools

        grid = ensure_grid_tools(config.tools_dir, config.chromium_path)
        print(f"qa: Selenium Grid: {grid.jars} (chromedriver {grid.chromedriver})")


def worker_args(extra: Sequence[str]) -> list[str]:
    """`-n N` unless the caller chose (-n / --numprocesses / HARNESS_WORKERS)."""
    if any(a == "-n" or a.startswith(("-n", "--numprocesses")) for a in extra):
        return []
    workers = chosen_workers()
    return ["-n", str(workers)] if workers > 1 else []


# Options whose value follows as the next argument, so that value is never a feature path.
_TAKES_VALUE = frozenset(
    {"-k", "-m", "-p", "-o", "-n", "-c", "-W", "--deselect", "--ignore", "--feature"}
)


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


def run_pytest(
    config: HarnessConfig,
    targets: list[str],
    name: str,
    extra: Sequence[str],
    wrapper: Sequence[str] = (),
    *,
    ready: Callable[[], bool] | None = None,
) -> int:
    """Run pytest; with `ready`, start it at once and let it go on only if ready() is True
    (see start_held)."""
    config.reports_dir.mkdir(parents=True, exist_ok=True)
    command = [
        *wrapper, sys.executable, "-m", "pytest", *targets,
        f"--junitxml={config.reports_dir / f'junit-{name}.xml'}",
        "-o", f"junit_suite_name={name}",
        *worker_args(extra),
        *extra,
    ]  # fmt: skip
    shown = "qa: " + " ".join(command[len(wrapper) + 2 :])
    if ready is not None:
        return start_held(command, ready, shown)
    print(shown, flush=True)
    return call_forwarding_signals(command, cwd=PROJECT_ROOT, env=test_environment())


# Read by harness/pytest/start_gate.py (tests/harness/test_startup_cost.py checks the two).
GATE_VARIABLE = "HARNESS_START_GATE"


def start_held(command: Sequence[str], ready: Callable[[], bool], shown: str) -> int:
    """Start pytest now, and let it past its start gate only when ready() says so.

    ./qa's dry run imports every step module, and pytest then imports them all again: one
    after the other that cost ~0.6 s of CPU before pytest had even started (issue 19).
    pytest now imports while the dry run runs, and waits before any plugin is configured
    (harness/pytest/start_gate.py); when the dry run finds problems it stops there, having
    written, moved or started nothing. Returns pytest's exit status, or 1 when held back.
    """
    gate, release = os.pipe()
    env = {**test_environment(), GATE_VARIABLE: str(gate)}
    child = subprocess.Popen(list(command), cwd=PROJECT_ROOT, env=env, pass_fds=(gate,))
    os.close(gate)
    go = False
    try:
        go = ready()
        if go:
            print(shown, flush=True)
            with contextlib.suppress(BrokenPipeError):  # pytest already ended (a usage error)
                os.write(release, b"go")
    finally:
        os.close(release)
        if not go:
            child.wait()
    code = wait_forwarding_signals(child)
    return code if go else 1


_FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def call_forwarding_signals(command: Sequence[str], *, cwd: Path, env: dict[str, str]) -> int:
    """Run `command`, forwarding signals to it (see wait_forwarding_signals)."""
    return wait_forwarding_signals(subprocess.Popen(list(command), cwd=cwd, env=env))


def wait_forwarding_signals(child: subprocess.Popen[bytes]) -> int:
    """Wait for `child`; a SIGINT, SIGTERM or SIGHUP that reaches ./qa stops it as Ctrl-C does.

    `kill -TERM` of ./qa (a CI runner cancelling, `timeout`) would otherwise end ./qa alone
    and leave pytest running, re-parented to init, to go on and overwrite the reports. The
    child gets SIGINT whatever arrived, because pytest turns SIGINT (and only SIGINT) into
    an orderly stop: fixtures tear down the stub world and Mailpit, and the reports written
    are those of the stopped run. ./qa then waits for it and returns its exit status.
    """

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
    from harness.cookie_policies import POLICIES
    from harness.devices import DEVICES
    from harness.matrix import PRESETS

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


def check(paths: Sequence[str] = (), *, remembered: bool = False) -> int:
    """The dry run: undefined steps, wrong tags, unloaded step modules; no browser.

    With `remembered` (./qa bdd and ./qa test), a pass on exactly the same files is not
    repeated (harness/dry_run_cache.py); `./qa check` always runs it.
    """
    chosen = [caller_path(p) for p in paths] or [PROJECT_ROOT / "features"]
    missing = [str(p) for p in chosen if not p.exists()]
    if missing:
        print(f"qa check: no such feature file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    key = dry_run_cache.digest(chosen)
    if remembered and dry_run_cache.passed_before(key):
        files = "these feature files" if len(chosen) > 1 or chosen[0].is_dir() else "this file"
        print(f"qa check: passed before, and nothing it reads has changed ({files}, the steps)")
        return 0
    # Imported here: it imports every step module, which the other commands do not need.
    from harness.dry_run import check as dry_run

    result = dry_run(chosen)
    print(
        result.report() if result.problems else result.summary(), end="\n" * (not result.problems)
    )
    if result.problems:
        return 1
    dry_run_cache.remember_pass(key)
    return 0


def steps(unused: bool, write: bool) -> int:
    """The step catalogue: every step phrase with its translations, docstring and uses."""
    from harness import catalogue, editor_glue

    entries = catalogue.load()
    if write:
        (PROJECT_ROOT / "docs" / "steps.md").write_text(catalogue.as_markdown(entries))
        editor_glue.GLUE_FILE.parent.mkdir(exist_ok=True)
        editor_glue.GLUE_FILE.write_text(editor_glue.glue(entries))
        print(f"qa: wrote docs/steps.md and {editor_glue.GLUE_FILE.relative_to(PROJECT_ROOT)}")
        return 0
    print(catalogue.unused_text(entries) if unused else catalogue.as_text(entries), end="")
    return 0


def caller_path(arg: str) -> Path:
    """A path as the user typed it, relative to the folder ./qa was started from."""
    return (Path(os.environ.get("QA_CALLER_DIR") or PROJECT_ROOT) / arg).resolve()


def pytest_args(extra: Sequence[str]) -> list[str]:
    """What the rest of a ./qa bdd or ./qa test line means to pytest: paths relative to
    where the user is, and option values that start with @ joined to their option
    (pytest would read `-m @C18` as "arguments from the file C18")."""
    fixed: list[str] = []
    previous = ""
    for arg in extra:
        if previous in _TAKES_VALUE | {"--tags", "--name"} and arg.startswith("@") and fixed:
            fixed[-1] = f"{previous}={arg}"
        elif (not arg.startswith("-") and previous not in _TAKES_VALUE and os.sep in arg) or (
            not arg.startswith("-") and arg.endswith(".feature")
        ):
            fixed.append(str(caller_path(arg)))
        else:
            fixed.append(arg)
        previous = arg
    return fixed


def display_wrapper(extra: Sequence[str]) -> list[str]:
    """`xvfb-run -a` when a headed browser (--headed, HARNESS_HEADED, PWDEBUG) has no
    display; a HarnessSetupError saying what to do when xvfb-run is missing too."""
    from harness.pytest.display import display_problem

    headed = "--headed" in extra or HarnessConfig.from_env().headed
    problem = display_problem(headed)
    if problem is None:
        return []
    if shutil.which("xvfb-run") is None:
        install_xvfb()
    if shutil.which("xvfb-run") is None:
        raise HarnessSetupError(problem)
    print("qa: no display is set; running the headed browsers under xvfb-run")
    return ["xvfb-run", "-a"]


def install_xvfb() -> None:
    """xvfb-run, for headed browsers on a machine without a display (Debian, as root)."""
    if shutil.which("xvfb-run") or os.geteuid() != 0 or shutil.which("apt-get") is None:
        return
    print("qa: installing xvfb (apt-get), for --headed and PWDEBUG without a display")
    quiet = {"stdout": subprocess.DEVNULL, "check": False}
    subprocess.run(["apt-get", "update", "-qq"], **quiet)  # type: ignore[call-overload]
    subprocess.run(  # type: ignore[call-overload]
        ["apt-get", "install", "-y", "-qq", "xvfb"],
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        **quiet,
    )


NEXT_STEPS = """\
qa: set-up complete. Next:
  ./qa bdd     the BDD suite in real Chromium; report under reports/
  ./qa test    the whole test suite (stub tests, harness tests, code checks, features)"""


@dataclass(frozen=True)
class Command:
    """A ./qa command. `pytest` names the test folder of a command that hands the rest of
    its line to pytest; other commands take only the options `arguments` adds."""

    help: str
    run: Callable[[HarnessConfig, argparse.Namespace, list[str]], int]
    arguments: Callable[[argparse.ArgumentParser], None] | None = None
    pytest: str | None = None
    # The command reads the rest of its line itself (./qa grid start --nodes 3).
    own_arguments: bool = False


def _run_setup(config: HarnessConfig, _args: argparse.Namespace, _extra: list[str]) -> int:
    setup(config, lint=True)
    install_xvfb()
    print(NEXT_STEPS)
    return 0


def _run_tests(name: str, target: str, config: HarnessConfig, extra: list[str]) -> int:
    selected = pytest_args(extra)
    wrapper = display_wrapper(selected)
    # The dry run reads the features the line names, or all of them.
    root = (PROJECT_ROOT / "features").resolve()
    features = [
        a
        for a in selected
        if Path(a).exists()
        and (a.endswith(".feature") or root in {Path(a).resolve(), *Path(a).resolve().parents})
    ]

    def ready() -> bool:
        """The dry run, then set-up (Chromium, Mailpit...) only if it passed."""
        if check(features, remembered=True) != 0:
            print("qa: fix the problems above first (./qa check runs this alone)", file=sys.stderr)
            return False
        setup(config, lint=name == "all")
        return True

    chosen = feature_path_args(selected) if name == "bdd" else selected
    if name == "all":
        chosen = strict_accessibility(chosen)
    # `./qa test tests/harness/test_cli.py` runs that file, not the file and the whole suite.
    named = name == "all" and any(
        Path(a.split("::")[0]).exists() for a in chosen if not a.startswith("-")
    )
    targets = [] if named else [target]
    if wrapper:  # under xvfb-run, which may not pass the gate's pipe on: one after the other
        return run_pytest(config, targets, name, chosen, wrapper) if ready() else 1
    # pytest starts while the dry run runs (start_held).
    return run_pytest(config, targets, name, chosen, ready=ready)


def strict_accessibility(args: list[str]) -> list[str]:
    """`./qa test` runs every scenario with `--a11y fail` (issue 20: the whole suite passes
    with the accessibility checks on), unless the line or HARNESS_A11Y chooses a mode."""
    if "HARNESS_A11Y" in os.environ or any(a.startswith("--a11y") for a in args):
        return args
    return [*args, "--a11y=fail"]


def _check_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="features/PATH")


def _steps_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--unused", action="store_true", help="only steps no feature uses")
    parser.add_argument(
        "--write", action="store_true", help="rewrite docs/steps.md and the editor glue file"
    )


def _doctor_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--env", metavar="NAME", help="the environment to check (environments/NAME.toml)"
    )


def _approve_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "pages",
        nargs="*",
        metavar="WORD",
        help="only pictures whose path has this word (a page, device or language)",
    )
    parser.add_argument(
        "--yes", action="store_true", help="approve without asking, after review of the list"
    )


def _approve(config: HarnessConfig, args: argparse.Namespace) -> int:
    from harness.visual.approve import approve

    return approve(config.reports_dir, args.pages, yes=args.yes)


def _serve(config: HarnessConfig) -> int:
    from harness.serve import serve

    setup(config, lint=False)
    return serve(config)


# Commands whose modules (the doctor's checks, the Grid's client) a test run does not need:
# imported when asked for, not on every ./qa bdd.
def _doctor(config: HarnessConfig) -> int:
    from harness.doctor import doctor

    return doctor(config)


def _grid(config: HarnessConfig, extra: list[str]) -> int:
    from harness.grid import command as grid_command

    return grid_command.main(extra, config)


def _option_named(extra: Sequence[str], option: str) -> str | None:
    """`OPTION VALUE` among the arguments meant for pytest (`--env`, `--chromium-path`);
    the doctor's parser is imported only when the option is there."""
    if not any(a.startswith(option) for a in extra):
        return None
    from harness.doctor import option_value

    return option_value(extra, option)


def _lock_in_shell() -> int:
    print("qa: run `./qa lock`; it updates requirements.lock before Python starts")
    return 2


COMMANDS: dict[str, Command] = {
    "bdd": Command(
        "the main job: the BDD suite in real Chromium; report under reports/",
        lambda c, _a, e: _run_tests("bdd", "tests/bdd", c, e),
        pytest="tests/bdd",
    ),
    "test": Command(
        "the whole test suite: stub tests, code checks, features",
        lambda c, _a, e: _run_tests("all", "tests", c, e),
        pytest="tests",
    ),
    "check": Command(
        "dry run: undefined steps (with did-you-mean), wrong tags, unloaded step modules",
        lambda _c, a, _e: check(a.paths),
        _check_arguments,
    ),
    "steps": Command(
        "the step catalogue: every step phrase, its translations, docstring and uses",
        lambda _c, a, _e: steps(a.unused, a.write),
        _steps_arguments,
    ),
    "approve": Command(
        "make the last run's pictures of changed or new pages the approved ones, after "
        "showing what they replace",
        lambda c, a, _e: _approve(c, a),
        _approve_arguments,
    ),
    "setup": Command("find or install Chromium, Mailpit and the report tools", _run_setup),
    "serve": Command(
        "serve the stub world and Mailpit for clicking through",
        lambda c, _a, _e: _serve(c),
    ),
    "doctor": Command(
        "show what the harness would use, check the environment; install nothing",
        lambda c, _a, _e: _doctor(c),
        _doctor_arguments,
    ),
    "list": Command(
        "list device profiles, cookie policies, matrix presets", lambda _c, _a, _e: list_choices()
    ),
    "grid": Command(
        "start | stop | status: a Selenium Grid on this machine (./qa grid -h)",
        lambda c, _a, e: _grid(c, e),
        own_arguments=True,
    ),
    # ./qa itself runs `lock` before any Python environment exists; listed here for --help.
    "lock": Command(
        "re-resolve requirements.lock (--upgrade for newest)",
        lambda _c, _a, _e: _lock_in_shell(),
    ),
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./qa", description=__doc__, allow_abbrev=False)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    parsers = {}
    for name, command in COMMANDS.items():
        parsers[name] = commands.add_parser(
            name,
            help=command.help,
            description=command.help,
            add_help=command.pytest is None and not command.own_arguments,
            allow_abbrev=False,
        )
        if command.arguments is not None:
            command.arguments(parsers[name])
    args, extra = parser.parse_known_args(argv)
    command = COMMANDS[args.command]
    if command.pytest is None and not command.own_arguments and extra:
        parsers[args.command].error(f"unrecognized arguments: {' '.join(extra)}")
    if command.pytest is not None and {"-h", "--help"} & set(extra):
        from harness.cli_help import command_help

        print(command_help(args.command, command.help, command.pytest), end="")
        return 0
    try:
        config = HarnessConfig.from_env(getattr(args, "env", None) or _option_named(extra, "--env"))
        if chromium := _option_named(extra, "--chromium-path"):
            # The browser pytest will drive, so ./qa checks and names that one.
            config = dataclasses.replace(config, chromium_path=chromium)
        return command.run(config, args, extra)
    except (HarnessSetupError, ValueError) as exc:
        print(f"qa: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader stopped early (`./qa list | head`); that is not an error.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stays open until exit
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
