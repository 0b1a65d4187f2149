"""The one module that reads pytest-bdd and pytest internals: which feature and scenario
an item runs, and a failure's report opened by the harness's own lines.

pytest-bdd 9 has no public way from a collected test item to its feature file and scenario:
the node id names only the test module and a generated function, and the hooks that pass a
Feature and Scenario run only once the scenario executes, too late to select items at
collection time or to name the attempt before its set-up. So this module reads
`scenario_wrapper_template_registry` (the scenario template of each generated test
function) and the `_pytest_bdd_example` parameter of scenario outlines; and, for the step
catalogue and the dry run, `step_function_context_registry` (every step definition). A pytest-bdd
upgrade that moves either changes only this file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from _pytest._code.code import ExceptionChainRepr, ReprEntryNative, Traceback
from pytest_bdd.parser import Feature, Scenario, ScenarioTemplate
from pytest_bdd.parsers import StepParser
from pytest_bdd.scenario import scenario_wrapper_template_registry
from pytest_bdd.steps import step_function_context_registry

# The parameter through which pytest-bdd hands an outline's example row to its test.
_EXAMPLE_PARAM = "_pytest_bdd_example"


def _template(item: pytest.Item) -> ScenarioTemplate | None:
    if not isinstance(item, pytest.Function):
        return None
    return scenario_wrapper_template_registry.get(item.obj)


def feature_file(item: pytest.Item) -> Path | None:
    """The absolute path of the feature file a scenario item comes from (None for others)."""
    template = _template(item)
    return Path(template.feature.filename).resolve() if template else None


def bound_scenario(item: pytest.Item) -> tuple[Feature, Scenario] | None:
    """The feature and the scenario an item runs, an outline filled in with its example."""
    template = _template(item)
    if template is None:
        return None
    assert isinstance(item, pytest.Function)
    callspec = getattr(item, "callspec", None)
    example = callspec.params.get(_EXAMPLE_PARAM, {}) if callspec else {}
    return template.feature, template.render(example)


def scenario_tags(item: pytest.Item) -> set[str] | None:
    """The tags a scenario item carries as written (feature, rule, scenario and its
    Examples), without the @; None for items that run no scenario."""
    template = _template(item)
    if template is None:
        return None
    tags = set(template.tags) | set(template.feature.tags)
    if template.rule is not None:
        tags |= template.rule.tags
    callspec = getattr(item, "callspec", None)
    example = callspec.params.get(_EXAMPLE_PARAM) if callspec else None
    for examples in template.examples if example is not None else ():
        if any(row == example for row in examples.as_contexts()):
            tags |= examples.tags
    return tags


@dataclass(frozen=True)
class StepDefinition:
    """One step definition as pytest-bdd registered it: its type (None for @step), the
    parser that matches a step's text, and the function it calls."""

    type: str | None
    parser: StepParser
    function: Callable[..., object]
    target_fixture: str | None


def step_definitions() -> list[StepDefinition]:
    """Every step definition created in this process so far (by importing step modules),
    in no particular order. pytest-bdd keeps them in `step_function_context_registry`."""
    return [
        StepDefinition(context.type, context.parser, context.step_func, context.target_fixture)
        for context in list(step_function_context_registry.values())
    ]


def example_values(item: pytest.Item) -> tuple[str, ...]:
    """The values of an outline's example row, in column order (empty for a scenario)."""
    callspec = getattr(item, "callspec", None)
    example = callspec.params.get(_EXAMPLE_PARAM, {}) if callspec else {}
    return tuple(str(value) for value in example.values())


def scenario_title(item: pytest.Item) -> str | None:
    """The scenario's name as every report shows it (None for other tests).

    Example rows of an outline must be told apart: a name with `<placeholders>` that
    already differs row by row is used as Cucumber renders it, otherwise the row's values
    follow in brackets, as few leading columns as tell the rows apart ("… speaks the
    customer's language [Finnish]").
    """
    template = _template(item)
    if template is None:
        return None
    values = example_values(item)
    name = template.render(_example(item)).name
    rows = [tuple(ctx.values()) for ex in template.examples for ctx in ex.as_contexts()]
    if not values or len(rows) < 2:
        return str(name)
    names = [template.render(ctx).name for ex in template.examples for ctx in ex.as_contexts()]
    if len(set(names)) == len(names):
        return str(name)
    return f"{name} [{example_label(rows, values)}]"


def example_label(rows: list[tuple[str, ...]], values: tuple[str, ...]) -> str:
    """The fewest leading values of `values` that no other row of `rows` shares."""
    for width in range(1, len(values) + 1):
        if len({row[:width] for row in rows}) == len(rows):
            return ", ".join(values[:width])
    return ", ".join(values)


def _example(item: pytest.Item) -> dict[str, str]:
    callspec = getattr(item, "callspec", None)
    example: dict[str, str] = callspec.params.get(_EXAMPLE_PARAM, {}) if callspec else {}
    return example


def open_failure_with(
    report: pytest.TestReport,
    excinfo: pytest.ExceptionInfo[BaseException],
    header: list[str],
    crash_message: str | None,
    *,
    trim_under: Path | None,
) -> None:
    """Open the report's traceback with `header`; with `trim_under`, only the frames of
    code under that folder (the project's steps, flows and pages: not pytest, pytest-bdd,
    pluggy or Playwright), in pytest's short style. The one-line reason that pytest's
    short summary and JUnit show becomes `crash_message`.

    pytest has no public way to put lines before a traceback that survive pytest-xdist's
    serialisation; a native-style entry of the traceback does.
    """
    longrepr = report.longrepr
    if trim_under is not None:
        root = str(trim_under)

        def project_frames(info: pytest.ExceptionInfo[BaseException]) -> Traceback:
            own = info.traceback.filter(
                lambda e: str(e.path).startswith(root) and "-packages" not in str(e.path)
            )
            return own or Traceback(list(info.traceback)[-1:])

        longrepr = excinfo.getrepr(style="short", tbfilter=project_frames, chain=False)
        report.longrepr = longrepr
    if not isinstance(longrepr, ExceptionChainRepr) or not header:
        return
    first = longrepr.chain[0][0]
    first.reprentries = [ReprEntryNative(["\n".join(header) + "\n\n"]), *first.reprentries]
    if longrepr.reprcrash is not None and crash_message:
        longrepr.reprcrash.message = crash_message
