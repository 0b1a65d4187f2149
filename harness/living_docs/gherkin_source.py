"""Source, GherkinDocument and Pickle messages of one feature file, with stable ids.

The ids are derived from the file's path, so every process (and every CI shard) that
reads the same file writes the same ids, and shards' messages can be merged.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path
from typing import Any

from gherkin.stream.gherkin_events import GherkinEvents

GHERKIN_MEDIA_TYPE = "text/x.cucumber.gherkin+plain"
Envelope = dict[str, Any]


class FeatureSource:
    """One feature file as Cucumber Messages, and a lookup from scenarios to pickles."""

    def __init__(self, uri: str, text: str) -> None:
        self.uri = uri
        events = GherkinEvents(
            GherkinEvents.Options(print_source=True, print_ast=True, print_pickles=True)
        )
        prefix = hashlib.sha1(uri.encode(), usedforsecurity=False).hexdigest()[:8]
        counter = iter(range(1_000_000))
        # The parser and the pickle compiler share this generator.
        events.id_generator.get_next_id = lambda: f"{prefix}-{next(counter)}"  # type: ignore[method-assign]
        source = {"source": {"uri": uri, "data": text, "mediaType": GHERKIN_MEDIA_TYPE}}
        self.envelopes: list[Envelope] = [dict(e) for e in events.enum(source)]  # type: ignore[arg-type]
        lines = _scenario_lines(self.envelopes)
        self._pickles: dict[tuple[int, tuple[str, ...]], list[Envelope]] = defaultdict(list)
        self._by_line: dict[int, list[Envelope]] = defaultdict(list)
        for envelope in self.envelopes:
            pickle = envelope.get("pickle")
            if pickle is None:
                continue
            line = lines.get(pickle["astNodeIds"][0], pickle["location"]["line"])
            texts = tuple(step["text"] for step in pickle["steps"])
            self._pickles[(line, texts)].append(pickle)
            self._by_line[line].append(pickle)

    @classmethod
    def read(cls, uri: str, path: Path) -> FeatureSource:
        return cls(uri, path.read_text(encoding="utf-8"))

    @property
    def parse_errors(self) -> list[Envelope]:
        return [e for e in self.envelopes if "parseError" in e]

    def pickle_for(self, scenario_line: int, step_texts: list[str], nth: int = 0) -> Envelope:
        """The pickle of a scenario (an outline's example row is told apart by its steps)."""
        candidates = self._pickles.get((scenario_line, tuple(step_texts))) or self._by_line.get(
            scenario_line, []
        )
        if not candidates:
            raise LookupError(f"{self.uri} has no scenario at line {scenario_line}")
        pickle: Envelope = candidates[min(nth, len(candidates) - 1)]
        return pickle


def _scenario_lines(envelopes: list[Envelope]) -> dict[str, int]:
    """Line of every scenario node of the document, by its id (also inside rules)."""
    lines: dict[str, int] = {}
    for envelope in envelopes:
        document = envelope.get("gherkinDocument")
        feature = (document or {}).get("feature") or {}
        stack = list(feature.get("children", []))
        while stack:
            child = stack.pop()
            if "scenario" in child:
                scenario = child["scenario"]
                lines[scenario["id"]] = scenario["location"]["line"]
            elif "rule" in child:
                stack.extend(child["rule"].get("children", []))
    return lines
