"""The plugin's shape: harness/plugin.py only registers, and pytest internals stay in one place."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

from harness.plugin import pytest_plugins

ROOT = Path(__file__).resolve().parent.parent.parent
# pytest-bdd's public names, plus the module of the types its hooks pass (Feature, Step …).
PUBLIC_BDD = {"pytest_bdd", "pytest_bdd.parsers", "pytest_bdd.parser"}
ADAPTER = ROOT / "harness" / "pytest" / "bdd_adapter.py"
# Private attributes of pytest's objects that earlier versions of the plugin reached for.
PYTEST_OBJECTS = {"item", "request", "node", "config", "pytestconfig", "session", "metafunc"}


def test_the_plugin_module_only_lists_the_modules_it_registers() -> None:
    tree = ast.parse((ROOT / "harness" / "plugin.py").read_text())
    statements = [s for s in tree.body if not isinstance(s, ast.Expr | ast.ImportFrom)]
    assert [type(s) for s in statements] == [ast.Assign], "only `pytest_plugins = [...]`"
    for name in pytest_plugins:
        importlib.import_module(name)


def _code_files() -> list[Path]:
    return [*sorted((ROOT / "harness").rglob("*.py")), *sorted((ROOT / "steps").rglob("*.py"))]


def test_only_the_adapter_imports_pytest_or_pytest_bdd_internals() -> None:
    offenders = []
    for path in _code_files():
        if path == ADAPTER:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                private = name.split(".")[0] == "_pytest"
                if private or (name.startswith("pytest_bdd") and name not in PUBLIC_BDD):
                    offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not offenders, "Go through harness/pytest/bdd_adapter.py:\n" + "\n".join(offenders)


def test_no_private_attribute_of_a_pytest_object_is_read_or_set() -> None:
    offenders = []
    for path in _code_files():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute):
                base = ast.unparse(node.value).rsplit(".", 1)[-1]
                private = node.attr.startswith("_") and not node.attr.startswith("__")
                if base in PYTEST_OBJECTS and (private or node.attr == "rep_call"):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} .{node.attr}")
            if isinstance(node, ast.Call) and ast.unparse(node.func) in {"getattr", "setattr"}:
                name = node.args[1] if len(node.args) > 1 else None
                if isinstance(name, ast.Constant) and name.value in {"_request", "rep_call"}:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {name.value}")
    assert not offenders, "Use item.stash, item.funcargs or hook arguments:\n" + "\n".join(
        offenders
    )


def test_the_plugin_and_browser_modules_stay_short() -> None:
    places = ["harness/pytest", "harness/browsers", "harness/tools", "tests/harness"]
    files = [ROOT / "harness" / "plugin.py"]
    files += [path for place in places for path in sorted((ROOT / place).glob("*.py"))]
    long = {
        str(path.relative_to(ROOT)): lines
        for path in files
        if (lines := len(path.read_text().splitlines())) > 400
    }
    assert not long, f"Split these modules (over 400 lines): {long}"
