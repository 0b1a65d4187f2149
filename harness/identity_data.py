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


# Common Finnish surnames, and a few of Finland's Swedish speakers: the names a persona gets.
# Kept here rather than drawn from Faker, whose import alone cost every run about 0.45 s
# of start-up (it lists all its locales first) for one surname a persona.
LAST_NAMES = (
    "Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine",
    "Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen",
    "Heinonen", "Niemi", "Heikkilä", "Kinnunen", "Salonen", "Turunen", "Salo", "Laitinen",
    "Tuominen", "Rantanen", "Karjalainen", "Jokinen", "Mattila", "Savolainen", "Lahtinen",
    "Ahonen", "Lindholm", "Lindroos", "Nyström", "Holmström", "Björklund", "Åberg",
)  # fmt: skip
STREETS = (
    "Mannerheimintie", "Hämeenkatu", "Aleksanterinkatu", "Puistokatu", "Koulukatu",
    "Kauppakatu", "Rantatie", "Kirkkokatu", "Asemakatu", "Satamakatu", "Koivukuja",
    "Mäntytie", "Pihlajatie", "Tehtaankatu", "Kalevankatu", "Väinämöisenkatu",
)  # fmt: skip
# Postal codes with their post towns, as they are.
POST_TOWNS = (
    ("00100", "Helsinki"), ("00530", "Helsinki"), ("02100", "Espoo"), ("01300", "Vantaa"),
    ("33100", "Tampere"), ("20100", "Turku"), ("90100", "Oulu"), ("40100", "Jyväskylä"),
    ("15110", "Lahti"), ("70100", "Kuopio"), ("28100", "Pori"), ("65100", "Vaasa"),
    ("53100", "Lappeenranta"), ("22100", "Mariehamn"),
)  # fmt: skip


def random_last_name(rng: random.Random) -> str:
    return rng.choice(LAST_NAMES)


def random_street_address(rng: random.Random) -> str:
    """A street, a house number and, for a block of flats, a staircase and flat."""
    street = f"{rng.choice(STREETS)} {rng.randrange(1, 80)}"
    if rng.random() < 0.5:
        street += f" {rng.choice('ABCD')} {rng.randrange(1, 40)}"
    return street


def random_post_town(rng: random.Random) -> tuple[str, str]:
    """(postal code, post town)."""
    return rng.choice(POST_TOWNS)
