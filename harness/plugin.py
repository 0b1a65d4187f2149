"""The harness's pytest plugin: only registers its modules in harness/pytest/, one a concern."""

from __future__ import annotations

# A module comes after those it imports: pytest rewrites the asserts of a plugin module only
# when it is the first to import it.
pytest_plugins = [
    "harness.pytest.start_gate",
    "harness.pytest.gc_freeze",
    "harness.pytest.options",
    "harness.pytest.diagnosis",
    "harness.pytest.recording",
    "harness.pytest.early_start",
    "harness.pytest.visual",
    "harness.pytest.world",
    "harness.pytest.browsers",
    "harness.pytest.personas",
    "harness.pytest.scenario",
    "harness.pytest.selection",
    "harness.pytest.authoring",
    "harness.pytest.summary",
    "harness.a11y.plugin",
]
