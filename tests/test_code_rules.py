"""The project's own rules, checked on every run: boundaries, no fixed sleeps, ruff, mypy."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEST_SIDE = ["harness", "steps", "tests/bdd", "tests/harness", "conftest.py"]


def python_files(*places: str) -> list[Path]:
    found: list[Path] = []
    for place in places:
        path = ROOT / place
        found += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return found


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def project_packages_imported(places: list[str]) -> Iterator[tuple[Path, str]]:
    """(file, module) for every import of one of this project's own top-level packages."""
    project = {path.name for path in ROOT.iterdir() if (path / "__init__.py").is_file()}
    for path in python_files(*places):
        for name in imported_modules(path):
            if name.split(".")[0] in project | {"conftest"}:
                yield path, name


def test_tests_reach_the_stub_world_only_over_http_and_the_browser() -> None:
    """Of the project's packages, test code imports its own and `contract`, never the stubs."""
    allowed = {"harness", "steps", "tests", "benchmarks", "conftest", "contract"}
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path, name in project_packages_imported(TEST_SIDE)
        if name.split(".")[0] not in allowed
    ]
    assert not offenders, "Test code must not import the stubs:\n" + "\n".join(offenders)


def test_stubs_never_import_test_code() -> None:
    """Of the project's packages, the stubs import their own and `contract`; no test tools."""
    test_tools = {"pytest", "pytest_bdd", "playwright"}
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in python_files("stub_services")
        for name in imported_modules(path)
        if name.split(".")[0] in test_tools
    ] + [
        f"{path.relative_to(ROOT)} imports {name}"
        for path, name in project_packages_imported(["stub_services"])
        if name.split(".")[0] not in {"stub_services", "contract"}
    ]
    assert not offenders, "Stubs must not import test code:\n" + "\n".join(offenders)


def test_no_step_module_imports_another() -> None:
    """A step that needs another step's code is asking for a flow (harness/flows)."""
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in python_files("steps")
        for name in imported_modules(path)
        if name.startswith("steps.")
    ]
    assert not offenders, (
        "Step modules must not import each other; move the shared journey into "
        "harness/flows:\n" + "\n".join(offenders)
    )


def test_steps_import_only_the_harness() -> None:
    """Steps turn feature words into calls of flows and page objects; the browser, HTTP and
    the stubs are the harness's business (docs/architecture.md)."""
    allowed = {"harness", "contract", "steps", "pytest", "pytest_bdd", *sys.stdlib_module_names}
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in python_files("steps")
        for name in imported_modules(path)
        if name.split(".")[0] not in allowed
    ]
    assert not offenders, (
        "Step modules call the harness; put browser and HTTP work in a flow or page "
        "object:\n" + "\n".join(offenders)
    )


def test_no_fixed_sleeps_outside_the_deadline_helper() -> None:
    allowed = {ROOT / "harness" / "waiting.py", ROOT / "stub_services" / "common" / "polling.py"}
    offenders = []
    for path in python_files("harness", "steps", "stub_services", "tests"):
        if path in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"sleep", "wait_for_timeout"}
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, "Wait for a condition with a deadline instead:\n" + "\n".join(offenders)


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "."],
        ["mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_code_is_clean(command: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{' '.join(command)} found problems:\n{done.stdout}{done.stderr}"


def test_the_contract_imports_only_the_standard_library() -> None:
    """Both sides import `contract`, so it may depend on nothing either side brings."""
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in python_files("contract")
        for name in imported_modules(path)
        if name.split(".")[0] not in sys.stdlib_module_names | {"__future__", "contract"}
    ]
    assert python_files("contract"), "the contract package is missing"
    assert not offenders, "contract may import the standard library only:\n" + "\n".join(offenders)
