"""Validation of personal identity codes (all century signs) and business ids."""

from __future__ import annotations

from datetime import date

import pytest

from stub_services.common.finnish_ids import (
    InvalidIdentityCode,
    parse_business_id,
    parse_hetu,
)


@pytest.mark.parametrize(
    ("code", "birthdate"),
    [
        ("070770-905D", date(1970, 7, 7)),
        ("010200A9618", date(2000, 2, 1)),
        ("030516D9026", date(2016, 5, 3)),
        ("010170-999R", date(1970, 1, 1)),
        ("010280-952L", date(1980, 2, 1)),
        ("100190Y999P", date(1990, 1, 10)),
        ("100190U999P", date(1990, 1, 10)),
        ("010105F999Y", date(2005, 1, 1)),
        ("010199+9997", date(1899, 1, 1)),
    ],
)
def test_valid_codes_and_their_birthdates(code: str, birthdate: date) -> None:
    hetu = parse_hetu(code)
    assert hetu.birthdate == birthdate
    assert hetu.code == code
    assert hetu.temporary


def test_the_century_sign_is_part_of_the_code_and_input_is_normalised() -> None:
    assert parse_hetu(" 100190y999p ").code == "100190Y999P"
    assert parse_hetu("100190-999P").code != parse_hetu("100190Y999P").code
    assert parse_hetu("131052-308T").temporary is False
    assert parse_hetu("131052-308T").masked == "131052-****"


@pytest.mark.parametrize(
    "code",
    ["070770-905E", "300270-905D", "070770Z905D", "070770-90D", "010100-001F", "", "070770_905D"],
    ids=["check-char", "date", "sign", "short", "individual-001", "empty", "separator"],
)
def test_invalid_codes_say_why(code: str) -> None:
    with pytest.raises(InvalidIdentityCode, match=r"\w"):
        parse_hetu(code)


def test_business_ids() -> None:
    assert parse_business_id(" 2077474-0 ") == "2077474-0"
    assert parse_business_id("0112038-9") == "0112038-9"
    for bad in ("2077474-1", "2077474", "20774740", "207747-0"):
        with pytest.raises(InvalidIdentityCode):
            parse_business_id(bad)
