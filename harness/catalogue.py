"""The step catalogue, read from the code: every step definition with its phrase in business
words (English, Swedish, Finnish side by side), its docstring, where it is defined and a
feature line that uses it. `./qa steps`, `docs/steps.md`, `./qa check` and the editor glue
file are all made from it.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pytest_bdd.parser import FeatureParser

from harness.config import PROJECT_ROOT
from harness.env_profiles import shown_path
from harness.pytest.bdd_adapter import StepDefinition, step_definitions
from harness.step_phrases import Phrase, phrase

LANGUAGES = {"en": "English", "sv": "Svenska", "fi": "Suomi"}
KEYWORDS = {
    "en": {"given": "Given", "when": "When", "then": "Then", None: "Step"},
    "sv": {"given": "Givet", "when": "När", "then": "Så", None: "Steg"},
    "fi": {"given": "Oletetaan", "when": "Kun", "then": "Niin", None: "Askel"},
}


@dataclass(frozen=True)
class StepDef:
    """One phrase of a step definition (a function may have several, one per language)."""

    definition: StepDefinition
    pattern: str
    language: str

    @property
    def type(self) -> str | None:
        return self.definition.type

    @property
    def function(self) -> object:
        return self.definition.function

    @property
    def module(self) -> str:
        return str(getattr(self.definition.function, "__module__", ""))

    @functools.cached_property
    def location(self) -> str:
        function = self.definition.function
        path = Path(inspect.getsourcefile(function) or "?").resolve()
        line = inspect.getsourcelines(function)[1]
        return f"{shown_path(path)}:{line}"

    @property
    def docstring(self) -> str:
        return inspect.getdoc(self.definition.function) or ""

    @property
    def keyword(self) -> str:
        return KEYWORDS[self.language][self.type]

    @functools.cached_property
    def phrase(self) -> Phrase:
        return phrase(self.pattern)

    def matches(self, step: FeatureStep) -> bool:
        return self.type in (None, step.type) and self.definition.parser.is_matching(step.text)


@dataclass(frozen=True)
class FeatureStep:
    """A step as a feature file writes it (an outline's step once per example row)."""

    path: str
    line: int
    keyword: str
    type: str
    text: str
    scenario: str

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def __str__(self) -> str:
        return f"{self.keyword.strip()} {self.text}"


@dataclass
class Entry:
    """A step function: its phrases in each language and the feature lines that use it."""

    phrases: list[StepDef]
    uses: list[FeatureStep] = field(default_factory=list)

    @property
    def main(self) -> StepDef:
        return self.phrases[0]

    def in_language(self, language: str) -> list[StepDef]:
        return [p for p in self.phrases if p.language == language]

    @property
    def example(self) -> FeatureStep | None:
        """A feature line that uses the step, in English where one does."""
        return next((u for u in self.uses if self.main.matches(u)), None) or next(
            iter(self.uses), None
        )


STEPS_DIR = PROJECT_ROOT / "steps"


def step_modules(steps_dir: Path = STEPS_DIR) -> list[str]:
    """Every module of the steps package, loaded or not."""
    return sorted(
        f"{steps_dir.name}.{path.stem}"
        for path in steps_dir.glob("*.py")
        if path.stem != "__init__"
    )


def loaded_step_modules(
    conftest: Path = PROJECT_ROOT / "conftest.py", package: str = STEPS_DIR.name
) -> list[str]:
    """The step modules the root conftest loads through `pytest_plugins`."""
    for node in ast.parse(conftest.read_text()).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "pytest_plugins" for t in node.targets
        ):
            names = ast.literal_eval(node.value)
            return [name for name in names if name.startswith(f"{package}.")]
    return []


def definitions(modules: Iterable[str]) -> list[StepDef]:
    """The step definitions of these modules, in the order the modules define them."""
    wanted = list(modules)
    for name in wanted:
        importlib.import_module(name)
    languages: dict[str, str] = getattr(sys.modules.get("steps"), "LANGUAGE_OF", {})
    found = []
    for definition in step_definitions():
        module = getattr(definition.function, "__module__", "")
        if module in wanted:
            pattern = str(definition.parser.name)
            found.append(StepDef(definition, pattern, languages.get(pattern, "en")))
    order = {name: n for n, name in enumerate(wanted)}

    def place(step: StepDef) -> tuple[int, int, int]:
        line = inspect.getsourcelines(step.definition.function)[1]
        return order[step.module], line, list(LANGUAGES).index(step.language)

    return sorted(found, key=place)


def feature_files(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        files += sorted(path.rglob("*.feature")) if path.is_dir() else [path]
    return files


def feature_steps(path: Path) -> list[FeatureStep]:
    """Every step of a feature file; an outline's steps filled in with each example row.
    Raises what pytest-bdd's parser raises for a file it cannot read."""
    path = path.resolve()
    feature = FeatureParser(str(path.parent), path.name).parse()
    found: dict[tuple[int, str], FeatureStep] = {}
    for template in feature.scenarios.values():
        rows = [row for examples in template.examples for row in examples.as_contexts()]
        for row in rows or [{}]:
            for step in template.render(row).steps:
                key = (step.line_number, step.name)
                found.setdefault(
                    key,
                    FeatureStep(
                        shown_path(path),
                        step.line_number,
                        step.keyword,
                        step.type,
                        step.name,
                        template.name,
                    ),
                )
    return sorted(found.values(), key=lambda s: (s.line, s.text))


def catalogue(defs: list[StepDef], steps: list[FeatureStep]) -> list[Entry]:
    """One entry per step function, in module order, each with the feature lines it matches."""
    entries: dict[int, Entry] = {}
    for step_def in defs:
        entries.setdefault(id(step_def.function), Entry([])).phrases.append(step_def)
    order = ["given", "when", "then", None]
    for entry in entries.values():
        entry.phrases.sort(key=lambda s: (list(LANGUAGES).index(s.language), order.index(s.type)))
    for step in steps:
        for step_def in defs:
            if step_def.matches(step):
                entries[id(step_def.function)].uses.append(step)
                break
    return list(entries.values())


def load(features: Iterable[Path] = (PROJECT_ROOT / "features",)) -> list[Entry]:
    """The catalogue of the loaded step modules against these features."""
    defs = definitions(loaded_step_modules())
    steps = [step for path in feature_files(features) for step in feature_steps(path)]
    return catalogue(defs, steps)


# --- Rendering -------------------------------------------------------------------------


def _heading(step_def: StepDef) -> str:
    return f"{step_def.keyword} {step_def.phrase.words}"


def _slots(entry: Entry) -> dict[str, str]:
    """Each slot's words, English first, then each translation's own ("sv: …")."""
    words: dict[str, dict[str, list[str]]] = {}
    for step_def in entry.phrases:
        for name, found in step_def.phrase.slots.items():
            kept = words.setdefault(name, {}).setdefault(step_def.language, [])
            kept += [w for w in found if w not in kept]
    return {
        name: " · ".join(
            ("" if language == "en" else f"{language}: ") + " | ".join(sorted(found, key=str.lower))
            for language, found in by_language.items()
        )
        for name, by_language in words.items()
    }


def as_text(entries: list[Entry]) -> str:
    """The catalogue for a terminal: one block a step, grouped by module."""
    lines: list[str] = []
    module = ""
    for entry in entries:
        if entry.main.module != module:
            module = entry.main.module
            doc = (inspect.getdoc(sys.modules[module]) or "").split("\n")[0]
            lines += ["", f"== {module.replace('.', '/')}.py: {doc}"]
        lines.append("")
        for step_def in entry.phrases:
            prefix = "" if step_def.language == "en" else f"{step_def.language}: "
            lines.append(f"  {prefix}{_heading(step_def)}")
        for name, words in _slots(entry).items():
            lines.append(f"      {{{name}}}: {words}")
        lines.append(f"      {entry.main.docstring or '(no docstring)'}")
        if (use := entry.example) is not None:
            lines.append(f"      e.g. {use}    ({use.where})")
        else:
            lines.append("      not used by any feature")
        lines.append(f"      {entry.main.location}")
    return "\n".join(lines[1:]) + "\n"


def unused_text(entries: list[Entry]) -> str:
    unused = [e for e in entries if not e.uses]
    lines = [f"{_heading(e.main)}    ({e.main.location})" for e in unused]
    return "\n".join([*lines, f"{len(unused)} of {len(entries)} steps are used by no feature"]) + (
        "\n"
    )


def _cell(step_defs: list[StepDef]) -> str:
    return "<br>".join(f"`{_heading(s)}`" for s in step_defs) or "—"


def as_markdown(entries: list[Entry]) -> str:
    """docs/steps.md: the same catalogue, kept current by tests/harness/test_catalogue.py."""
    lines = [
        "# Step catalogue",
        "",
        "Generated from the step code by `./qa steps --write`; do not edit by hand (a test",
        "fails when this file is out of date). `{name}` is a customer's first name (Sara,",
        "Elias …); `a/an` means either word; `[…]` may be left out. Each step shows its",
        "English, Swedish and Finnish wording where it has them, what it does, a line",
        "of a feature that uses it, and where its code is.",
        "",
        f"{len(entries)} steps; {sum(1 for e in entries if not e.uses)} used by no feature.",
    ]
    module = ""
    for entry in entries:
        if entry.main.module != module:
            module = entry.main.module
            doc = (inspect.getdoc(sys.modules[module]) or "").replace("\n", " ")
            lines += ["", f"## `{module.replace('.', '/')}.py`", "", doc]
        lines += ["", f"### {_heading(entry.main)}", ""]
        translated = [lang for lang in ("sv", "fi") if entry.in_language(lang)]
        if translated:
            names = ["English", *(LANGUAGES[lang] for lang in translated)]
            cells = [_cell(entry.in_language(lang)) for lang in ("en", *translated)]
            lines += [
                "| " + " | ".join(names) + " |",
                "|" + "---|" * len(names),
                "| " + " | ".join(cells) + " |",
                "",
            ]
        elif len(entry.phrases) > 1:
            lines += [f"Also: {_cell(entry.phrases[1:])}", ""]
        lines.append(entry.main.docstring or "(no docstring)")
        lines.append("")
        for name, words in _slots(entry).items():
            lines.append(f"- `{{{name}}}`: {words}")
        if (use := entry.example) is not None:
            lines.append(f"- Example: `{use}` ({use.where})")
        else:
            lines.append("- Used by no feature yet")
        lines.append(f"- Code: {entry.main.location}")
    return "\n".join(lines) + "\n"
