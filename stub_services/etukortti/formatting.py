"""Amounts, percentages, dates and months as Finnish pages show them: `1 234,50 €`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from stub_services.common.i18n import Lang, t


def _grouped(whole: int) -> str:
    """Thousands separated by spaces: 1234567 → `1 234 567`."""
    return f"{whole:,}".replace(",", " ")


def euros(cents: int) -> str:
    """`1 234,50 €`: space-grouped thousands, decimal comma, the sign before the number."""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}{_grouped(whole)},{rest:02d} €"


def percent(value: Decimal | str | float) -> str:
    """`1,5 %`, `0 %`, `5 %`: no trailing zeros, decimal comma, a space before the sign."""
    number = Decimal(str(value)).normalize()
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text.replace('.', ',')} %"


def day(value: date) -> str:
    """`31.12.2026`, as dates are written in Finland in each of the site's languages."""
    return f"{value.day}.{value.month}.{value.year}"


def month_label(month: str, lang: Lang) -> str:
    """`2026-11` → `November 2026` (`Marraskuu 2026`): capitalised, as it starts a table
    cell; a value that is not a month is shown as it is."""
    year, _, number = month.partition("-")
    names = t(lang, "bonus.month_names").split(",")
    if not (year.isdigit() and number.isdigit() and 1 <= int(number) <= 12):
        return month
    return f"{names[int(number) - 1].capitalize()} {year}"
