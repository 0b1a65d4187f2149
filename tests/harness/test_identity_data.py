"""Identity data for personas agrees with the public test identities and check rules."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest

from harness.identity_data import (
    business_id_check,
    hetu_check,
    make_hetu,
    random_business_id,
    random_identity,
)


@pytest.mark.parametrize(
    "known", ["070770-905D", "010200A9618", "030516D9026", "010170-999R", "010280-952L"]
)
def test_check_characters_match_the_public_test_identities(known: str) -> None:
    assert hetu_check(known[:6] + known[7:10]) == known[10]


def test_business_id_check_digit_matches_a_known_id() -> None:
    assert business_id_check("2077474") == "0"


def test_new_century_signs_make_different_codes_for_the_same_person() -> None:
    born = date(1990, 1, 10)
    assert make_hetu(born, 999, "-") != make_hetu(born, 999, "Y")
    assert make_hetu(born, 999, "Y").startswith("100190Y999")
    with pytest.raises(ValueError, match="not a century sign"):
        make_hetu(born, 999, "A")


def test_random_identities_are_artificial_valid_and_reachable() -> None:
    rng = random.Random(4376)
    for _ in range(300):
        person = random_identity(rng)
        assert re.fullmatch(r"\d{6}[-+A-FU-Y]9\d\d[0-9A-Y]", person.hetu), person.hetu
        assert hetu_check(person.hetu[:6] + person.hetu[7:10]) == person.hetu[10]
        assert re.fullmatch(r"\+358(4\d|50)\d{7}", person.mobile_e164)
        assert re.fullmatch(r"0(4\d|50) \d{3} \d{4}", person.mobile_national)


def test_random_business_ids_have_valid_check_digits() -> None:
    rng = random.Random(2077)
    for _ in range(200):
        seven, check = random_business_id(rng).split("-")
        assert business_id_check(seven) == check
