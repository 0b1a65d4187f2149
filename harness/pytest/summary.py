"""The run's summary (reports/summary.md and .json) and its lines in the terminal.

Reports are of one run only: evidence of earlier runs is moved aside when a run starts,
and `--collect-only`, which runs nothing, writes no report at all (not even JUnit).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from pytest_bdd.parser import Feature, Scenario

from harness.living_docs.inventory import read_inventory
from harness.pytest.bdd_adapter import example_values, scenario_title
from harness.pytest.options import harness_settings
from harness.report import RunSummary

# Where the previous run's failure evidence goes when a run starts (one run's worth).
PREVIOUS_ARTIFACTS = Path(".living-docs") / "artifacts-of-previous-run"


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """Before pytest's JUnit plugin opens its file: a collection writes no JUnit report."""
    if config.option.collectonly:
        config.option.xmlpath = None


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    # Last, so the options module has checked and stored the settings. Under pytest-xdist
    # only the controlling process writes the summary; the workers forward their reports.
    if hasattr(config, "workerinput") or config.option.collectonly:
        return
    reports_dir = harness_settings(config).reports_dir
    move_aside_earlier_artifacts(reports_dir)
    config.pluginmanager.register(SummaryPlugin(RunSummary(reports_dir)), "harness-summary")


def move_aside_earlier_artifacts(reports_dir: Path) -> None:
    """`reports/artifacts` holds this run's evidence only; the previous run's is kept
    once, under `.living-docs`, and anything older is gone."""
    artifacts = reports_dir / "artifacts"
    if not artifacts.exists():
        return
    previous = reports_dir / PREVIOUS_ARTIFACTS
    shutil.rmtree(previous, ignore_errors=True)
    previous.parent.mkdir(parents=True, exist_ok=True)
    artifacts.rename(previous)


def features_base(config: pytest.Config) -> Path:
    """The folder pytest-bdd reads feature files from (the root when it is not set)."""
    base = str(config.getini("bdd_features_base_dir") or "")
    return (config.rootpath / base).resolve() if base else config.rootpath


def pytest_bdd_before_scenario(
    request: pytest.FixtureRequest, feature: Feature, scenario: Scenario
) -> None:
    """What the summary says of a scenario travels with its reports as user properties."""
    node = request.node
    root = request.config.rootpath
    node.user_properties.append(("feature", str(feature.name)))
    feature_file = Path(os.path.relpath(feature.filename, root)).as_posix()
    node.user_properties.append(("feature_file", feature_file))
    node.user_properties.append(("scenario", scenario_title(node) or str(scenario.name)))
    node.user_properties.append(("scenario_line", str(scenario.line_number)))
    node.user_properties.append(("example", json.dumps(list(example_values(node)))))
    tags = sorted(set(feature.tags) | set(scenario.tags))
    node.user_properties.append(("tags", " ".join(tags)))
    outcome = next(step.name for step in scenario.steps if step.type == "then")
    node.user_properties.append(("expected", str(outcome)))


class SummaryPlugin:
    """Collects every scenario's result on the controlling process (xdist forwards them)."""

    def __init__(self, summary: RunSummary) -> None:
        self.summary = summary

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.summary.add(report)

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        # An interrupted run says so even when no scenario finished, rather than leave the
        # previous run's summary looking like this one's.
        self.summary.interrupted = exitstatus == pytest.ExitCode.INTERRUPTED
        if self.summary.has_scenarios() or self.summary.interrupted:
            config = session.config
            self.summary.inventory = read_inventory(config.rootpath, features_base(config))
            self.summary.write()

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.summary.has_scenarios() or self.summary.interrupted:
            terminalreporter.write_sep("=", "S-login scenarios")
            for line in self.summary.terminal_lines():
                terminalreporter.write_line(line)
