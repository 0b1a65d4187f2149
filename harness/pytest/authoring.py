"""Mistakes in feature files and on the command line fail with where they are and what to
write instead, before any browser or stub starts. Any tag works: tags written in features
are registered as markers; only the harness's own tag families are checked."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_bdd.parser import Feature, Scenario, Step

from harness.pytest.bdd_adapter import feature_file
from harness.pytest.display import display_problem as display_problem
from harness.pytest.options import harness_settings
from harness.tags import tag_lines, tag_problems, without_at


@pytest.hookimpl(trylast=True)  # after options.py has read the settings
def pytest_configure(config: pytest.Config) -> None:
    _CONFIG.append(config)
    # `-m "@C18 and not @stub_only"`: tags as feature files write them.
    if config.option.markexpr:
        config.option.markexpr = without_at(config.option.markexpr)
    features = config.rootpath / str(config.getini("bdd_features_base_dir") or "features")
    for path in sorted(features.rglob("*.feature")) if features.is_dir() else []:
        for _, tag in tag_lines(path.read_text(encoding="utf-8")):
            register_tag(config, tag)
    problem = display_problem(harness_settings(config).headed)
    if problem:
        raise pytest.UsageError(problem)


# The run's config, for the tag hook (pytest-bdd calls it without one) and what it knows.
_CONFIG: list[pytest.Config] = []
_REGISTERED = pytest.StashKey[set[str]]()


def register_tag(config: pytest.Config, tag: str) -> None:
    """A tag written in a feature becomes a known marker, so --strict-markers accepts it.
    `@device:NAME` and `@cookies:NAME` become the harness's own marks (personas.py)."""
    known = config.stash.setdefault(_REGISTERED, set())
    if tag in known or ":" in tag or "(" in tag:
        return
    known.add(tag)
    config.addinivalue_line("markers", f"{tag}: a tag written in a feature file")


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_apply_tag(tag: str, function: Callable[..., object]) -> bool | None:
    """Registers the tag (of a feature outside the features folder too); pytest-bdd then
    applies it as a marker of the same name."""
    if _CONFIG:
        register_tag(_CONFIG[-1], tag)
    return None


def pytest_unconfigure(config: pytest.Config) -> None:
    if config in _CONFIG:
        _CONFIG.remove(config)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Wrong harness tags (@device:…, @cookies:…, claim ids) stop the run, each named with
    its file:line and the valid values, before anything is selected or started."""
    files = sorted({path for item in items if (path := feature_file(item)) is not None})
    problems = [p for path in files for p in tag_problems(path, _shown(config, path))]
    if problems:
        raise pytest.UsageError("Wrong tags in feature files:\n" + "\n".join(problems))


def _shown(config: pytest.Config, path: Path) -> str:
    try:
        return str(path.relative_to(config.rootpath))
    except ValueError:
        return str(path)


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
    """An undefined step fails with where it is, the closest phrases and a snippet."""
    # Imported here: the catalogue imports every step module, which only a failure needs.
    from harness.catalogue import FeatureStep, definitions, loaded_step_modules, step_modules
    from harness.dry_run import undefined

    where = Path(feature.filename)
    found = FeatureStep(
        _shown(request.config, where),
        step.line_number,
        step.keyword,
        step.type,
        step.name,
        scenario.name,
    )
    modules = step_modules()
    loaded = [m for m in modules if m in loaded_step_modules()]
    unloaded = [m for m in modules if m not in loaded]
    text = undefined(found, definitions(loaded), definitions(unloaded), [])
    text = re.sub(r"^.*?undefined step: ", "", text, count=1)
    raise pytest.fail.Exception(
        f'Undefined step: {step.keyword} "{step.name}"\n'
        f'  at {found.where} in scenario "{scenario.name}".\n{text}',
        pytrace=False,
    )
