"""Strings of S-Etukortti's benefits, coupons, Bonus and household pages and the invitation email (sv, fi, en); merged into i18n.STRINGS."""

from __future__ import annotations

from typing import Final, Literal

BENEFIT_STRINGS: Final[dict[str, dict[Literal["sv", "fi", "en"], str]]] = {}
