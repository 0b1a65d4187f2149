"""Strings of S-Etukortti's benefits, coupons, Bonus and household pages (sv, fi, en)."""

from __future__ import annotations

from typing import Final, Literal

BENEFIT_STRINGS: Final[dict[str, dict[Literal["sv", "fi", "en"], str]]] = {}
