"""Turn the workers' attempt records into one Cucumber Messages stream (NDJSON)."""

from __future__ import annotations

import json
import platform
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from harness.living_docs.gherkin_source import Envelope, FeatureSource
from harness.living_docs.records import AttachmentRecord, AttemptRecord, PhaseRecord

PROTOCOL_VERSION = "34.2.1"
# A flaky scenario is one that failed and then passed on a rerun. Cucumber has no
# "flaky" status, so a separate check step reports it as FAILED: its own steps stay
# green, and the scenario does not count as passed.
HOOKS = {
    "setup": ("BEFORE_TEST_CASE", "Harness set-up (stub world, inbox, browsers)"),
    "teardown": ("AFTER_TEST_CASE", "Harness tear-down and evidence of failure"),
    "retry": ("AFTER_TEST_CASE", "Retry check: a scenario must pass on its first attempt"),
}


def timestamp(epoch_s: float) -> dict[str, int]:
    seconds = int(epoch_s)
    return {"seconds": seconds, "nanos": int((epoch_s - seconds) * 1e9)}


def duration(seconds_f: float) -> dict[str, int]:
    return timestamp(max(seconds_f, 0.0))


def _hook_id(name: str) -> str:
    return f"harness-hook-{name}"


def _variant(nodeid: str) -> str:
    match = re.search(r"\[(.+)\]$", nodeid)
    return match.group(1) if match else nodeid


class MessageBuilder:
    """Collects features and attempts, then writes them in the order Cucumber expects."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.features: dict[str, FeatureSource] = {}
        self.attempts: dict[str, list[AttemptRecord]] = defaultdict(list)

    def add(self, records: Iterable[AttemptRecord]) -> None:
        for record in records:
            if record.uri not in self.features:
                self.features[record.uri] = FeatureSource.read(record.uri, self.root / record.uri)
            self.attempts[record.nodeid].append(record)

    def scenario_count(self) -> int:
        return len(self.attempts)

    def envelopes(self, *, started: float, finished: float, success: bool) -> list[Envelope]:
        run_id = uuid.uuid4().hex
        out: list[Envelope] = [_meta(), {"testRunStarted": {"id": run_id, **_ts(started)}}]
        for name, (kind, label) in HOOKS.items():
            out.append(
                {
                    "hook": {
                        "id": _hook_id(name),
                        "name": label,
                        "type": kind,
                        "sourceReference": {"uri": "harness/living_docs/recorder.py"},
                    }
                }
            )
        pickles, cases = self._test_cases(run_id)
        for uri in sorted(self.features):
            for envelope in self.features[uri].envelopes:
                if "pickle" not in envelope:
                    out.append(envelope)
            out += [{"pickle": p} for p in pickles if p["uri"] == uri]
        for case, attempts in cases:
            out.append({"testCase": case})
            for record in attempts:
                out += _attempt(case, record, final=record is attempts[-1], flaky=_flaky(attempts))
        out.append(
            {"testRunFinished": {"success": success, "testRunStartedId": run_id, **_ts(finished)}}
        )
        return out

    def _test_cases(
        self, run_id: str
    ) -> tuple[list[dict[str, Any]], list[tuple[dict[str, Any], list[AttemptRecord]]]]:
        """One test case per executed scenario; a pickle run twice (a matrix) is copied."""
        used: dict[str, int] = defaultdict(int)
        pickles: list[dict[str, Any]] = []
        cases: list[tuple[dict[str, Any], list[AttemptRecord]]] = []
        for nodeid in sorted(self.attempts, key=lambda n: (self.attempts[n][0].uri, n)):
            attempts = sorted(self.attempts[nodeid], key=lambda r: r.attempt)
            first = attempts[0]
            feature = self.features[first.uri]
            pickle = dict(feature.pickle_for(first.scenario_line, first.step_texts))
            # The name every report gives it: an outline's row carries its values.
            pickle["name"] = first.scenario_name or pickle["name"]
            used[pickle["id"]] += 1
            if used[pickle["id"]] > 1:
                pickle["id"] = f"{pickle['id']}~{used[pickle['id']]}"
                pickle["name"] = f"{pickle['name']} [{_variant(nodeid)}]"
                pickle["steps"] = [
                    {**s, "id": f"{s['id']}~{pickle['id']}"} for s in pickle["steps"]
                ]
            pickles.append(pickle)
            case_id = uuid.uuid4().hex
            # The harness's set-up and tear-down are shown only where they have something
            # to say (a failure, a skip, evidence), never on every passing scenario.
            steps: list[dict[str, Any]] = []
            if any(_speaks(a.setup) for a in attempts):
                steps.append({"id": f"{case_id}-setup", "hookId": _hook_id("setup")})
            steps += [
                {
                    "id": f"{case_id}-{n}",
                    "pickleStepId": step["id"],
                    "stepDefinitionIds": [],
                    "stepMatchArgumentsLists": [],
                }
                for n, step in enumerate(pickle["steps"])
            ]
            if any(_speaks(a.teardown) for a in attempts):
                steps.append({"id": f"{case_id}-teardown", "hookId": _hook_id("teardown")})
            if len(attempts) > 1:
                steps.append({"id": f"{case_id}-retry", "hookId": _hook_id("retry")})
            case = {"id": case_id, "pickleId": pickle["id"], "testSteps": steps}
            case["testRunStartedId"] = run_id
            cases.append((case, attempts))
        return pickles, cases


def _speaks(phase: PhaseRecord) -> bool:
    return phase.status != "PASSED" or bool(phase.message or phase.attachments)


def _flaky(attempts: list[AttemptRecord]) -> bool:
    return len(attempts) > 1 and attempts[-1].outcome == "passed"


def _ts(epoch_s: float) -> dict[str, Any]:
    return {"timestamp": timestamp(epoch_s)}


def _meta() -> Envelope:
    return {
        "meta": {
            "protocolVersion": PROTOCOL_VERSION,
            "implementation": {"name": "s-login-harness (pytest-bdd)", "version": "0.1.0"},
            "runtime": {"name": "python", "version": platform.python_version()},
            "os": {"name": platform.system(), "version": platform.release()},
            "cpu": {"name": platform.machine()},
        }
    }


def _attempt(
    case: dict[str, Any], record: AttemptRecord, *, final: bool, flaky: bool
) -> list[Envelope]:
    started_id = uuid.uuid4().hex
    out: list[Envelope] = [
        {
            "testCaseStarted": {
                "id": started_id,
                "testCaseId": case["id"],
                "attempt": record.attempt,
                "workerId": record.worker,
                **_ts(record.started),
            }
        }
    ]
    steps = case["testSteps"]
    clock = record.started

    def step(step_id: str, status: str, took: float, message: str, files: list[Any]) -> None:
        nonlocal clock
        out.append(
            {
                "testStepStarted": {
                    "testCaseStartedId": started_id,
                    "testStepId": step_id,
                    **_ts(clock),
                }
            }
        )
        for attachment in files:
            out.append({"attachment": _attachment(attachment, started_id, step_id, clock)})
        clock += took
        result: dict[str, Any] = {"status": status, "duration": duration(took)}
        if message:
            result["message"] = message
        out.append(
            {
                "testStepFinished": {
                    "testCaseStartedId": started_id,
                    "testStepId": step_id,
                    "testStepResult": result,
                    **_ts(clock),
                }
            }
        )

    setup = next((s for s in steps if s.get("hookId") == _hook_id("setup")), None)
    if setup is not None:
        _phase(step, setup["id"], record.setup)
    pickle_steps = [s for s in steps if "pickleStepId" in s]
    for n, test_step in enumerate(pickle_steps):
        if n < len(record.steps):
            ran = record.steps[n]
            clock = max(clock, ran.started)
            step(test_step["id"], ran.status, ran.duration_s, ran.message, ran.attachments)
        else:
            step(test_step["id"], "SKIPPED", 0.0, "", [])
    teardown = next((s for s in steps if s.get("hookId") == _hook_id("teardown")), None)
    if teardown is not None:
        _phase(step, teardown["id"], record.teardown)
    retry = next((s for s in steps if s.get("hookId") == _hook_id("retry")), None)
    if retry is not None:
        if final and flaky:
            message = (
                f"FLAKY: passed only on attempt {record.attempt + 1}; the earlier "
                f"attempt(s) failed. A scenario that needs a retry is not a pass."
            )
            step(retry["id"], "FAILED", 0.0, message, [])
        else:
            step(retry["id"], "SKIPPED" if not final else "PASSED", 0.0, "", [])
    out.append(
        {
            "testCaseFinished": {
                "testCaseStartedId": started_id,
                "willBeRetried": not final,
                **_ts(max(clock, record.finished)),
            }
        }
    )
    return out


def _phase(step: Any, step_id: str, phase: PhaseRecord) -> None:
    step(step_id, phase.status, 0.0, phase.message, phase.attachments)


def _attachment(
    record: AttachmentRecord, started_id: str, step_id: str, when: float
) -> dict[str, Any]:
    attachment: dict[str, Any] = {
        "body": record.body,
        "contentEncoding": "IDENTITY",
        "mediaType": record.media_type,
        "testCaseStartedId": started_id,
        "testStepId": step_id,
        **_ts(when),
    }
    if record.url:
        attachment["url"] = record.url
    if record.file_name:
        attachment["fileName"] = record.file_name
    return attachment


def write_ndjson(envelopes: list[Envelope], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for envelope in envelopes:
            out.write(json.dumps(envelope, ensure_ascii=False, separators=(",", ":")) + "\n")
