"""Strings of the sign-in service's single sign-on pages (sv, fi, en)."""

from __future__ import annotations

from typing import Final, Literal

SSO_STRINGS: Final[dict[str, dict[Literal["sv", "fi", "en"], str]]] = {}
