"""The one module that reads pytest-bdd internals: which feature and scenario an item runs.

pytest-bdd 9 has no public way from a collected test item to its feature file and scenario:
the node id names only the test module and a generated function, and the hooks that pass a
Feature and Scenario run only once the scenario executes, too late to select items at
collection time or to name the attempt before its set-up. So this module reads
`scenario_wrapper_template_registry` (the scenario template of each generated test
function) and the `_pytest_bdd_example` parameter of scenario outlines. A pytest-bdd
upgrade that moves either changes only this file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_bdd.parser import Feature, Scenario, ScenarioTemplate
from pytest_bdd.scenario import scenario_wrapper_template_registry

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
