"""Loyalty card numbers: 16 digits, prefix 6043, Luhn check digit last."""

from __future__ import annotations

import secrets

PREFIX = "6043"
LENGTH = 16


def luhn_check_digit(payload: str) -> int:
    """The digit that makes `payload + digit` pass the Luhn check."""
    total = 0
    # Walking from the right, the digit next to the (missing) check digit is doubled.
    for position, char in enumerate(reversed(payload)):
        digit = int(char)
        if position % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return (10 - total % 10) % 10


def is_valid(number: str) -> bool:
    return (
        len(number) == LENGTH
        and number.isdigit()
        and number.startswith(PREFIX)
        and luhn_check_digit(number[:-1]) == int(number[-1])
    )


def new_card_number() -> str:
    body = PREFIX + "".join(str(secrets.randbelow(10)) for _ in range(LENGTH - len(PREFIX) - 1))
    return body + str(luhn_check_digit(body))
