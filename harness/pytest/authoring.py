"""Mistakes in feature files fail with where they are and what to write instead."""

from __future__ import annotations

import re

import pytest
from pytest_bdd.parser import Feature, Scenario, Step


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_before_scenario(
    request: pytest.FixtureRequest, feature: Feature, scenario: Scenario
) -> None:
    """A scenario without a Then step fails before it runs (and before it is reported on)."""
    if not any(step.type == "then" for step in scenario.steps):
        raise pytest.fail.Exception(
            f'Scenario "{scenario.name}" ({feature.rel_filename}) has no Then step, so it '
            "could pass without checking anything. Add the outcome it expects.",
            pytrace=False,
        )


def pytest_bdd_step_func_lookup_error(
    request: pytest.FixtureRequest,
    feature: Feature,
    scenario: Scenario,
    step: Step,
    exception: Exception,
) -> None:
    """An undefined step fails with where it is and a skeleton ready to paste."""
    function = re.sub(r"\W+", "_", step.name.lower()).strip("_")[:60] or "step"
    skeleton = (
        f"from pytest_bdd import {step.type}, parsers\n\n\n"
        f"@{step.type}(parsers.parse({step.name!r}))\n"
        f"def {function}() -> None:\n"
        f"    raise NotImplementedError\n"
    )
    raise pytest.fail.Exception(
        f'Undefined step: {step.keyword} "{step.name}"\n'
        f"  at {feature.rel_filename}:{step.line_number} "
        f'in scenario "{scenario.name}".\n'
        "Is it misspelled? Otherwise add it to the matching module in steps/:\n\n"
        f"{skeleton}",
        pytrace=False,
    )
