"""Records every scenario attempt in the process that runs it (an xdist worker or the main).

Each attempt is appended as one JSON line to this process's part file in the run folder;
the controlling process merges the parts when the session ends.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

from harness.living_docs.evidence import Evidence, slug
from harness.living_docs.records import AttachmentRecord, AttemptRecord, PhaseRecord, StepRecord
from harness.pytest.bdd_adapter import bound_scenario, scenario_title
from harness.pytest.diagnosis import call_report, failure_context

_ATTEMPT = pytest.StashKey[AttemptRecord]()
_EVIDENCE = pytest.StashKey[Evidence]()
_ARTIFACTS_BEFORE = pytest.StashKey[int]()


def attempt_number(item: pytest.Item) -> int:
    """0 for the first run, 1 for the first rerun (pytest-rerunfailures counts from 1)."""
    return max(int(getattr(item, "execution_count", 1)) - 1, 0)


def short(text: str, limit: int = 4000) -> str:
    return text if len(text) <= limit else text[:limit] + "\n…"


class Recorder:
    """pytest-bdd and pytest hooks that fill one AttemptRecord per attempt."""

    def __init__(self, root: Path, reports_dir: Path, run_dir: Path, attachments_dir: Path) -> None:
        self.root = root
        self.reports_dir = reports_dir
        self.attachments_dir = attachments_dir
        self.worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        self.part = run_dir / f"part-{self.worker}.jsonl"

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        bound = bound_scenario(item)
        if bound is None:
            return
        feature, scenario = bound
        attempt = attempt_number(item)
        uri = Path(os.path.relpath(feature.filename, self.root)).as_posix()
        item.stash[_ATTEMPT] = AttemptRecord(
            nodeid=item.nodeid,
            uri=uri,
            scenario_line=scenario.line_number,
            scenario_name=scenario_title(item) or scenario.name,
            step_texts=[step.name for step in scenario.steps],
            attempt=attempt,
            worker=self.worker,
            started=time.time(),
        )
        folder = self.attachments_dir / f"{slug(item.nodeid)}-a{attempt}"
        item.stash[_EVIDENCE] = Evidence(folder, self.reports_dir)
        item.stash[_ARTIFACTS_BEFORE] = sum(1 for k, _ in item.user_properties if k == "artifact")

    def pytest_bdd_before_step(self, request: pytest.FixtureRequest, step: Any) -> None:
        record = request.node.stash.get(_ATTEMPT, None)
        if record is not None:
            record.steps.append(StepRecord(step.name, started=time.time()))

    def pytest_bdd_after_step(self, request: pytest.FixtureRequest) -> None:
        self._finish_step(request, "PASSED", "")

    def pytest_bdd_step_error(self, request: pytest.FixtureRequest, exception: Exception) -> None:
        skipped = isinstance(exception, pytest.skip.Exception)
        status = "SKIPPED" if skipped else "FAILED"
        self._finish_step(request, status, f"{type(exception).__name__}: {exception}")

    @pytest.hookimpl(tryfirst=True)
    def pytest_bdd_step_func_lookup_error(self, request: pytest.FixtureRequest, step: Any) -> None:
        record = request.node.stash.get(_ATTEMPT, None)
        if record is not None:
            message = f'No step definition matches "{step.name}"'
            record.steps.append(StepRecord(step.name, "UNDEFINED", time.time(), 0.0, message))

    def _finish_step(self, request: pytest.FixtureRequest, status: str, message: str) -> None:
        record = request.node.stash.get(_ATTEMPT, None)
        if record is None or not record.steps:
            return
        ran = record.steps[-1]
        ran.status, ran.message = status, short(message)
        ran.duration_s = time.time() - ran.started
        # After a failed step or the last one nothing follows to show a page still loading.
        final = status != "PASSED" or len(record.steps) >= len(record.step_texts)
        ran.attachments += request.node.stash[_EVIDENCE].collect(request, final=final)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        if report.when == "call" and report.passed and attempt_number(item) > 0:
            # JUnit has no flaky state: the passing test case carries a "flaky" property.
            item.user_properties.append(
                ("flaky", f"passed on attempt {attempt_number(item) + 1} after failing")
            )
        record = item.stash.get(_ATTEMPT, None)
        if record is not None:
            self._phase_result(item, record, report)
            if report.when == "teardown":
                self._write(item, record, report)
        return report

    def _phase_result(self, item: pytest.Item, record: AttemptRecord, report: Any) -> None:
        if report.passed:
            return
        outcome = "skipped" if report.skipped else "failed"
        if record.outcome == "passed" or outcome == "failed":
            record.outcome = outcome
        message = short(report.longreprtext)
        status = "SKIPPED" if report.skipped else "FAILED"
        if report.when == "setup":
            record.setup.status, record.setup.message = status, message
        elif report.when == "teardown":
            record.teardown.status, record.teardown.message = status, message
        else:
            for unfinished in (s for s in record.steps if s.status == "UNKNOWN"):
                unfinished.status = status

    def _write(self, item: pytest.Item, record: AttemptRecord, report: Any) -> None:
        artifacts = [str(v) for k, v in report.user_properties if k == "artifact"]
        files = [self._artifact(Path(p)) for p in artifacts[item.stash[_ARTIFACTS_BEFORE] :]]
        called = call_report(item)
        if called is not None and called.failed:
            # The failure's own lines, evidence and cookie diagnosis, under the failed step
            # (or the tear-down, when no step failed) instead of among the hooks.
            context = failure_context(item)
            failing = [s for s in record.steps if s.status == "FAILED"]
            holder: StepRecord | PhaseRecord = failing[-1] if failing else record.teardown
            holder.status = "FAILED"
            holder.message = short(called.longreprtext)
            if context is not None and context.cookies:
                text = "\n".join(context.cookies)
                holder.attachments.append(
                    AttachmentRecord("text/plain", body=text, file_name="Cookie diagnosis")
                )
            holder.attachments += files
        else:
            record.teardown.attachments += files
        record.finished = time.time()
        self.part.parent.mkdir(parents=True, exist_ok=True)
        with self.part.open("a", encoding="utf-8") as out:
            out.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")

    def _artifact(self, path: Path) -> AttachmentRecord:
        """A failure's screenshot or Playwright trace, linked where it lies."""
        try:
            url = path.resolve().relative_to(self.reports_dir.resolve()).as_posix()
        except ValueError:
            url = path.resolve().as_uri()
        kinds = {".png": "image/png", ".webm": "video/webm"}
        kind = kinds.get(path.suffix, "application/zip")
        names = {"image/png": "Screenshot", "video/webm": "Video"}
        return AttachmentRecord(
            kind, url=url, file_name=f"{names.get(kind, 'Playwright trace')} {path.name}"
        )


def attach_to_running_step(item: pytest.Item, attachment: AttachmentRecord) -> None:
    """Evidence another plugin took in the step now running, shown under that step."""
    record = item.stash.get(_ATTEMPT, None)
    if record is not None and record.steps:
        record.steps[-1].attachments.append(attachment)
