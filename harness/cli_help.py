"""`./qa bdd --help` and `./qa test --help`: the harness's own options, grouped as the
plugin modules group them, and a word on what else pytest takes.

The options are read from the plugin modules themselves: each module's `pytest_addoption`
is called with a recorder that behaves as pytest's parser does, so an option or a group
that a module adds shows here with nothing else to change.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import inspect
from dataclasses import dataclass, field
from typing import Any

from harness.config import PROJECT_ROOT

# Options of pytest whose meaning the harness extends, shown among the harness's own.
SELECTION_EXTRAS: list[tuple[tuple[str, ...], dict[str, Any]]] = [
    (
        ("paths",),
        {
            "nargs": "*",
            "metavar": "features/PATH",
            "help": "feature files or folders under features/ (relative to where you are)",
        },
    ),
    (
        ("-k",),
        {
            "metavar": "WORDS",
            "help": 'words of scenario titles as written, e.g. "Samsung tablet" or AUTH-4376; '
            "and, or, not and parentheses combine them",
        },
    ),
    (
        ("-m",),
        {
            "metavar": "TAGS",
            "help": 'tags with or without @, e.g. "@C18 and not @stub_only" (any tag a '
            "feature writes works)",
        },
    ),
]

ENVIRONMENT = """\
environment variables (the README's "Configuration" lists them all):
  CHROMIUM_PATH                 the Chromium to drive
  MAILPIT_URL, MAILPIT_SMTP     a running Mailpit instead of one the harness starts
  SLOGIN_SIGNIN_URL, SLOGIN_ETUKORTTI_URL
                                a real environment instead of the stub world
  SLOGIN_WORLD_MANIFEST         a stub world that is already running (./qa serve)
  HARNESS_WORKERS               worker processes (as -n)
  HARNESS_EMAIL_TIMEOUT, HARNESS_UI_TIMEOUT
                                deadlines in seconds
  HARNESS_REPORTS_DIR           where reports go (default reports/)
  PWDEBUG=1                     Playwright's inspector; headed, so it needs a display
                                (./qa runs it under xvfb-run when none is set)"""


@dataclass
class _Group:
    name: str
    title: str
    options: list[tuple[tuple[str, ...], dict[str, Any]]] = field(default_factory=list)

    def addoption(self, *names: str, **attrs: Any) -> None:
        self.options.append((names, attrs))

    _addoption = addoption


@dataclass
class _Recorder:
    """Takes what `pytest_addoption` gives pytest's parser, and keeps the groups."""

    groups: dict[str, _Group] = field(default_factory=dict)

    def getgroup(self, name: str, description: str = "", after: str | None = None) -> _Group:
        if name not in self.groups:
            self.groups[name] = _Group(name, description or name)
        return self.groups[name]

    def addoption(self, *names: str, **attrs: Any) -> None:
        self.getgroup("harness", "other harness options").addoption(*names, **attrs)

    def addini(self, *args: Any, **kwargs: Any) -> None:
        """Ini values are not command-line options."""


def plugin_modules() -> list[str]:
    """The harness's pytest plugin modules: those the root conftest loads (not steps) and
    those harness.plugin registers."""
    tree = ast.parse((PROJECT_ROOT / "conftest.py").read_text())
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "pytest_plugins" for t in node.targets
        ):
            names = [n for n in ast.literal_eval(node.value) if not n.startswith("steps.")]
    found: list[str] = []
    for name in names:
        found.append(name)
        found += list(getattr(importlib.import_module(name), "pytest_plugins", []))
    return found


def option_groups() -> list[_Group]:
    """The harness's option groups, in the order the plugin modules open them."""
    recorder = _Recorder()
    for name in plugin_modules():
        add = getattr(importlib.import_module(name), "pytest_addoption", None)
        if add is None:
            continue
        wanted = inspect.signature(add).parameters
        add(recorder, **({"pluginmanager": None} if "pluginmanager" in wanted else {}))
    return list(recorder.groups.values())


def command_help(command: str, summary: str, target: str) -> str:
    """The help of a command that runs pytest on `target`."""
    parser = argparse.ArgumentParser(
        prog=f"./qa {command}",
        usage=f"./qa {command} [features/PATH ...] [harness options] [pytest options]",
        description=summary,
        add_help=False,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=ENVIRONMENT
        + "\n\neverything else goes to pytest (-x, --lf, -n N, --reruns N, -v …); "
        f"`.venv/bin/pytest {target} --help` lists it all.\n"
        "./qa check runs first: it reports undefined steps and wrong tags in a few seconds, "
        "before any browser starts.",
    )
    for group in option_groups():
        shown = parser.add_argument_group(group.title)
        options = SELECTION_EXTRAS if group.name == "harness-selection" else []
        for names, attrs in [*options, *group.options]:
            if attrs.get("help") == argparse.SUPPRESS:
                continue
            kept: dict[str, Any] = {
                k: attrs[k] for k in ("help", "metavar", "choices", "nargs") if k in attrs
            }
            if attrs.get("action") in ("store_true", "store_false"):
                kept = {"help": attrs.get("help"), "action": attrs["action"]}
            shown.add_argument(*names, **kept)
    return parser.format_help()
