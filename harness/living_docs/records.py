"""What a worker records about one attempt of one scenario, as plain JSON-able data."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class AttachmentRecord:
    """Evidence for a reader: inline text, or a file next to the report (``url``)."""

    media_type: str
    body: str = ""
    url: str = ""
    file_name: str = ""


@dataclass
class StepRecord:
    """One Gherkin step as it ran."""

    text: str
    status: str = "UNKNOWN"
    started: float = 0.0
    duration_s: float = 0.0
    message: str = ""
    attachments: list[AttachmentRecord] = field(default_factory=list)


@dataclass
class PhaseRecord:
    """The harness's own set-up or tear-down around the steps (fixtures, evidence)."""

    status: str = "PASSED"
    message: str = ""
    attachments: list[AttachmentRecord] = field(default_factory=list)


@dataclass
class AttemptRecord:
    """One run of one scenario; reruns give the same scenario several attempts."""

    nodeid: str
    uri: str
    scenario_line: int
    scenario_name: str
    step_texts: list[str]
    attempt: int = 0
    worker: str = "main"
    started: float = 0.0
    finished: float = 0.0
    outcome: str = "passed"
    setup: PhaseRecord = field(default_factory=PhaseRecord)
    steps: list[StepRecord] = field(default_factory=list)
    teardown: PhaseRecord = field(default_factory=PhaseRecord)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AttemptRecord:
        def phase(raw: dict[str, Any]) -> PhaseRecord:
            return PhaseRecord(
                raw["status"],
                raw["message"],
                [AttachmentRecord(**a) for a in raw["attachments"]],
            )

        steps = [
            StepRecord(**{**s, "attachments": [AttachmentRecord(**a) for a in s["attachments"]]})
            for s in data["steps"]
        ]
        return cls(
            **{
                **data,
                "setup": phase(data["setup"]),
                "teardown": phase(data["teardown"]),
                "steps": steps,
            }
        )
