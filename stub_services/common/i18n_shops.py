"""Strings of the web shops and app sites (sv, fi, en); merged into i18n.STRINGS."""

from __future__ import annotations

from typing import Final, Literal

SHOP_STRINGS: Final[dict[str, dict[Literal["sv", "fi", "en"], str]]] = {}
