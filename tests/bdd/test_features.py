"""Binds the feature files under features/ to pytest (steps come from the root conftest):
all of them, or only those a --feature-path names (harness/pytest/selection.py)."""

from __future__ import annotations

from pytest_bdd import scenarios

from harness.pytest.selection import bound_features

scenarios(*bound_features())
