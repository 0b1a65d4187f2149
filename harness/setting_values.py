"""Reading one setting's text: each parser names the setting, the value and what it accepts.

Used for environment variables (`HARNESS_EMAIL_TIMEOUT=-5`) and the values of environment
files (`timeouts.email_s in environments/x.toml`) alike, so both stop a run the same way.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

ON = ("1", "true", "yes", "on")
OFF = ("0", "false", "no", "off")


def _shown(name: str, value: object) -> str:
    return f"{name}={value!r}"


def on_off(name: str, value: str) -> bool:
    """1/true/yes/on or 0/false/no/off, in any case."""
    text = value.strip().lower()
    if text in ON:
        return True
    if text in OFF:
        return False
    raise ValueError(
        f"{_shown(name, value)} is neither on nor off: give one of {', '.join(ON)} to turn "
        f"it on, or one of {', '.join(OFF)} to turn it off."
    )


def _number(name: str, value: str | float, unit: str, example: str, *, zero_ok: bool) -> float:
    bound = "0 or more" if zero_ok else "more than 0"
    problem = f"{_shown(name, value)} is not a number of {unit} ({bound}, for example {example})."
    if isinstance(value, bool):
        raise ValueError(problem)
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(problem) from None
    if not math.isfinite(number) or number < 0 or (number == 0 and not zero_ok):
        raise ValueError(problem)
    return number


def seconds(name: str, value: str | float) -> float:
    """A deadline: a number of seconds above zero (a deadline of 0 s could never be met)."""
    return _number(name, value, "seconds", "15 or 2.5", zero_ok=False)


def milliseconds(name: str, value: str | float) -> float:
    """A delay: a number of milliseconds, 0 for none."""
    return _number(name, value, "milliseconds", "300; 0 for none", zero_ok=True)


def count(name: str, value: str | int, unit: str) -> int:
    """A whole number of `unit`, 0 or more."""
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit():
        raise ValueError(f"{_shown(name, value)} is not a whole number of {unit} (0 or more).")
    return int(text)


def checked(name: str, value: str, check: Callable[[str], T]) -> T:
    """`check(value)`, whose ValueError lists what is valid, said with the setting's name."""
    try:
        return check(value)
    except ValueError as exc:
        raise ValueError(f"{_shown(name, value)}: {exc}") from None


VISUAL_MODES = ("off", "compare", "update")


def visual_mode(name: str, value: str) -> str:
    """How look steps treat approved pictures (HARNESS_VISUAL, --visual): off, compare
    or update, in any case."""
    text = value.strip().lower()
    if text not in VISUAL_MODES:
        raise ValueError(
            f"{_shown(name, value)} is not a visual mode: give off (no comparison), compare "
            "(fail a look step whose page differs from its approved picture) or update "
            "(approve every page a look step shows)."
        )
    return text
