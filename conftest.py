"""Root conftest: loads the harness plugin and the step modules once for the whole suite."""

from __future__ import annotations

# Before any plugin or step module imports httpx: see the module.
import harness.pytest.lean_imports  # noqa: F401

pytest_plugins = [
    "harness.plugin",
    "harness.living_docs.plugin",
    "steps.personas",
    "steps.devices",
    "steps.sign_in",
    "steps.account",
    "steps.auth_failure",
    "steps.inbox",
    "steps.clock",
    "steps.cards",
    "steps.bank_id",
    "steps.phone",
    "steps.profile",
    "steps.terms",
    "steps.forms",
    "steps.shops",
    "steps.benefits",
    "steps.household",
    "steps.faults",
    "steps.security",
    "steps.look",
    "steps.accessibility",
]
