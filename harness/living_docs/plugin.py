"""pytest plugin: records scenarios everywhere, writes the report on the controlling process.

Under pytest-xdist every worker appends its attempts to its own part file in a run folder
that the controller names (passed on in ``workerinput``); at the end of the session the
controller merges the parts into `cucumber-messages.ndjson`, renders
`cucumber-report.html` and `claims.html`, and removes the evidence of earlier runs.
"""

from __future__ import annotations

import json
import shutil
import time
import uuid
from pathlib import Path
from typing import Any, Protocol

import pytest

from harness.config import HarnessConfig
from harness.errors import HarnessSetupError
from harness.living_docs.claims_page import write_claims_page
from harness.living_docs.messages import MessageBuilder, write_ndjson
from harness.living_docs.recorder import Recorder
from harness.living_docs.records import AttemptRecord
from harness.living_docs.render import render_html

RUN_KEY = "living_docs_run"
NDJSON = "cucumber-messages.ndjson"
HTML = "cucumber-report.html"


def pytest_configure(config: pytest.Config) -> None:
    if config.option.collectonly:
        return  # nothing runs, so there is nothing to report
    try:
        reports_dir = HarnessConfig.from_env().reports_dir
    except ValueError:
        return  # harness.pytest.options reports the bad setting as a usage error
    workerinput: dict[str, Any] | None = getattr(config, "workerinput", None)
    run_id = (workerinput or {}).get(RUN_KEY) or time.strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[
        :6
    ]
    run_dir = reports_dir / ".living-docs" / run_id
    attachments = reports_dir / "attachments" / run_id
    config.pluginmanager.register(
        Recorder(config.rootpath, reports_dir, run_dir, attachments), "living-docs-recorder"
    )
    if workerinput is None:
        config.pluginmanager.register(
            Controller(config.rootpath, reports_dir, run_id), "living-docs-controller"
        )


class _WorkerNode(Protocol):
    """What this plugin uses of pytest-xdist's controller of one worker."""

    workerinput: dict[str, Any]


class Controller:
    """Merges the workers' records into the report when the session ends."""

    def __init__(self, root: Path, reports_dir: Path, run_id: str) -> None:
        self.root = root
        self.reports_dir = reports_dir
        self.run_id = run_id
        self.run_dir = reports_dir / ".living-docs" / run_id
        self.started = time.time()
        self.lines: list[str] = []
        self.run_dir.mkdir(parents=True, exist_ok=True)

    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node: _WorkerNode) -> None:
        node.workerinput[RUN_KEY] = self.run_id

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        records = read_parts(self.run_dir)
        if not records:
            shutil.rmtree(self.run_dir, ignore_errors=True)
            if exitstatus == pytest.ExitCode.INTERRUPTED:
                # Stopped before any scenario finished: the previous run's pages must not
                # pass for this one's; summary.md and the claims page say it was stopped.
                for stale in (NDJSON, HTML):
                    (self.reports_dir / stale).unlink(missing_ok=True)
                self.lines.append("no scenario finished before the interrupt: no scenario report")
                if (self.reports_dir / "summary.json").exists():
                    self.lines.append(f"claims: {write_claims_page(self.reports_dir)}")
            return
        builder = MessageBuilder(self.root)
        builder.add(records)
        envelopes = builder.envelopes(
            started=self.started, finished=time.time(), success=exitstatus == 0
        )
        ndjson = self.reports_dir / NDJSON
        write_ndjson(envelopes, ndjson)
        shutil.rmtree(self.run_dir, ignore_errors=True)
        forget_earlier_runs(self.reports_dir, self.run_id)
        self.lines.append(f"{builder.scenario_count()} scenario(s) in {ndjson}")
        try:
            html = render_html(ndjson, self.reports_dir / HTML)
            size = report_size(html, records)
            self.lines.append(f"report: {html} ({size / 1e6:.1f} MB with its attachments)")
        except HarnessSetupError as exc:
            self.lines.append(f"no HTML report: {exc}")
        if (self.reports_dir / "summary.json").exists():
            self.lines.append(f"claims: {write_claims_page(self.reports_dir)}")

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        for line in self.lines:
            terminalreporter.write_line(line)


def read_parts(run_dir: Path) -> list[AttemptRecord]:
    records = []
    for part in sorted(run_dir.glob("part-*.jsonl")):
        for line in part.read_text(encoding="utf-8").splitlines():
            if line.strip():
                records.append(AttemptRecord.from_json(json.loads(line)))
    return records


def forget_earlier_runs(reports_dir: Path, run_id: str) -> None:
    """Only this run's attachments stay, so the report folder does not grow run by run.

    A run still in progress (another terminal, same folder) keeps its run folder until it
    ends, so its attachments are left alone; a run folder a day old was a crashed run.
    """
    runs = reports_dir / ".living-docs"
    kept = {"history", "artifacts-of-previous-run"}  # see harness.report, pytest.summary
    for stale in runs.glob("*"):
        if stale.name not in kept and time.time() - stale.stat().st_mtime > 86400:
            shutil.rmtree(stale, ignore_errors=True)
    for old in (reports_dir / "attachments").glob("*"):
        if old.name != run_id and not (runs / old.name).exists():
            shutil.rmtree(old, ignore_errors=True)


def report_size(html: Path, records: list[AttemptRecord]) -> int:
    """Bytes of the report as it is shared: the HTML plus the files it links to."""
    attachments = [
        a
        for record in records
        for holder in (record.setup, record.teardown)
        for a in holder.attachments
    ]
    attachments += [a for record in records for step in record.steps for a in step.attachments]
    linked = {html.parent / a.url for a in attachments if a.url and "://" not in a.url}
    return html.stat().st_size + sum(int(p.stat().st_size) for p in linked if p.is_file())
