"""`./qa check`: the dry run. It reads every feature and every step module, and reports
before any browser or stub starts: undefined and ambiguous steps (file:line, the closest
existing phrases and a snippet ready to paste), wrong harness tags, scenarios without a
Then, step functions without a docstring, and step modules that are not loaded."""

from __future__ import annotations

import difflib
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from harness.catalogue import (
    STEPS_DIR,
    FeatureStep,
    StepDef,
    definitions,
    feature_files,
    feature_steps,
    loaded_step_modules,
    step_modules,
)
from harness.config import PROJECT_ROOT
from harness.env_profiles import shown_path
from harness.step_phrases import phrase
from harness.tags import tag_problems

CONFTEST = PROJECT_ROOT / "conftest.py"


@dataclass
class CheckResult:
    """What the dry run read and the problems it found, each a ready-to-print text."""

    features: int = 0
    steps: int = 0
    definitions: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        counts = (
            f"{self.features} feature files, {self.steps} steps, "
            f"{self.definitions} step definitions ({self.seconds:.1f} s)"
        )
        if not self.problems:
            return f"qa check: {counts}: every step is defined"
        return f"qa check: {counts}: {len(self.problems)} problem(s)"

    def report(self) -> str:
        return "\n\n".join([*self.problems, self.summary()]) + "\n"


def check(
    paths: Iterable[Path] = (PROJECT_ROOT / "features",),
    conftest: Path = CONFTEST,
    steps_dir: Path = STEPS_DIR,
) -> CheckResult:
    """The dry run over these feature files or folders, with the step modules of
    `steps_dir` that `conftest` loads."""
    started = time.monotonic()
    result = CheckResult()
    loaded = loaded_step_modules(conftest, steps_dir.name)
    defs = definitions(loaded)
    result.definitions = len({id(d.function) for d in defs})
    unloaded = [m for m in step_modules(steps_dir) if m not in loaded]
    others = [d for d in definitions(unloaded) if d.module in unloaded]
    for module in sorted({d.module for d in others}):
        count = len({id(d.function) for d in others if d.module == module})
        result.problems.append(
            f"{module.replace('.', '/')}.py defines {count} step(s) but is not loaded: add "
            f'"{module}" to pytest_plugins in conftest.py'
        )
    for step_def in defs:
        if not step_def.docstring and step_def.language == "en":
            result.problems.append(
                f'{step_def.location}: the step "{step_def.phrase.words}" has no docstring; '
                "say in one line what it does (the step catalogue shows it)"
            )
    used = []
    for path in feature_files(paths):
        result.features += 1
        shown = shown_path(path)
        result.problems += tag_problems(path, shown)
        try:
            steps = feature_steps(path)
        except Exception as exc:  # pytest-bdd's and gherkin's parse errors have no base
            result.problems.append(f"{shown}: cannot be read as Gherkin: {exc}")
            continue
        result.steps += len(steps)
        result.problems += _without_then(steps)
        for step in steps:
            matching = [d for d in defs if d.matches(step)]
            if len(matching) == 1:
                used.append(step)
            elif matching:
                where = ", ".join(d.location for d in matching)
                result.problems.append(f"{step.where}: ambiguous step: {step}\n  matches {where}")
    for path in feature_files(paths):
        for step in _steps_of(path):
            if not any(d.matches(step) for d in defs):
                result.problems.append(undefined(step, defs, others, used))
    result.seconds = time.monotonic() - started
    return result


def _steps_of(path: Path) -> list[FeatureStep]:
    try:
        return feature_steps(path)
    except Exception:  # reported above
        return []


def _without_then(steps: list[FeatureStep]) -> list[str]:
    scenarios: dict[str, list[FeatureStep]] = {}
    for step in steps:
        scenarios.setdefault(step.scenario, []).append(step)
    return [
        f'{found[0].where}: scenario "{name}" has no Then step, so it could pass without '
        "checking anything; add the outcome it expects"
        for name, found in scenarios.items()
        if not any(s.type == "then" for s in found)
    ]


def undefined(
    step: FeatureStep, defs: list[StepDef], unloaded: list[StepDef], used: list[FeatureStep]
) -> str:
    """The report of one undefined step: where, what it might be, and a snippet."""
    lines = [f"{step.where}: undefined step: {step}"]
    elsewhere = [d for d in unloaded if d.matches(step)]
    if elsewhere:
        module = elsewhere[0].module
        lines.append(
            f"  it is defined at {elsewhere[0].location}, but {module} is not loaded: add "
            f'"{module}" to pytest_plugins in conftest.py'
        )
        return "\n".join(lines)
    other_type = [d for d in defs if d.definition.parser.is_matching(step.text)]
    if other_type:
        lines.append(
            f"  it is defined as a {other_type[0].keyword} step ({other_type[0].location}); "
            f"write it after {other_type[0].keyword} (or And after one)"
        )
        return "\n".join(lines)
    close = suggestions(step, defs, used)
    if close:
        lines.append("  did you mean:")
        lines += [f"    {text}    ({where})" for text, where in close]
    module = close[0][1].split(":")[0] if close else "steps/<concept>.py"
    lines += [f"  or add it to {module}:", "", snippet(step)]
    return "\n".join(lines)


def suggestions(
    step: FeatureStep, defs: list[StepDef], used: list[FeatureStep], limit: int = 3
) -> list[tuple[str, str]]:
    """The closest existing phrases of the same kind of step: sentences features already
    use, and each definition's sample sentence with the step's own name in it."""
    name = step.text.split(" ", 1)[0]
    values = {"name": name} if re.fullmatch(r"[A-ZÅÄÖ][\w-]+", name) else {}
    candidates: dict[str, tuple[str, StepDef]] = {}
    for step_def in defs:
        if step_def.type not in (None, step.type):
            continue
        sample = phrase(step_def.pattern, values).sample
        candidates.setdefault(sample, (sample, step_def))
    for other in used:
        if other.type == step.type:
            match = next((d for d in defs if d.matches(other)), None)
            if match is not None:
                candidates.setdefault(other.text, (other.text, match))
    scored = sorted(
        (
            (difflib.SequenceMatcher(None, step.text.lower(), text.lower()).ratio(), text, d)
            for text, (_, d) in candidates.items()
        ),
        key=lambda found: -found[0],
    )
    chosen: list[tuple[str, str]] = []
    seen: set[int] = set()
    for score, text, step_def in scored:
        if score < 0.6 or id(step_def.function) in seen:
            continue
        seen.add(id(step_def.function))
        chosen.append((f"{step.keyword.strip()} {text}", step_def.location))
        if len(chosen) == limit:
            break
    return chosen


def snippet(step: FeatureStep) -> str:
    """A step definition ready to paste, in the style of steps/ (names and pronouns as
    the shared patterns, quoted text and numbers as slots)."""
    pattern = re.sub(r"([.^$*+?{}\[\]\\|()])", r"\\\1", step.text)
    pattern = re.sub(r'"[^"]*"', '"(?P<text>[^"]+)"', pattern)
    pattern = re.sub(r"\b\d+\b", r"(?P<number>\\d+)", pattern)
    head = step.text.split(" ", 1)[0]
    uses_name = bool(re.fullmatch(r"[A-ZÅÄÖ][a-zåäö]+", head)) and head not in {"The", "A"}
    if uses_name:
        pattern = "{NAME}" + pattern[len(head) :]
    pattern = re.sub(r"\b(her|his|their)\b", "{PRONOUN}", pattern)
    function = re.sub(r"\W+", "_", step.text.lower()).strip("_")[:50] or "step"
    if uses_name:
        function = re.sub(r"\W+", "_", step.text.split(" ", 1)[-1].lower()).strip("_")[:50]
    arguments = ["customers: Customers", *(["name: str"] if uses_name else [])]
    arguments += [f"{slot}: str" for slot in re.findall(r"\(\?P<(\w+)>", pattern)]
    return "\n".join(
        [
            f'    @{step.type}(parsers.re(rf"{pattern}"))',
            f"    def {function}({', '.join(arguments)}) -> None:",
            '        """What this step does, in one line (the step catalogue shows it)."""',
            "        raise NotImplementedError",
        ]
    )
