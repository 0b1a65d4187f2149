"""A scenario whose browser crashes fails with that said plainly; the run goes on."""

from __future__ import annotations

import json
import zipfile

import pytest

pytest_plugins = ["pytester"]

FEATURE = """\
Feature: Crashes
  Scenario: The browser dies under Sara
    Given Sara has an S-login
    When Sara's browser crashes while she signs in
    Then Sara sees her own details on "Mina uppgifter"

  Scenario: The next customer still gets a browser
    Given Sara has an S-login
    When Sara signs in with the code from her email
    Then Sara sees her own details on "Mina uppgifter"
"""

STEPS = """\
import os
import signal
from pathlib import Path

from pytest_bdd import scenarios, when


from harness.personas import PersonaBook
from harness.ui import UI

scenarios("crashes.feature")


def browser_pids(profile: str) -> list[int]:
    \"\"\"Every process of this profile: the wrapper script, Chromium and its helpers.\"\"\"
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\\0")
        except OSError:
            continue
        args = [a.decode(errors="replace") for a in argv]
        if any(a == f"--user-data-dir={profile}" for a in args):
            pids.append(int(entry.name))
    return pids


@when("Sara's browser crashes while she signs in")
def browser_crashes(personas: PersonaBook, ui: UI) -> None:
    customer = ui.of(personas["Sara"])
    customer.etukortti.start_sign_in()
    profiles = [str(p.user_data_dir) for p in ui.browsers.pool._open.values()]
    pids = [pid for profile in profiles for pid in browser_pids(profile)]
    assert pids, f"no Chromium process found for {profiles}"
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
"""

CONFTEST = """\
pytest_plugins = [
    "harness.plugin",
    "steps.personas",
    "steps.devices",
    "steps.sign_in",
    "steps.account",
]
"""


def test_a_crashed_browser_fails_its_scenario_with_a_clear_message_and_the_run_goes_on(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HARNESS_REPORTS_DIR", str(pytester.path / "reports"))
    pytester.makefile(".feature", crashes=FEATURE)
    pytester.makepyfile(test_crashes=STEPS)
    pytester.makeconftest(CONFTEST)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:randomly")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        ["*The browser desktop-chrome--allow--0 crashed or was closed during this scenario*"]
    )


WORLD_FEATURE = """\
Feature: The world goes away
  Scenario: The stub world stops while Sara signs in
    Given Sara has an S-login
    When the whole stub world stops
    And Sara signs in with the code from her email
    Then Sara sees her own details on "Mina uppgifter"
"""

WORLD_STEPS = """\
import json
import os
import signal

from pytest_bdd import scenarios, when

from harness.environment import Environment
from harness.waiting import wait_until

scenarios("world.feature")


@when("the whole stub world stops")
def world_stops(environment: Environment) -> None:
    manifest = environment.manifest_path
    pid = json.loads(manifest.read_text())["pid"]
    os.kill(pid, signal.SIGTERM)
    # The world removes its manifest once every stub has stopped.
    gone = lambda: None if manifest.exists() else True
    wait_until(gone, timeout_s=20, what="the world to stop")
"""


def test_a_stub_world_that_stopped_answering_is_named_in_the_failure(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HARNESS_REPORTS_DIR", str(pytester.path / "reports"))
    monkeypatch.setenv("HARNESS_UI_TIMEOUT", "3")
    pytester.makefile(".feature", world=WORLD_FEATURE)
    pytester.makepyfile(test_world=WORLD_STEPS)
    pytester.makeconftest(CONFTEST)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    # Which stubs are named varies: in the full suite some ports answered again at once.
    result.stdout.fnmatch_lines(
        ["*The stub world is not answering: * (https://127.0.0.1:*) unreachable*"]
    )


WRONG_FEATURE = """\
@C18
Feature: Expecting AUTH-4376 where cookies are allowed
  Scenario: Sara expects a failure that does not come
    Given Sara has an S-login
    When Sara signs in with the code from her email
    Then Sara sees that sign-in failed with error code AUTH-4376
"""

WRONG_STEPS = 'from pytest_bdd import scenarios\n\nscenarios("wrong.feature")\n'


def test_a_failure_names_its_step_evidence_and_the_cookies_nobody_refused(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    reports = pytester.path / "reports"
    monkeypatch.setenv("HARNESS_REPORTS_DIR", str(reports))
    monkeypatch.setenv("HARNESS_UI_TIMEOUT", "3")
    pytester.makefile(".feature", wrong=WRONG_FEATURE)
    pytester.makepyfile(test_wrong=WRONG_STEPS)
    plugins = '["harness.living_docs.plugin", "steps.auth_failure"]'
    pytester.makeconftest(CONFTEST + f"pytest_plugins += {plugins}\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    out = result.stdout.str()
    failure = out[out.index("FAILURES") :]
    result.stdout.fnmatch_lines(
        [
            "Failed step at wrong.feature:6: Then Sara sees that sign-in failed with error code*",
            "Expected: *",
            "Sara's page (desktop-chrome / allow) showed https://*",
            "Screenshot: *desktop-chrome--allow--0.png",
            "Trace: *desktop-chrome--allow--0-trace.zip (npx playwright show-trace FILE; "
            "without DOM snapshots and network: --trace-snapshots on adds them)",
            "Cookie diagnosis: no cookie was refused (browsers: Sara: desktop-chrome / allow). "
            "This scenario expects the sign-in cookie to be refused (AUTH-4376).",
        ]
    )
    assert "pytest_bdd" not in failure.split("S-login scenarios")[0]
    # The default tracing keeps a trace of a first failure, its actions grouped by step.
    traces = list((reports / "artifacts").rglob("*-trace.zip"))
    assert len(traces) == 1
    with zipfile.ZipFile(traces[0]) as archive:
        events = "".join(
            archive.read(name).decode(errors="replace")
            for name in archive.namelist()
            if name.endswith(".trace")
        )
    assert "When Sara signs in with the code from her email" in events
    # With step screenshots on it holds no DOM snapshots (the step pictures, the failure
    # screenshot and the page view show the pages), but every action with its log.
    assert '"type":"frame-snapshot"' not in events
    assert '"method":"click"' in events
    # The HTML report shows the screenshot under the failed step, not among hooks.
    messages = [json.loads(line) for line in (reports / "cucumber-messages.ndjson").open()]
    failed_step = next(
        m["testStepFinished"]["testStepId"]
        for m in messages
        if m.get("testStepFinished", {}).get("testStepResult", {}).get("status") == "FAILED"
    )
    on_failed = [
        m["attachment"]["mediaType"]
        for m in messages
        if m.get("attachment", {}).get("testStepId") == failed_step
    ]
    assert "image/png" in on_failed
    assert "application/zip" in on_failed
    assert not failed_step.endswith("teardown")
    browsers = json.loads((reports / "summary.json").read_text())["scenarios"][0]["browsers"]
    assert [(b["persona"], b["device"], b["cookie_policy"]) for b in browsers] == [
        ("Sara", "desktop-chrome", "allow")
    ]
