"""The run's summary (reports/summary.md and .json) and its lines in the terminal."""

from __future__ import annotations

import pytest
from pytest_bdd.parser import Feature, Scenario

from harness.pytest.options import harness_settings
from harness.report import RunSummary


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    # Last, so the options module has checked and stored the settings. Under pytest-xdist
    # only the controlling process writes the summary; the workers forward their reports.
    if not hasattr(config, "workerinput"):
        config.pluginmanager.register(
            SummaryPlugin(RunSummary(harness_settings(config).reports_dir))
        )


def pytest_bdd_before_scenario(
    request: pytest.FixtureRequest, feature: Feature, scenario: Scenario
) -> None:
    """What the summary says of a scenario travels with its reports as user properties."""
    node = request.node
    node.user_properties.append(("feature", str(feature.name)))
    node.user_properties.append(("feature_file", str(feature.rel_filename)))
    node.user_properties.append(("scenario", str(scenario.name)))
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

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if self.summary.has_scenarios():
            self.summary.write()

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.summary.has_scenarios():
            terminalreporter.write_sep("=", "S-login scenarios")
            for line in self.summary.terminal_lines():
                terminalreporter.write_line(line)
