"""Which collected scenarios run: those of the --feature-path files, then this --shard."""

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
        items[:] = kept


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
