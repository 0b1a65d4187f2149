"""Which collected scenarios run (those of the --feature-path files, then this --shard),
and in what order: scenarios that start on the same browser profile run side by side."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.matrix import Shard
from harness.pytest.bdd_adapter import feature_file
from harness.pytest.options import harness_settings


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    kept = _in_feature_paths(config, items)
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
    return kept
