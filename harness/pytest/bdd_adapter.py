"""The one module that reads pytest-bdd internals: which feature and scenario an item runs.

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
