"""Finnish identity codes: personal identity codes (HETU) and business ids (Y-tunnus)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from contract.finnish_ids import CENTURY_SIGNS, business_id_check_digit, hetu_check

_HETU = re.compile(r"^(\d{2})(\d{2})(\d{2})([-+YXWVUABCDEF])(\d{3})([0-9A-Y])$")
_CENTURY = {sign: century for century, signs in CENTURY_SIGNS.items() for sign in signs}

_BUSINESS_ID = re.compile(r"^(\d{7})-(\d)$")


class InvalidIdentityCode(ValueError):
    """The code is malformed; the message says why, for a 422 answer."""


@dataclass(frozen=True)
class Hetu:
    """A valid personal identity code; `code` is the normalised (upper-case) form."""

    code: str
    birthdate: date
    temporary: bool

    @property
    def masked(self) -> str:
        """The birth date part only, for logs: never the full code."""
        return self.code[:7] + "****"


def parse_hetu(value: str) -> Hetu:
    """Validate format, date, individual number and check character (new signs included)."""
    code = value.strip().upper()
    match = _HETU.match(code)
    if match is None:
        raise InvalidIdentityCode(
            "personal identity code must look like DDMMYYCZZZQ, e.g. 010280-952L"
        )
    day, month, year, sign, individual, check = match.groups()
    try:
        birthdate = date(_CENTURY[sign] + int(year), int(month), int(day))
    except ValueError:
        raise InvalidIdentityCode(f"personal identity code has no valid date: {code}") from None
    if int(individual) < 2:
        raise InvalidIdentityCode(f"individual number 000 and 001 are not used: {code}")
    expected = hetu_check(day + month + year + individual)
    if check != expected:
        raise InvalidIdentityCode(f"check character of {code} should be {expected}")
    return Hetu(code, birthdate, temporary=int(individual) >= 900)


def parse_business_id(value: str) -> str:
    """Validate a business id `NNNNNNN-C` (weights 7 9 10 5 8 4 2, mod 11)."""
    code = value.strip()
    match = _BUSINESS_ID.match(code)
    if match is None:
        raise InvalidIdentityCode("business id must look like NNNNNNN-C, e.g. 2077474-0")
    digits, check = match.groups()
    expected = business_id_check_digit(digits)
    if expected is None:
        raise InvalidIdentityCode(f"business id {code} is not valid (no check digit fits)")
    if int(check) != expected:
        raise InvalidIdentityCode(f"check digit of {code} should be {expected}")
    return code
