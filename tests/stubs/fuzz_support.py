"""Fuzzing one stub in-process with schemathesis: its schema, the browsers that call it, the
checks, the findings and the report of how many cases were generated. (No tests here.)"""

from __future__ import annotations

import fcntl
import json
import math
import os
import time
import traceback
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import CheckFunction, not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

ROOT = Path(__file__).resolve().parents[2]
# Cases per operation, shared out among the browsers; a nightly run raises it (e.g. 500).
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "30"))
REPORT = Path(os.environ.get("FUZZ_REPORT", ROOT / "reports" / "fuzz.json"))
HTML = "text/html"


@dataclass(frozen=True)
class Visit:
    """What a browser (or a server) brings to each request: cookies, headers, query
    parameters, and form fields it knows, such as its CSRF token."""

    cookies: Mapping[str, str] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    query: Mapping[str, str] = field(default_factory=dict)
    form: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Browser:
    """A caller in one state: `visit` makes that state (after the stub was reset) and says
    what the caller sends; `per_case` when one request uses the state up (a sign-in that
    was started can be finished once)."""

    name: str
    visit: Callable[[], Visit] = Visit
    per_case: bool = False


@dataclass(frozen=True)
class Target:
    """One stub to fuzz: the app, its public URL, its OpenAPI document, who calls it and
    the checks its answers must pass."""

    name: str
    app: FastAPI
    base_url: str
    document: dict[str, Any]
    browsers: tuple[Browser, ...]
    reset: Callable[[], None]
    checks: tuple[CheckFunction, ...]


@dataclass(frozen=True)
class Finding:
    """A server error or a schema violation, with the shortest request that showed it."""

    operation: str
    browser: str
    problem: str
    status: int | None
    request: str
    detail: str

    def render(self) -> str:
        status = f"status {self.status}" if self.status is not None else "exception"
        return (
            f"{self.operation} [{self.browser}] {self.problem} ({status})\n"
            f"    {self.request}\n    {self.detail}"
        )


@dataclass
class Fuzzed:
    """What one run generated and found."""

    cases: int = 0
    by_operation: dict[str, int] = field(default_factory=dict)
    findings: dict[tuple[str, str, str], Finding] = field(default_factory=dict)
    seconds: float = 0.0

    def found(self, key: tuple[str, str, str], finding: Finding) -> None:
        known = self.findings.get(key)
        if known is None or len(finding.request) < len(known.request):
            self.findings[key] = finding


# --- checks --------------------------------------------------------------------------------


def no_server_error(ctx: Any, response: Any, case: Any) -> bool | None:
    """`not_a_server_error`, except a 503 the operation documents: a page saying that a
    service it depends on is down is an answer, not a crash."""
    if response.status_code == 503 and "503" in case.operation.responses.status_codes:
        return None
    return not_a_server_error(ctx, response, case)


STRICT: tuple[CheckFunction, ...] = (
    no_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
)


@dataclass(frozen=True)
class UndocumentedPages:
    """For an app whose browser routes document only FastAPI's defaults (200 and a JSON
    422): the answers that are still legitimate there. A redirect (303); an HTML page with
    one of `html_statuses`; FastAPI's JSON 404 for a language other than sv, fi or en.
    `json_extra` lists, per JSON operation, undocumented statuses that are its contract
    (an OAuth error of /token, say)."""

    browser_route: Callable[[str], bool]
    html_statuses: frozenset[int]
    json_extra: Mapping[str, frozenset[int]]

    def accepts(self, response: Any, case: Any) -> bool:
        status: int = response.status_code
        if status in self.json_extra.get(case.operation.label, frozenset()):
            return True
        if not self.browser_route(case.operation.path):
            return False
        media = _media_type(response)
        return (
            status == 303
            or (status in self.html_statuses and media == HTML)
            or (status == 404 and media == "application/json")
        )

    def checks(self) -> tuple[CheckFunction, ...]:
        def lenient(check: CheckFunction) -> CheckFunction:
            def run(ctx: Any, response: Any, case: Any) -> bool | None:
                if self.accepts(response, case):
                    return None
                result: bool | None = check(ctx, response, case)
                return result

            run.__name__ = check.__name__
            return run

        return tuple(lenient(check) for check in STRICT[:3]) + STRICT[3:]


def _media_type(response: Any) -> str | None:
    values = response.headers.get("content-type")
    return str(values[0]).split(";")[0].strip().lower() if values else None


# --- the schema ----------------------------------------------------------------------------


def with_vocabulary(document: dict[str, Any], words: Mapping[str, Collection[str]]) -> None:
    """Give path parameters their real vocabulary (the app types them as any string and
    answers 404 to the rest): positive cases then reach the route, negative ones the 404."""
    for operations in document["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path" and parameter["name"] in words:
                    values = sorted(words[parameter["name"]])
                    parameter["schema"] = {"type": "string", "enum": values}


def load_schema(target: Target) -> Any:
    schema = schemathesis.openapi.from_dict(target.document)
    schema.app = target.app  # calls go to the app in-process, as from_asgi would set up
    return schema


# --- the run -------------------------------------------------------------------------------


def _where(exc: BaseException) -> str:
    """The innermost frame of the stub's own code, e.g. `stub_services/x.py:12 in f: …`."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "stub_services" in f.filename]
    if not frames:
        return "outside the stub's code"
    frame = frames[-1]
    path = Path(frame.filename).resolve()
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    return f"{shown}:{frame.lineno} in {frame.name}: {frame.line}"


def _fill_form(case: Any, form: Mapping[str, str]) -> None:
    if form and isinstance(case.body, dict):
        for name, value in form.items():
            if name in case.body:
                case.body[name] = value


def per_browser(target: Target, examples: int = EXAMPLES) -> int:
    """The cases of one operation for one browser: `examples` shared out evenly."""
    return max(1, math.ceil(examples / len(target.browsers)))


def fuzz(target: Target, examples: int = EXAMPLES) -> Fuzzed:
    """Every operation, with every browser from a freshly reset stub: up to `examples`
    cases an operation (fewer when its inputs are few), drawn from the positive (valid by
    the schema) and the negative (violating it) cases."""
    started = time.monotonic()
    fuzzed = Fuzzed()
    for result in load_schema(target).get_all_operations():
        operation = result.ok()
        cases = st.one_of(
            operation.as_strategy(GenerationMode.POSITIVE),
            operation.as_strategy(GenerationMode.NEGATIVE),
        )
        for browser in target.browsers:
            target.reset()
            _fuzz_pass(target, browser, cases, fuzzed, per_browser(target, examples))
    fuzzed.seconds = time.monotonic() - started
    return fuzzed


def _fuzz_pass(target: Target, browser: Browser, cases: Any, fuzzed: Fuzzed, examples: int) -> None:
    shared = None if browser.per_case else browser.visit()

    # `fill`: whether the browser fills in the form fields it knows (its CSRF token) over
    # the generated ones, so that both its own form and a forged one are tried.
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=(Phase.explicit, Phase.generate),
        suppress_health_check=(
            HealthCheck.too_slow,
            HealthCheck.filter_too_much,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ),
    )
    @given(case=cases, fill=st.booleans())
    def one_case(case: Any, fill: bool) -> None:
        visit = shared if shared is not None else browser.visit()
        if fill:
            _fill_form(case, visit.form)
        fuzzed.cases += 1
        label = case.operation.label
        fuzzed.by_operation[label] = fuzzed.by_operation.get(label, 0) + 1
        _call(target, browser, visit, case, fuzzed)

    one_case()


def _call(target: Target, browser: Browser, visit: Visit, case: Any, fuzzed: Fuzzed) -> None:
    label = case.operation.label
    headers = dict(visit.headers)
    token = getattr(getattr(target.app, "state", None), "control_token", None)
    if token and case.path.startswith("/_control"):
        # As the harness sends it, in place of a server's own API token.
        headers["Authorization"] = f"Bearer {token}"
    try:
        response = case.call(
            base_url=target.base_url,
            headers=headers,
            cookies=dict(visit.cookies),
            params=dict(visit.query),
            allow_redirects=False,
        )
    except Exception as exc:  # in-process, the app's exception reaches the caller: a 500
        where = _where(exc)
        finding = Finding(
            label,
            browser.name,
            f"server error: {type(exc).__name__}: {str(exc)[:160]}",
            None,
            case.as_curl_command(headers=headers, base_url=target.base_url),
            where,
        )
        fuzzed.found((label, type(exc).__name__, where), finding)
        return
    try:
        case.validate_response(response, checks=list(target.checks), headers=headers)
    except (Failure, FailureGroup) as exc:
        failures = exc.exceptions if isinstance(exc, FailureGroup) else (exc,)
        for failure in failures:
            finding = Finding(
                label,
                browser.name,
                failure.title,
                response.status_code,
                case.as_curl_command(headers=headers, base_url=target.base_url),
                " ".join(failure.message.split())[:300],
            )
            fuzzed.found((label, failure.title, str(response.status_code)), finding)


# --- the report ----------------------------------------------------------------------------


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """One writer at a time (pytest-xdist runs the apps in several processes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with (path.parent / f".{path.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def record(target: Target, fuzzed: Fuzzed, path: Path = REPORT) -> dict[str, Any]:
    """Add this app's counts to the report (other apps' entries stay) and return the report."""
    entry = {
        "cases": fuzzed.cases,
        "operations": len(fuzzed.by_operation),
        "browsers": [b.name for b in target.browsers],
        "examples_per_operation": EXAMPLES,
        "examples_per_operation_and_browser": per_browser(target),
        "findings": len(fuzzed.findings),
        "seconds": round(fuzzed.seconds, 1),
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "cases_by_operation": dict(sorted(fuzzed.by_operation.items())),
    }
    with _locked(path):
        report: dict[str, Any] = {"apps": {}}
        if path.exists():
            with suppress(json.JSONDecodeError):  # a broken report is started afresh
                report = json.loads(path.read_text())
        report.setdefault("apps", {})[target.name] = entry
        report["total_cases"] = sum(app["cases"] for app in report["apps"].values())
        report["schemathesis"] = schemathesis.__version__
        path.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n")
    return report
