"""Check characters of Finnish identity codes (HETU) and business ids (Y-tunnus)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

HETU_CHECK_CHARACTERS: Final = "0123456789ABCDEFHJKLMNPRSTUVWXY"
# Since 2023 the signs Y X W V U (1900s) and B C D E F (2000s) join "-" and "A".
CENTURY_SIGNS: Final[Mapping[int, str]] = {1800: "+", 1900: "-YXWVU", 2000: "ABCDEF"}
BUSINESS_ID_WEIGHTS: Final = (7, 9, 10, 5, 8, 4, 2)


def hetu_check(digits: str) -> str:
    """The check character of DDMMYY + ZZZ (nine digits)."""
    return HETU_CHECK_CHARACTERS[int(digits) % 31]


def business_id_check_digit(first_seven: str) -> int | None:
    """The Y-tunnus check digit of seven digits, or None when no digit can be valid."""
    remainder = sum(int(d) * w for d, w in zip(first_seven, BUSINESS_ID_WEIGHTS, strict=True)) % 11
    if remainder == 1:
        return None
    return 0 if remainder == 0 else 11 - remainder
