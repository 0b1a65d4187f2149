"""Looking a name up in one of the harness's catalogues, with an error listing valid names."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

T = TypeVar("T")


def named(catalogue: Mapping[str, T], name: str, what: str, plural: str = "") -> T:
    """`catalogue[name]`, or a ValueError that names what was asked for and what exists."""
    try:
        return catalogue[name]
    except KeyError:
        valid = ", ".join(sorted(catalogue))
        raise ValueError(
            f"Unknown {what} {name!r}. Valid {plural or what + 's'}: {valid}"
        ) from None
