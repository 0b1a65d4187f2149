"""Finnish identifiers typed by users: mobile numbers (to E.164) and business ids (Y-tunnus)."""

from __future__ import annotations

import re

from stub_services.common.finnish_ids import InvalidIdentityCode, parse_business_id

_SEPARATORS = re.compile(r"[\s\-().]")
# The contract's forms (040 123 4567): prefix 04x or 050, then seven digits. Shorter legacy
# numbers exist, but a digit missing from a current one must be caught, not texted.
_MOBILE_NSN = re.compile(r"^(?:4\d|50)\d{7}$")


def finnish_mobile(value: str) -> str | None:
    """`040 123 4567`, `0401234567` or `+358 40 123 4567` as `+358401234567`; else None."""
    compact = _SEPARATORS.sub("", value.strip())
    if compact.startswith("+358"):
        national = compact[4:]
    elif compact.startswith("00358"):
        national = compact[5:]
    elif compact.startswith("0"):
        national = compact[1:]
    else:
        return None
    if not _MOBILE_NSN.match(national):
        return None
    return f"+358{national}"


def masked_phone(e164: str) -> str:
    """For events and pages that need not show the whole number."""
    return f"{e164[:6]}•••{e164[-4:]}"


def business_id(value: str) -> str | None:
    """A Y-tunnus (`2077474-0`) with a valid check digit, normalised; else None."""
    try:
        return parse_business_id(value)
    except InvalidIdentityCode:
        return None
