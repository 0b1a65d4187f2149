"""Errors the harness raises when the set-up is wrong: each says what is wrong and what to do."""

from __future__ import annotations


class HarnessSetupError(RuntimeError):
    """A component the harness needs is missing or unusable; the message says how to fix it."""
