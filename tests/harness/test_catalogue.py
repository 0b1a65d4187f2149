"""The step catalogue and the dry run: every step listed and documented, docs/steps.md and
the editor glue current, misspelled steps and unloaded step modules found in seconds."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from harness.catalogue import as_markdown, load
from harness.config import PROJECT_ROOT
from harness.dry_run import check
from harness.editor_glue import GLUE_FILE, glue

QA = [sys.executable, "-m", "harness.cli"]


@pytest.fixture(scope="module")
def entries() -> list:  # type: ignore[type-arg]
    return load()


def run_qa(*args: str, cwd: Path = PROJECT_ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*QA, *args], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False, timeout=120
    )


def test_qa_steps_lists_every_step(entries: list) -> None:  # type: ignore[type-arg]
    shown = run_qa("steps")
    assert shown.returncode == 0, shown.stderr
    for entry in entries:
        for step_def in entry.phrases:
            assert step_def.phrase.words in shown.stdout, step_def.location
            assert step_def.location in shown.stdout
    assert "sv: Givet {name} har en S-inloggning" in shown.stdout
    assert "fi: Oletetaan {name} on luonut S-kirjautumisen" in shown.stdout
    assert "{device}: " in shown.stdout
    assert "Samsung tablet" in shown.stdout


def test_every_step_has_a_one_line_docstring(entries: list) -> None:  # type: ignore[type-arg]
    missing = [e.main.location for e in entries if not e.main.docstring]
    assert not missing, "Give these steps a one-line docstring:\n" + "\n".join(missing)
    long = [e.main.location for e in entries if "\n\n" in e.main.docstring]
    assert not long, "Keep step docstrings to one sentence:\n" + "\n".join(long)


def test_a_step_without_docstring_is_reported(tmp_path: Path) -> None:
    """The dry run names a step that has no docstring, as the test above would fail."""
    package = probe_package(tmp_path, loaded='"""Loaded."""\n' + STEP.format(doc=""))
    result = check([write_feature(tmp_path, "Then Sara is fine")], *package)
    assert any("has no docstring" in p for p in result.problems), result.problems


def test_docs_steps_md_is_current(entries: list) -> None:  # type: ignore[type-arg]
    written = (PROJECT_ROOT / "docs" / "steps.md").read_text()
    assert written == as_markdown(entries), "Run ./qa steps --write and commit docs/steps.md"


def test_the_editor_glue_is_current(entries: list) -> None:  # type: ignore[type-arg]
    assert GLUE_FILE.read_text() == glue(entries), "Run ./qa steps --write"


TYPO = """\
Feature: A draft
  Scenario: A misspelled step
    Given Sara has an S-logni
    When Sara signs in with the code from her email
    Then Sara sees her own details on "Mina uppgifter"
"""


def test_qa_check_finds_a_misspelled_step_in_seconds(tmp_path: Path) -> None:
    feature = tmp_path / "draft.feature"
    feature.write_text(TYPO)
    started, cpu_before = time.monotonic(), children_cpu()
    result = run_qa("check", str(feature))
    elapsed, cpu = time.monotonic() - started, children_cpu() - cpu_before
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    assert "draft.feature:3: undefined step: Given Sara has an S-logni" in out
    assert "did you mean:\n    Given Sara has an S-login    (steps/personas.py:" in out
    assert '@given(parsers.re(rf"{NAME} has an S-logni"))' in out
    # CPU time, not wall time: on a machine shared with other runs the wall time says
    # more about them (about 1 s of CPU and 1-2 s of wall time on a quiet 2-core machine).
    assert cpu < 3, f"./qa check took {cpu:.1f} s of CPU ({elapsed:.1f} s wall)"


def children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def test_qa_bdd_stops_at_the_dry_run_before_any_set_up(tmp_path: Path) -> None:
    feature = tmp_path / "draft.feature"
    feature.write_text(TYPO)
    result = run_qa("bdd", str(feature))
    assert result.returncode == 1
    assert "did you mean" in result.stdout
    # Set-up (Chromium, Mailpit) and pytest come after the dry run; neither started.
    assert "qa: Chromium" not in result.stdout
    assert "-m pytest" not in result.stdout


def test_the_project_passes_its_own_dry_run() -> None:
    result = check()
    assert not result.problems, result.report()


STEP = '''
from pytest_bdd import then


@then("Sara is fine")
def fine() -> None:
    """{doc}"""
'''


def probe_package(tmp_path: Path, loaded: str, unloaded: str = "") -> tuple[Path, Path]:
    """A steps package of its own (probe_steps.loaded, probe_steps.unloaded) and a conftest
    that loads only the first; returns (conftest, steps folder)."""
    folder = tmp_path / f"probe_steps_{tmp_path.name.replace('-', '_')}"
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    (folder / "loaded.py").write_text(loaded.replace('"""{doc}"""', '"""{doc}"""'))
    if unloaded:
        (folder / "unloaded.py").write_text(unloaded)
    conftest = tmp_path / "conftest.py"
    conftest.write_text(f'pytest_plugins = ["{folder.name}.loaded"]\n')
    sys.path.insert(0, str(tmp_path))
    return conftest, folder


def write_feature(tmp_path: Path, step: str) -> Path:
    feature = tmp_path / "probe.feature"
    feature.write_text(f"Feature: Probe\n  Scenario: One step\n    {step}\n")
    return feature


def test_an_unloaded_step_module_is_named(tmp_path: Path) -> None:
    other = STEP.replace("Sara is fine", "Sara is well").replace("def fine", "def well")
    package = probe_package(
        tmp_path,
        loaded='"""Loaded."""\n' + STEP.format(doc="Nothing."),
        unloaded='"""Not loaded."""\n' + other.format(doc="Nothing."),
    )
    result = check([write_feature(tmp_path, "Then Sara is well")], *package)
    name = package[1].name
    assert any(
        f'{name}/unloaded.py defines 1 step(s) but is not loaded: add "{name}.unloaded"' in p
        for p in result.problems
    ), result.problems
    assert any(
        "undefined step: Then Sara is well" in p and f"{name}.unloaded is not loaded" in p
        for p in result.problems
    ), result.problems
