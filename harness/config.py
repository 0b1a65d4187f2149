"""Harness configuration: one frozen object built from environment variables and options."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Playwright traces: every scenario, none, every failure, or only reruns of failures.
TracingMode = Literal["on", "off", "retain-on-failure", "on-first-retry"]
TRACING_MODES: tuple[TracingMode, ...] = get_args(TracingMode)


# Open profiles per worker. A scenario uses one to three (two personas, a second device);
# a device of the matrix uses up to five (one per cookie policy) and scenarios are ordered
# device by device, so four keep relaunches rare while a worker's browsers stay near half a
# gigabyte (README, "Memory"; benchmarks/memory.py measures it against no bound).
DEFAULT_MAX_BROWSERS = 4
# Well above what a worker with the default bound uses, well below a 7 GB CI runner.
DEFAULT_MEMORY_LIMIT_MB = 2048


def tracing_mode(text: str) -> TracingMode:
    """HARNESS_TRACING or --tracing, checked against the modes the browsers know."""
    for mode in TRACING_MODES:
        if text == mode:
            return mode
    raise ValueError(f"Unknown tracing mode {text!r}. Valid modes: {', '.join(TRACING_MODES)}")


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return float(value)
    except ValueError as exc:
        raise ValueError(f"{name}={value!r} is not a number of seconds") from exc


def _env_count(name: str, default: int, unit: str) -> int:
    """A whole number of `unit` from the environment; 0 is allowed, a negative is not."""
    value = os.environ.get(name)
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise ValueError(f"{name}={value!r} is not a whole number of {unit} (0 or more)")
    return number


def _shop_urls(text: str) -> tuple[tuple[str, str], ...]:
    """SLOGIN_SHOP_URLS: `prisma=https://...,sokos=https://...`."""
    pairs = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, sep, url = item.partition("=")
        if not sep or not name.strip() or not url.strip().startswith("https://"):
            raise ValueError(
                f"SLOGIN_SHOP_URLS item {item!r} is not NAME=https://URL "
                "(e.g. prisma=https://www.prisma.fi,s-kaupat=https://www.s-kaupat.fi)"
            )
        pairs.append((name.strip(), url.strip().rstrip("/")))
    return tuple(pairs)


@dataclass(frozen=True)
class ExternalTarget:
    """Base URLs of a real (staging) environment that replaces the stub world."""

    signin_url: str
    etukortti_url: str
    # The group's shops and app sites by name (prisma, sokos, ...), from SLOGIN_SHOP_URLS.
    shop_urls: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class HarnessConfig:
    """Everything the harness needs to know before it starts anything."""

    reports_dir: Path = field(default_factory=lambda: PROJECT_ROOT / "reports")
    tools_dir: Path = field(default_factory=lambda: PROJECT_ROOT / ".tools")
    chromium_path: str | None = None
    mailpit_url: str | None = None
    mailpit_smtp: str | None = None
    mailpit_bin: str | None = None
    external: ExternalTarget | None = None
    headed: bool = False
    slow_mo_ms: float = 0.0
    tracing: TracingMode = "on-first-retry"
    default_device: str = "desktop-chrome"
    default_cookie_policy: str = "allow"
    email_timeout_s: float = 15.0
    ui_timeout_s: float = 10.0
    matrix: str = "default"
    shard: str | None = None
    # A Selenium Grid's URL: every scenario's browsers run on its nodes (--grid).
    grid_url: str | None = None
    world_manifest: str | None = None
    step_screenshots: bool = True
    # Browser profiles a worker keeps open at once (0: no bound); see DEFAULT_MAX_BROWSERS.
    max_browsers: int = 0
    # A worker whose processes use more than this says so in the report (0: never).
    memory_limit_mb: int = 0

    @classmethod
    def from_env(cls) -> HarnessConfig:
        external = None
        signin = os.environ.get("SLOGIN_SIGNIN_URL")
        etukortti = os.environ.get("SLOGIN_ETUKORTTI_URL")
        if signin or etukortti:
            if not (signin and etukortti):
                raise ValueError(
                    "To run against a real environment set both SLOGIN_SIGNIN_URL and "
                    "SLOGIN_ETUKORTTI_URL (and MAILPIT_URL for its inbox); unset both to "
                    "use the embedded stub world."
                )
            external = ExternalTarget(
                signin.rstrip("/"),
                etukortti.rstrip("/"),
                _shop_urls(os.environ.get("SLOGIN_SHOP_URLS", "")),
            )
        reports = os.environ.get("HARNESS_REPORTS_DIR")
        return cls(
            reports_dir=Path(reports) if reports else PROJECT_ROOT / "reports",
            chromium_path=os.environ.get("CHROMIUM_PATH") or None,
            mailpit_url=(os.environ.get("MAILPIT_URL") or "").rstrip("/") or None,
            mailpit_smtp=os.environ.get("MAILPIT_SMTP") or None,
            mailpit_bin=os.environ.get("MAILPIT_BIN") or None,
            external=external,
            headed=_env_bool("HARNESS_HEADED"),
            slow_mo_ms=_env_float("HARNESS_SLOWMO_MS", 0.0),
            tracing=tracing_mode(os.environ.get("HARNESS_TRACING") or "on-first-retry"),
            default_device=os.environ.get("HARNESS_DEVICE", "desktop-chrome"),
            default_cookie_policy=os.environ.get("HARNESS_COOKIE_POLICY", "allow"),
            email_timeout_s=_env_float("HARNESS_EMAIL_TIMEOUT", 15.0),
            ui_timeout_s=_env_float("HARNESS_UI_TIMEOUT", 10.0),
            matrix=os.environ.get("HARNESS_MATRIX", "default"),
            shard=os.environ.get("HARNESS_SHARD") or None,
            grid_url=(os.environ.get("HARNESS_GRID_URL") or "").rstrip("/") or None,
            world_manifest=os.environ.get("SLOGIN_WORLD_MANIFEST") or None,
            step_screenshots=_env_bool("HARNESS_STEP_SCREENSHOTS", default=True),
            max_browsers=_env_count("HARNESS_MAX_BROWSERS", DEFAULT_MAX_BROWSERS, "browsers"),
            memory_limit_mb=_env_count(
                "HARNESS_MEMORY_LIMIT_MB", DEFAULT_MEMORY_LIMIT_MB, "megabytes"
            ),
        )
