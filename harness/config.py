"""Harness configuration: one frozen object built from environment variables and options."""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar, get_args

from harness import env_profiles, setting_values
from harness.cookie_policies import cookie_policy
from harness.devices import device
from harness.env_profiles import PROJECT_ROOT as PROJECT_ROOT
from harness.env_profiles import EnvironmentProfile
from harness.matrix import Shard, preset

T = TypeVar("T")

# Playwright traces: every scenario, none, every failure, or only reruns of failures.
# The run's mode is read in one place, harness/pytest/recording.py, with the video and
# screenshot modes (--tracing or HARNESS_TRACING); this module only names the modes.
TracingMode = Literal["on", "off", "retain-on-failure", "on-first-retry"]
TRACING_MODES: tuple[TracingMode, ...] = get_args(TracingMode)


# Open profiles per worker. A scenario uses one to three (two personas, a second device);
# a device of the matrix uses up to five (one per cookie policy) and scenarios are ordered
# device by device, so four keep relaunches rare while a worker's browsers stay near half a
# gigabyte (README, "Memory"; benchmarks/memory.py measures it against no bound).
DEFAULT_MAX_BROWSERS = 4
# Well above what a worker with the default bound uses, well below a 7 GB CI runner.
DEFAULT_MEMORY_LIMIT_MB = 2048


DEFAULT_EMAIL_TIMEOUT_S = 15.0
DEFAULT_UI_TIMEOUT_S = 10.0


class _Settings:
    """The HARNESS_* variables of one environment, each read with the parser of its kind."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = env

    def text(self, name: str) -> str | None:
        value = self.env.get(name, "").strip()
        return value or None

    def read(self, name: str, default: T, parse: Callable[[str, str], T]) -> T:
        value = self.text(name)
        return default if value is None else parse(name, value)

    def named(self, name: str, default: str, check: Callable[[str], object]) -> str:
        """A name from a catalogue (device, cookie policy, matrix preset), checked."""
        value = self.text(name)
        if value is None:
            return default
        setting_values.checked(name, value, check)
        return value


# Every HARNESS_* variable the harness reads (README, "Settings"); HARNESS_START_GATE is
# set by ./qa for its own pytest run.
SETTINGS = frozenset(
    {
        "HARNESS_A11Y", "HARNESS_COOKIE_POLICY", "HARNESS_DEVICE", "HARNESS_EMAIL_TIMEOUT",
        "HARNESS_ENV", "HARNESS_GRID_URL", "HARNESS_HEADED", "HARNESS_MATRIX",
        "HARNESS_MAX_BROWSERS", "HARNESS_MEMORY_LIMIT_MB", "HARNESS_REGISTER_TOKEN",
        "HARNESS_REPORTS_DIR", "HARNESS_SCREENSHOT", "HARNESS_SHARD", "HARNESS_SLOWMO_MS",
        "HARNESS_START_GATE", "HARNESS_STEP_SCREENSHOTS", "HARNESS_TRACE_SNAPSHOTS",
        "HARNESS_TRACING", "HARNESS_UI_TIMEOUT", "HARNESS_VIDEO", "HARNESS_VISUAL",
        "HARNESS_WORKERS", "HARNESS_WORLD_START_TIMEOUT",
    }
)  # fmt: skip


def misspelt_settings(env: Mapping[str, str]) -> list[str]:
    """A line for each HARNESS_* variable that is not a setting but looks like one, which
    the run would otherwise ignore without a word. Others with the prefix are left alone:
    other tools use it too (Harness CI sets HARNESS_BUILD_ID and the like)."""
    lines = []
    for name in sorted(env):
        if not name.startswith("HARNESS_") or name in SETTINGS:
            continue
        close = difflib.get_close_matches(name, SETTINGS, n=1, cutoff=0.85)
        if close:
            lines.append(f"{name} is not a setting and is ignored; did you mean {close[0]}?")
    return lines


def _grid_url(name: str, value: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise ValueError(
            f"{name}={value!r} is not a Selenium Grid URL (http://HOST:PORT, as "
            "`./qa grid status` prints it)."
        )
    return value.rstrip("/")


def _reports_dir(name: str, value: str) -> Path:
    path = Path(value).expanduser()
    if path.exists() and not path.is_dir():
        raise ValueError(f"{name}={value!r} is a file; give a folder for the reports.")
    return path


def _workers(name: str, value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{name}={value!r} is not a whole number of workers (1 or more).")
    return int(value)


def _shard(name: str, value: str) -> str:
    try:
        Shard.parse(value)
    except ValueError:
        raise ValueError(
            f"{name}={value!r} is not a shard I/N with I from 1 to N (for example 2/4)."
        ) from None
    return value


@dataclass(frozen=True)
class HarnessConfig:
    """Everything the harness needs to know before it starts anything."""

    reports_dir: Path = field(default_factory=lambda: PROJECT_ROOT / "reports")
    tools_dir: Path = field(default_factory=lambda: PROJECT_ROOT / ".tools")
    chromium_path: str | None = None
    mailpit_bin: str | None = None
    # The system under test: the stub world, a served one, or a remote environment.
    target: EnvironmentProfile = field(default_factory=EnvironmentProfile)
    headed: bool = False
    slow_mo_ms: float = 0.0
    default_device: str = "desktop-chrome"
    default_cookie_policy: str = "allow"
    email_timeout_s: float = DEFAULT_EMAIL_TIMEOUT_S
    ui_timeout_s: float = DEFAULT_UI_TIMEOUT_S
    # The stub world's start deadline; None adapts it to the machine's load.
    world_start_timeout_s: float | None = None
    matrix: str = "default"
    shard: str | None = None
    # A Selenium Grid's URL: every scenario's browsers run on its nodes (--grid).
    grid_url: str | None = None
    step_screenshots: bool = True
    # Browser profiles a worker keeps open at once (0: no bound); see DEFAULT_MAX_BROWSERS.
    max_browsers: int = 0
    # A worker whose processes use more than this says so in the report (0: never).
    memory_limit_mb: int = 0

    @property
    def mailpit_url(self) -> str | None:
        """The inbox API the environment names (MAILPIT_URL or its file), if any."""
        return self.target.inbox.api_url

    @property
    def mailpit_smtp(self) -> str | None:
        return self.target.inbox.smtp

    @classmethod
    def from_env(
        cls, environment: str | None = None, env: Mapping[str, str] | None = None
    ) -> HarnessConfig:
        """The settings of the variables, and the environment `--env` chose (else
        HARNESS_ENV). A bad value stops here, naming the setting and what it accepts."""
        e = os.environ if env is None else env
        s = _Settings(e)
        target = env_profiles.load(environment, e)
        # Checked here so that ./qa stops before it starts anything; workers.py reads it.
        s.read("HARNESS_WORKERS", 0, _workers)
        return cls(
            reports_dir=s.read("HARNESS_REPORTS_DIR", PROJECT_ROOT / "reports", _reports_dir),
            chromium_path=s.text("CHROMIUM_PATH"),
            mailpit_bin=s.text("MAILPIT_BIN"),
            target=target,
            headed=s.read("HARNESS_HEADED", False, setting_values.on_off),
            slow_mo_ms=s.read("HARNESS_SLOWMO_MS", 0.0, setting_values.milliseconds),
            default_device=s.named("HARNESS_DEVICE", "desktop-chrome", device),
            default_cookie_policy=s.named("HARNESS_COOKIE_POLICY", "allow", cookie_policy),
            email_timeout_s=target.email_timeout_s or DEFAULT_EMAIL_TIMEOUT_S,
            ui_timeout_s=target.ui_timeout_s or DEFAULT_UI_TIMEOUT_S,
            world_start_timeout_s=target.world_start_timeout_s,
            matrix=s.named("HARNESS_MATRIX", "default", preset),
            shard=s.read("HARNESS_SHARD", None, _shard),
            grid_url=s.read("HARNESS_GRID_URL", None, _grid_url),
            step_screenshots=s.read("HARNESS_STEP_SCREENSHOTS", True, setting_values.on_off),
            max_browsers=s.read(
                "HARNESS_MAX_BROWSERS",
                DEFAULT_MAX_BROWSERS,
                lambda n, v: setting_values.count(n, v, "browsers"),
            ),
            memory_limit_mb=s.read(
                "HARNESS_MEMORY_LIMIT_MB",
                DEFAULT_MEMORY_LIMIT_MB,
                lambda n, v: setting_values.count(n, v, "megabytes"),
            ),
        )
