"""Every scenario the feature files hold, with its tags: what a run could have run.

The claims page needs it to tell a claim that was not run in this run (it has scenarios)
from one that no scenario covers at all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from harness.living_docs.gherkin_source import FeatureSource

# Folders that hold no feature files of the project, however deep a root is searched.
_SKIPPED = {"node_modules", "reports", "__pycache__"}


@dataclass(frozen=True)
class PlannedScenario:
    """One pickle of a feature file: a scenario, or one example row of an outline."""

    uri: str
    line: int
    example: tuple[str, ...]
    tags: frozenset[str]

    @property
    def key(self) -> tuple[str, int, tuple[str, ...]]:
        return (self.uri, self.line, self.example)


def feature_files(base: Path) -> list[Path]:
    """The feature files under `base`, hidden and generated folders left out."""
    found = []
    for folder, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED)
        found += [Path(folder) / f for f in sorted(files) if f.endswith(".feature")]
    return found


def read_inventory(root: Path, base: Path) -> list[PlannedScenario]:
    """Every scenario under `base`; uris are relative to `root`, as the summary's are."""
    planned: list[PlannedScenario] = []
    for path in feature_files(base):
        uri = Path(os.path.relpath(path, root)).as_posix()
        try:
            source = FeatureSource.read(uri, path)
        except (OSError, UnicodeDecodeError):
            continue
        planned += _planned(source)
    return planned


def _planned(source: FeatureSource) -> list[PlannedScenario]:
    lines: dict[str, int] = {}
    rows: dict[str, tuple[str, ...]] = {}
    for envelope in source.envelopes:
        feature = (envelope.get("gherkinDocument") or {}).get("feature") or {}
        stack = list(feature.get("children", []))
        while stack:
            child = stack.pop()
            if "rule" in child:
                stack.extend(child["rule"].get("children", []))
            elif "scenario" in child:
                scenario = child["scenario"]
                lines[scenario["id"]] = scenario["location"]["line"]
                for examples in scenario.get("examples", []):
                    for row in examples.get("tableBody", []):
                        rows[row["id"]] = tuple(cell["value"] for cell in row["cells"])
    planned = []
    for envelope in source.envelopes:
        pickle = envelope.get("pickle")
        if pickle is None:
            continue
        ids = pickle["astNodeIds"]
        line = lines.get(ids[0], pickle["location"]["line"])
        example = next((rows[i] for i in ids[1:] if i in rows), ())
        tags = frozenset(t["name"].lstrip("@") for t in pickle.get("tags", []))
        planned.append(PlannedScenario(source.uri, line, example, tags))
    return planned
