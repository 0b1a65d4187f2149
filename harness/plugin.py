"""The pytest plugin that gives scenarios a world, an inbox, browsers and personas."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Playwright, expect, sync_playwright
from pytest_bdd.scenario import scenario_wrapper_template_registry

from harness.browsers import BrowserOptions, BrowserPool, ScenarioBrowsers
from harness.clients.control import ControlClient, control_clients
from harness.clients.identity import BankControl, RegisterControl
from harness.clients.inbox import MailpitClient
from harness.clients.sms import SmsGatewayClient
from harness.config import HarnessConfig
from harness.cookie_policies import POLICIES, cookie_policy
from harness.devices import DEVICES, device
from harness.environment import (
    Environment,
    StubWorldProcess,
    check_alive,
    external_environment,
    running_world,
)
from harness.errors import HarnessSetupError
from harness.matrix import PRESETS, Shard, preset
from harness.personas import PersonaBook
from harness.report import RunSummary
from harness.tools.chromium import find_chromium
from harness.tools.mailpit import HELP as MAILPIT_HELP
from harness.tools.mailpit import (
    MailpitEndpoints,
    MailpitProcess,
    external_endpoints,
    find_mailpit,
)
from harness.ui import UI
from harness.workers import chosen_workers

CLAIM_IDS = [f"C{n:02d}" for n in range(1, 22)]
EXTRA_TAGS = {
    "stub_only": "needs the stub world's control API (clock, events); not run against staging",
    "matrix": "runs once per device of the chosen matrix preset (--matrix)",
    "harness_device": "from a @device:NAME tag: the scenario's default device",
    "harness_cookies": "from a @cookies:NAME tag: the scenario's default cookie policy",
}
TAG_MARKS = {"device:": ("harness_device", device), "cookies:": ("harness_cookies", cookie_policy)}
# Scenarios about AUTH-4376 expect refused cookies; anywhere else they explain a failure.
EXPECTS_REFUSED_COOKIES = {"C18"}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("s-login harness")
    group.addoption("--device", help=f"default device profile ({', '.join(sorted(DEVICES))})")
    group.addoption(
        "--cookie-policy", help=f"default cookie policy ({', '.join(sorted(POLICIES))})"
    )
    group.addoption("--headed", action="store_true", default=None, help="show the browsers")
    group.addoption("--slowmo", type=float, default=None, help="slow each action by MS")
    group.addoption(
        "--tracing",
        choices=("on", "off", "retain-on-failure", "on-first-retry"),
        default=None,
        help="Playwright traces: every scenario (on), none (off), every failure "
        "(retain-on-failure), or only reruns of failures (on-first-retry, the default)",
    )
    group.addoption("--chromium-path", default=None, help="the Chromium binary to drive")
    group.addoption(
        "--matrix", default=None, help=f"devices for @matrix scenarios ({', '.join(PRESETS)})"
    )
    group.addoption("--shard", default=None, help="run shard I of N (e.g. 2/4), stable split")
    group.addoption(
        "--browser-ws", default=None, help="use a remote browser (Playwright launch-server URL)"
    )
    group.addoption(
        "--feature-path",
        action="append",
        default=[],
        metavar="PATH",
        help="run only the scenarios of this feature file or folder (may be repeated)",
    )
    group.addoption(
        "--step-screenshots",
        choices=("on", "off"),
        default=None,
        help="a screenshot in the report after every step (default on)",
    )


def pytest_configure(config: pytest.Config) -> None:
    for claim in CLAIM_IDS:
        config.addinivalue_line("markers", f"{claim}: covers claim {claim} of claims.md")
    for tag, meaning in EXTRA_TAGS.items():
        config.addinivalue_line("markers", f"{tag}: {meaning}")
    try:
        settings = _settings_from(config)
        device(settings.default_device)
        cookie_policy(settings.default_cookie_policy)
        preset(settings.matrix)
        if settings.shard:
            Shard.parse(settings.shard)
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from exc
    config.stash[_SETTINGS] = settings
    if not hasattr(config, "workerinput"):
        config.pluginmanager.register(_SummaryPlugin(RunSummary(settings.reports_dir)))


_SETTINGS = pytest.StashKey[HarnessConfig]()


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` means as many workers as the machine can run side by side, not one per
    core: on 2 cores a second worker made the suite slower (README, "Performance")."""
    try:
        return chosen_workers()
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from exc


def _settings_from(config: pytest.Config) -> HarnessConfig:
    base = HarnessConfig.from_env()
    overrides: dict[str, Any] = {}
    step_shots = config.getoption("step_screenshots", default=None)
    if step_shots is not None:
        overrides["step_screenshots"] = step_shots == "on"
    for option, field_name in (
        ("device", "default_device"),
        ("cookie_policy", "default_cookie_policy"),
        ("headed", "headed"),
        ("slowmo", "slow_mo_ms"),
        ("tracing", "tracing"),
        ("chromium_path", "chromium_path"),
        ("matrix", "matrix"),
        ("shard", "shard"),
        ("browser_ws", "browser_ws"),
    ):
        value = config.getoption(option, default=None)
        if value is not None:
            overrides[field_name] = value
    return dataclasses.replace(base, **overrides)


def _setup_failure(exc: HarnessSetupError) -> BaseException:
    return pytest.fail.Exception(f"Harness set-up problem:\n{exc}", pytrace=False)


@pytest.fixture(scope="session")
def harness_config(pytestconfig: pytest.Config) -> HarnessConfig:
    return pytestconfig.stash[_SETTINGS]


@pytest.fixture(scope="session")
def mailpit_process(
    harness_config: HarnessConfig, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[MailpitProcess | None]:
    """The Mailpit this worker started, or None when the configuration names one."""
    if harness_config.mailpit_url:
        yield None
        return
    try:
        binary = find_mailpit(harness_config.mailpit_bin, harness_config.tools_dir)
        if binary is None:
            raise HarnessSetupError(MAILPIT_HELP)
        process = MailpitProcess(binary, tmp_path_factory.mktemp("mailpit"))
        process.start()
    except HarnessSetupError as exc:
        raise _setup_failure(exc) from exc
    yield process
    process.resume()
    process.stop()


@pytest.fixture(scope="session")
def mailpit_endpoints(
    harness_config: HarnessConfig, mailpit_process: MailpitProcess | None
) -> MailpitEndpoints:
    """The inbox: a configured Mailpit, or the one started for this worker on free ports."""
    if mailpit_process is None:
        assert harness_config.mailpit_url is not None
        try:
            return external_endpoints(harness_config.mailpit_url, harness_config.mailpit_smtp)
        except HarnessSetupError as exc:
            raise _setup_failure(exc) from exc
    assert mailpit_process.endpoints is not None
    return mailpit_process.endpoints


@pytest.fixture(scope="session")
def environment(
    harness_config: HarnessConfig,
    mailpit_endpoints: MailpitEndpoints,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Environment]:
    """The system under test: the embedded stub world, or the configured real one."""
    if harness_config.external is not None:
        yield external_environment(harness_config.external, mailpit_endpoints)
        return
    if harness_config.world_manifest:
        try:
            yield running_world(Path(harness_config.world_manifest), mailpit_endpoints)
        except HarnessSetupError as exc:
            raise _setup_failure(exc) from exc
        return
    world = StubWorldProcess(tmp_path_factory.mktemp("world"), mailpit_endpoints)
    try:
        env = world.start()
    except HarnessSetupError as exc:
        raise _setup_failure(exc) from exc
    yield env
    world.stop()


@pytest.fixture(scope="session")
def inbox(environment: Environment, harness_config: HarnessConfig) -> Iterator[MailpitClient]:
    client = MailpitClient(environment.mailpit.api_url, timeout_s=harness_config.email_timeout_s)
    yield client
    client.close()


@pytest.fixture(scope="session")
def stub_control(environment: Environment) -> Iterator[dict[str, ControlClient]]:
    """Control APIs of the stubs (only in the stub world)."""
    if not environment.has_control:
        pytest.skip("needs the stub world's control API; this run targets a real environment")
    clients = control_clients(environment)
    yield clients
    for client in clients.values():
        client.close()


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    """The process's one Playwright: a second sync Playwright cannot start beside it."""
    playwright = sync_playwright().start()
    yield playwright
    playwright.stop()


@pytest.fixture(scope="session")
def browser_pool(
    environment: Environment,
    harness_config: HarnessConfig,
    playwright_driver: Playwright,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[BrowserPool]:
    try:
        chromium = find_chromium(harness_config.chromium_path)
    except HarnessSetupError as exc:
        raise _setup_failure(exc) from exc
    playwright = playwright_driver
    # One deadline for every UI wait, page actions and expect() alike.
    expect.set_options(timeout=harness_config.ui_timeout_s * 1000)
    options = BrowserOptions(
        executable_path=chromium.path,
        headed=harness_config.headed,
        slow_mo_ms=harness_config.slow_mo_ms,
        tracing=harness_config.tracing,
        ui_timeout_s=harness_config.ui_timeout_s,
        remote_ws=harness_config.browser_ws,
    )
    try:
        pool = BrowserPool(playwright, environment, options, tmp_path_factory.mktemp("profiles"))
    except HarnessSetupError as exc:
        raise _setup_failure(exc) from exc
    yield pool
    pool.close()


@pytest.fixture
def browsers(
    browser_pool: BrowserPool,
    harness_config: HarnessConfig,
    request: pytest.FixtureRequest,
) -> Iterator[ScenarioBrowsers]:
    # pytest-rerunfailures counts attempts; the first retry of a scenario records a trace.
    retry = getattr(request.node, "execution_count", 1) > 1
    scenario_browsers = ScenarioBrowsers(
        browser_pool,
        harness_config.reports_dir / "artifacts",
        request.node.nodeid,
        trace=harness_config.tracing == "on-first-retry" and retry,
    )
    yield scenario_browsers
    report = getattr(request.node, "rep_call", None)
    failed = report is None or report.failed
    try:
        saved = scenario_browsers.finish(failed=failed, keep_trace=harness_config.tracing != "off")
    except HarnessSetupError as exc:
        raise _setup_failure(exc) from exc
    for path in saved:
        request.node.user_properties.append(("artifact", str(path)))


@pytest.fixture(autouse=True)
def matrix_device(request: pytest.FixtureRequest) -> str | None:
    """The device of this run of a `@matrix` scenario (None for other tests)."""
    return getattr(request, "param", None)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "matrix_device" in metafunc.fixturenames and metafunc.definition.get_closest_marker(
        "matrix"
    ):
        chosen = preset(metafunc.config.stash[_SETTINGS].matrix)
        metafunc.parametrize("matrix_device", chosen.devices, indirect=True, ids=chosen.devices)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    kept = _in_feature_paths(config, items)
    shard_text = config.stash[_SETTINGS].shard
    if shard_text:
        shard = Shard.parse(shard_text)
        kept = [item for item in kept if shard.owns(item.nodeid)]
    if len(kept) != len(items):
        chosen = set(kept)
        config.hook.pytest_deselected(items=[item for item in items if item not in chosen])
        items[:] = kept


def _in_feature_paths(config: pytest.Config, items: list[pytest.Item]) -> list[pytest.Item]:
    """The items whose feature file lies in a --feature-path (all items without one)."""
    wanted = [Path(p) for p in config.getoption("feature_path", default=None) or []]
    if not wanted:
        return list(items)
    roots = [(config.invocation_params.dir / p).resolve() for p in wanted]
    for given, root in zip(wanted, roots, strict=True):
        if not root.exists():
            raise pytest.UsageError(
                f"--feature-path {given}: no such feature file or folder "
                f"(looked for {root}). Feature files live under features/."
            )
    kept = []
    for item in items:
        function = getattr(item, "obj", None)
        template = scenario_wrapper_template_registry.get(function) if function else None
        if template is None:
            continue
        feature = Path(template.feature.filename).resolve()
        if any(feature == root or root in feature.parents for root in roots):
            kept.append(item)
    return kept


def scenario_defaults(
    request: pytest.FixtureRequest, config: HarnessConfig, matrix: str | None
) -> tuple[str, str]:
    """Device and cookie policy before any Given step: tag, then matrix, then options."""
    device_mark = request.node.get_closest_marker("harness_device")
    cookies_mark = request.node.get_closest_marker("harness_cookies")
    chosen_device = device_mark.args[0] if device_mark else matrix or config.default_device
    chosen_policy = cookies_mark.args[0] if cookies_mark else config.default_cookie_policy
    return chosen_device, chosen_policy


@pytest.fixture
def personas(
    inbox: MailpitClient,
    harness_config: HarnessConfig,
    matrix_device: str | None,
    request: pytest.FixtureRequest,
) -> Iterator[PersonaBook]:
    chosen_device, chosen_policy = scenario_defaults(request, harness_config, matrix_device)
    book = PersonaBook(inbox, device=chosen_device, cookie_policy=chosen_policy)
    yield book
    used = sorted({f"{p.device} / {p.cookie_policy}" for p in book.everyone()})
    if used:
        request.node.user_properties.append(("browsers", ", ".join(used)))
    book.clean_up()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.when == "call":
        item.rep_call = report  # type: ignore[attr-defined]
        # Steps ask for their fixtures as they run, so look in the request, not funcargs.
        scenario_browsers = _active(item, "browsers")
        if report.failed and isinstance(scenario_browsers, ScenarioBrowsers):
            diagnosis = cookie_diagnosis(item, scenario_browsers)
            if diagnosis:
                report.sections.append(("Cookie diagnosis", diagnosis))
        if report.failed:
            seen = what_broke(item, scenario_browsers)
            if seen:
                # First in the message, so the report's one-line reason says it.
                report.longrepr = "\n".join(seen) + "\n\n" + report.longreprtext
    return report


def _active(item: pytest.Item, name: str) -> object | None:
    """A fixture value the test has already set up (never sets one up just to look)."""
    request = getattr(item, "_request", None)
    if not isinstance(request, pytest.FixtureRequest) or name not in request.fixturenames:
        return None
    value: object = request.getfixturevalue(name)
    return value


def what_broke(item: pytest.Item, scenario_browsers: object) -> list[str]:
    """After a failure: a browser that crashed or a part of the world that stopped
    answering, said plainly, instead of leaving only the timeout it caused."""
    found: list[str] = []
    if isinstance(scenario_browsers, ScenarioBrowsers):
        for key, page in scenario_browsers.pages().items():
            if key in scenario_browsers.crashed or page.is_closed():
                found.append(
                    f"The browser {key.slug} crashed or was closed during this scenario. "
                    "The scenario failed; the next one starts a new browser."
                )
    environment = _active(item, "environment")
    if isinstance(environment, Environment):
        dead = check_alive(environment)
        if dead:
            item.user_properties.append(("dead_stubs", "; ".join(dead)))
        # A real environment may have no health route; only the stub world's are named.
        if environment.has_control:
            found += [f"The stub world is not answering: {d}." for d in dead]
        inbox = environment.mailpit.api_url
        try:
            httpx.get(f"{inbox}/readyz", timeout=3).raise_for_status()
        except httpx.HTTPError as exc:
            found.append(f"The inbox (Mailpit at {inbox}) is not answering: {type(exc).__name__}.")
    return found


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_apply_tag(tag: str, function: Any) -> bool | None:
    """`@device:NAME` and `@cookies:NAME` pin a scenario's browser; names are checked."""
    for prefix, (mark, check) in TAG_MARKS.items():
        if tag.startswith(prefix):
            value = tag.removeprefix(prefix)
            try:
                check(value)
            except ValueError as exc:
                raise pytest.UsageError(f"Tag @{tag}: {exc}") from exc
            getattr(pytest.mark, mark)(value)(function)
            return True
    return None


def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    if not any(step.type == "then" for step in scenario.steps):
        raise pytest.fail.Exception(
            f'Scenario "{scenario.name}" ({feature.rel_filename}) has no Then step, so it '
            "could pass without checking anything. Add the outcome it expects.",
            pytrace=False,
        )
    node = request.node
    node.user_properties.append(("feature", str(feature.name)))
    node.user_properties.append(("feature_file", str(feature.rel_filename)))
    node.user_properties.append(("scenario", str(scenario.name)))
    tags = sorted(set(feature.tags) | set(scenario.tags))
    node.user_properties.append(("tags", " ".join(tags)))
    outcome = next(step.name for step in scenario.steps if step.type == "then")
    node.user_properties.append(("expected", str(outcome)))


def cookie_diagnosis(item: pytest.Item, scenario_browsers: ScenarioBrowsers) -> str:
    """What the browser did with cookies, with the device and policy it did it under."""
    refused = scenario_browsers.blocked_cookies
    cleared = scenario_browsers.cleared_at_restart
    if not (refused or cleared):
        return ""
    expected = any(item.get_closest_marker(tag) for tag in EXPECTS_REFUSED_COOKIES)
    role = "evidence (this scenario is about refused cookies)" if expected else "likely cause"
    browsers = (
        ", ".join(f"{key.device} / {key.policy}" for key in scenario_browsers.pages())
        or "no browser"
    )
    lines = [f"The browser's cookie handling, as {role}, on {browsers}:"]
    lines += [f"  - {b.describe()}" for b in refused + cleared]
    return "\n".join(lines)


def pytest_bdd_step_func_lookup_error(
    request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, exception: Exception
) -> None:
    """An undefined step fails with where it is and a skeleton ready to paste."""
    function = re.sub(r"\W+", "_", step.name.lower()).strip("_")[:60] or "step"
    skeleton = (
        f"from pytest_bdd import {step.type}, parsers\n\n\n"
        f"@{step.type}(parsers.parse({step.name!r}))\n"
        f"def {function}() -> None:\n"
        f"    raise NotImplementedError\n"
    )
    raise pytest.fail.Exception(
        f'Undefined step: {step.keyword} "{step.name}"\n'
        f"  at {feature.rel_filename}:{step.line_number} "
        f'in scenario "{scenario.name}".\n'
        "Is it misspelled? Otherwise add it to the matching module in steps/:\n\n"
        f"{skeleton}",
        pytrace=False,
    )


class _SummaryPlugin:
    """Collects every scenario's result on the controlling process (xdist forwards them)."""

    def __init__(self, summary: RunSummary) -> None:
        self.summary = summary

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.summary.add(report)

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if self.summary.has_scenarios():
            self.summary.write()

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.summary.has_scenarios():
            terminalreporter.write_sep("=", "S-login scenarios")
            for line in self.summary.terminal_lines():
                terminalreporter.write_line(line)


@pytest.fixture
def ui(browsers: ScenarioBrowsers, environment: Environment) -> UI:
    return UI(browsers, environment)


def _identity_site_or_skip(environment: Environment, name: str) -> None:
    if name not in environment.more:
        pytest.skip(f"needs the {name!r} site of the identity flows, which this environment lacks")


@pytest.fixture(scope="session")
def sms_gateway(
    environment: Environment, harness_config: HarnessConfig
) -> Iterator[SmsGatewayClient]:
    _identity_site_or_skip(environment, "sms")
    client = SmsGatewayClient(environment, timeout_s=harness_config.email_timeout_s)
    yield client
    client.close()


@pytest.fixture(scope="session")
def bank_control(environment: Environment) -> Iterator[BankControl]:
    _identity_site_or_skip(environment, "bank")
    client = BankControl(environment)
    yield client
    client.close()


@pytest.fixture(scope="session")
def register_control(environment: Environment) -> Iterator[RegisterControl]:
    _identity_site_or_skip(environment, "register")
    client = RegisterControl(environment)
    yield client
    client.close()
