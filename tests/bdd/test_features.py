"""Binds every feature file under features/ to pytest (steps come from the root conftest)."""

from __future__ import annotations

from pytest_bdd import scenarios

scenarios(".")
