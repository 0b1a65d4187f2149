"""Finnish identity data for personas: identity codes, business ids, mobile numbers.

Identity codes use the artificial range 900–999 (never a real person) and any of the
century signs in force since 2023, so the services are tested with the new letters too.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

# The check rules are the services' own: the contract holds them for both sides.
from contract.finnish_ids import CENTURY_SIGNS as CENTURY_SIGNS
from contract.finnish_ids import business_id_check_digit
from contract.finnish_ids import hetu_check as hetu_check

MOBILE_PREFIXES = ("40", "41", "44", "45", "46", "50")


def make_hetu(birth: date, individual: int, sign: str) -> str:
    if sign not in CENTURY_SIGNS[birth.year // 100 * 100]:
        raise ValueError(f"{sign!r} is not a century sign for {birth.year}")
    stem = f"{birth:%d%m%y}"
    return f"{stem}{sign}{individual:03d}{hetu_check(f'{stem}{individual:03d}')}"


def business_id_check(seven: str) -> str:
    digit = business_id_check_digit(seven)
    if digit is None:
        raise ValueError(f"{seven} has no valid check digit")
    return str(digit)


@dataclass(frozen=True)
class Identity:
    """What a bank knows about a person, and how to reach her phone."""

    hetu: str
    birth: date
    mobile_e164: str

    @property
    def mobile_national(self) -> str:
        """As a customer types it: 040 123 4567."""
        rest = self.mobile_e164.removeprefix("+358")
        return f"0{rest[:2]} {rest[2:5]} {rest[5:]}"


def random_identity(rng: random.Random) -> Identity:
    """An adult born 1950–2005 with an artificial identity code and a mobile number."""
    birth = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 55))
    sign = rng.choice(CENTURY_SIGNS[birth.year // 100 * 100])
    hetu = make_hetu(birth, rng.randrange(900, 1000), sign)
    mobile = f"+358{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**7):07d}"
    return Identity(hetu, birth, mobile)


def random_business_id(rng: random.Random) -> str:
    while True:
        seven = f"{rng.randrange(1_000_000, 10_000_000)}"
        try:
            return f"{seven}-{business_id_check(seven)}"
        except ValueError:
            continue
