"""Which collected scenarios run (those of the --feature-path files, -k words in their
titles, --name patterns, --tags expressions, then this --shard), and in what order:
scenarios that start on the same browser profile run side by side."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest
from cucumber_tag_expressions import TagExpressionError
from cucumber_tag_expressions import parse as parse_tags

from harness.matrix import Shard
from harness.pytest.bdd_adapter import bound_scenario, feature_file, scenario_tags
from harness.pytest.options import HELP_GROUPS, harness_settings
from harness.words_expression import WordsExpression


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup(*HELP_GROUPS["selection"])
    group.addoption(
        "--tags",
        action="append",
        default=[],
        metavar="EXPR",
        help='scenarios whose tags match a Cucumber tag expression, e.g. "@C18 and not '
        '@stub_only" (may be repeated; all must match)',
    )
    group.addoption(
        "--name",
        action="append",
        default=[],
        metavar="REGEX",
        help="scenarios whose title matches this regular expression, as Cucumber's --name "
        "(may be repeated; any may match)",
    )
    # -k is taken over (see pytest_configure); its words travel to xdist workers here.
    parser.addoption("--title-words", default="", help=argparse.SUPPRESS)


# The feature files and folders tests/bdd/test_features.py binds in this process: every
# feature under the features folder, or only those of --feature-path (see bound_features).
_BOUND: list[str] = ["."]


def bound_features() -> list[str]:
    """What tests/bdd/test_features.py hands pytest-bdd's `scenarios()` (issue 19).

    A run of one feature file used to bind, parse and collect all of them (~110
    scenarios, ~0.3 s) and then deselect all but a few. With --feature-path naming files
    or folders inside the features folder, only those are bound. Anything else (no
    --feature-path, a path that does not exist or lies outside) binds every feature, and
    the selection below says what is wrong with the path as before.
    """
    return list(_BOUND)


def _bind(config: pytest.Config) -> None:
    wanted = [Path(p) for p in config.getoption("feature_path", default=None) or []]
    base = config.getini("bdd_features_base_dir")
    features = (config.rootpath / str(base or "features")).resolve()
    roots = [(config.invocation_params.dir / p).resolve() for p in wanted]
    inside = all(r.exists() and (r == features or features in r.parents) for r in roots)
    _BOUND[:] = [str(r) for r in roots] if roots and inside else ["."]


def pytest_configure(config: pytest.Config) -> None:
    """`-k` matches scenario titles as written, spaces and hyphens included ("Samsung
    tablet", "AUTH-4376"), besides pytest's own names; pytest's -k grammar has no spaces."""
    _bind(config)
    if config.option.keyword and "=" not in config.option.keyword:
        config.option.title_words = config.option.keyword.strip()
        config.option.keyword = ""
    try:
        if config.option.title_words:
            WordsExpression(config.option.title_words)
        for expression in config.getoption("tags", default=[]) or []:
            parse_tags(expression)
        for pattern in config.getoption("name", default=[]) or []:
            re.compile(pattern)
    except (ValueError, TagExpressionError, re.error) as exc:
        raise pytest.UsageError(f"Selection: {exc}") from exc


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    kept = _in_feature_paths(config, items)
    kept = [item for item in kept if _chosen(config, item)]
    shard_text = harness_settings(config).shard
    if shard_text:
        shard = Shard.parse(shard_text)
        kept = [item for item in kept if shard.owns(item.nodeid)]
    if len(kept) != len(items):
        chosen = set(kept)
        config.hook.pytest_deselected(items=[item for item in items if item not in chosen])
    items[:] = by_browser(kept)


def starting_browser(item: pytest.Item) -> tuple[str, str]:
    """The device and cookie policy a scenario starts on, as far as collection knows them
    (a @device / @cookies tag, the device of a @matrix run); empty where options decide."""
    device_mark = item.get_closest_marker("harness_device")
    cookies_mark = item.get_closest_marker("harness_cookies")
    callspec = getattr(item, "callspec", None)
    matrix = callspec.params.get("matrix_device") if callspec is not None else None
    device = device_mark.args[0] if device_mark else matrix
    return str(device or ""), str(cookies_mark.args[0] if cookies_mark else "")


def by_browser(items: list[pytest.Item]) -> list[pytest.Item]:
    """Scenarios grouped by the profile they start on, in their order otherwise.

    With a bound on open profiles (--max-browsers), a profile closed to make room is
    launched again only if a later scenario needs it; grouped, that rarely happens. Every
    process collects the same order, which pytest-xdist requires, and its load scheduling
    hands out consecutive scenarios, so the grouping holds across workers too. Other tests
    (no feature file) keep their places.
    """
    places = [i for i, item in enumerate(items) if feature_file(item) is not None]
    grouped = sorted((items[i] for i in places), key=starting_browser)
    ordered = list(items)
    for place, item in zip(places, grouped, strict=True):
        ordered[place] = item
    return ordered


def _in_feature_paths(config: pytest.Config, items: list[pytest.Item]) -> list[pytest.Item]:
    """The items whose feature file lies in a --feature-path (all items without one)."""
    wanted = [Path(p) for p in config.getoption("feature_path", default=None) or []]
    if not wanted:
        return list(items)
    roots = [(config.invocation_params.dir / p).resolve() for p in wanted]
    for given, root in zip(wanted, roots, strict=True):
        if not root.exists():
            raise pytest.UsageError(
                f"--feature-path {given}: no such feature file or folder "
                f"(looked for {root}). Feature files live under features/."
            )
    kept = []
    for item in items:
        feature = feature_file(item)
        if feature is not None and any(feature == r or r in feature.parents for r in roots):
            kept.append(item)
    base = config.getini("bdd_features_base_dir")
    features = (config.rootpath / str(base)).resolve() if base else None
    for given, root in zip(wanted, roots, strict=True):
        outside = features is not None and root != features and features not in root.parents
        if outside and not any(_under(item, root) for item in kept):
            raise pytest.UsageError(
                f"--feature-path {given}: {root} is outside {features}, the folder whose "
                "feature files pytest-bdd binds (tests/bdd). Move or copy it there."
            )
    return kept


def _under(item: pytest.Item, root: Path) -> bool:
    feature = feature_file(item)
    return feature is not None and (feature == root or root in feature.parents)


def _chosen(config: pytest.Config, item: pytest.Item) -> bool:
    """-k words, --name patterns and --tags expressions; each given one must hold."""
    words = config.option.title_words
    names = config.getoption("name", default=[]) or []
    tag_expressions = config.getoption("tags", default=[]) or []
    if not (words or names or tag_expressions):
        return True
    bound = bound_scenario(item)
    title = bound[1].name if bound else item.name
    tags = scenario_tags(item)
    if tags is None:
        tags = {mark.name for mark in item.iter_markers()}
    if words and not WordsExpression(words).matches(_keywords(item, bound, tags)):
        return False
    if names and not any(re.search(pattern, title) for pattern in names):
        return False
    at_tags = [f"@{tag}" for tag in tags]
    return all(parse_tags(expression).evaluate(at_tags) for expression in tag_expressions)


def _keywords(item: pytest.Item, bound: object, tags: set[str]) -> list[str]:
    """What -k words are looked for in: the scenario's and its feature's titles and tags,
    and the names pytest's -k matches (the test, its parents, marks, extra keywords)."""
    names = [
        node.name
        for node in item.listchain()
        if not isinstance(node, pytest.Session)
        and not (isinstance(node, pytest.Directory) and isinstance(node.parent, pytest.Session))
    ]
    names += list(item.listextrakeywords())
    names += [mark.name for mark in item.iter_markers()]
    function = getattr(item, "function", None)
    names += [name for name in getattr(function, "__dict__", {}) if not name.startswith("_")]
    if isinstance(bound, tuple):
        feature, scenario = bound
        names += [scenario.name, feature.name]
    return names + [f"@{tag}" for tag in tags]
