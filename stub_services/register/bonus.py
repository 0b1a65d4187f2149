"""Bonus arithmetic: the step table, the percent of a monthly total, and monthly summaries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from stub_services.common.register_client import BonusMonth

ZERO = Decimal(0)


class InvalidBonusTable(ValueError):
    """BONUS_TABLE cannot be read; the message names the bad part."""


# A month's summary is the contract's BonusMonth: what the register's API answers.
MonthSummary = BonusMonth


@dataclass(frozen=True)
class BonusStep:
    """A month whose purchases reach `from_euros` earns `percent` Bonus."""

    from_euros: Decimal
    percent: Decimal


def _number(text: str, what: str, item: str) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise InvalidBonusTable(f"BONUS_TABLE step {item!r}: {what} is not a number") from None
    if not value.is_finite() or value < 0:
        raise InvalidBonusTable(f"BONUS_TABLE step {item!r}: {what} must be a number ≥ 0")
    return value


class BonusTable:
    """Steps `from_euros:percent`; a month earns the highest step its total reaches."""

    def __init__(self, steps: Iterable[BonusStep]) -> None:
        self.steps = tuple(sorted(steps, key=lambda step: step.from_euros))
        if not self.steps:
            raise InvalidBonusTable("BONUS_TABLE has no steps; expected e.g. 50:1,200:1.5")
        thresholds = [step.from_euros for step in self.steps]
        if len(set(thresholds)) != len(thresholds):
            raise InvalidBonusTable("BONUS_TABLE names the same threshold twice")

    @classmethod
    def parse(cls, text: str) -> BonusTable:
        """Read `from_euros:percent,...`, e.g. `50:1,200:1.5` (Decimal, never float)."""
        steps = []
        for item in (part.strip() for part in text.split(",")):
            if not item:
                continue
            euros, sep, percent = item.partition(":")
            if not sep:
                raise InvalidBonusTable(f"BONUS_TABLE step {item!r} is not from_euros:percent")
            step = BonusStep(_number(euros, "from_euros", item), _number(percent, "percent", item))
            if step.percent > 100:
                raise InvalidBonusTable(f"BONUS_TABLE step {item!r}: percent is above 100")
            steps.append(step)
        return cls(steps)

    def percent_for(self, total_cents: int) -> Decimal:
        """The percent of the highest step whose threshold is at most the total (else 0)."""
        euros = Decimal(total_cents) / 100
        reached = [step.percent for step in self.steps if step.from_euros <= euros]
        return reached[-1] if reached else ZERO

    def bonus_cents(self, total_cents: int) -> int:
        """Bonus of a monthly total, rounded half up to whole cents."""
        exact = Decimal(total_cents) * self.percent_for(total_cents) / 100
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))

    def months(self, purchases: Iterable[tuple[date, int, int]]) -> list[MonthSummary]:
        """Monthly summaries, newest first, of (purchased_on, amount_cents, saving_cents)."""
        totals: dict[str, tuple[int, int]] = {}
        for purchased_on, amount, saving in purchases:
            key = f"{purchased_on.year:04d}-{purchased_on.month:02d}"
            spent, saved = totals.get(key, (0, 0))
            totals[key] = (spent + amount, saved + saving)
        return [
            MonthSummary(
                month,
                spent,
                self.percent_for(spent),
                self.bonus_cents(spent),
                saved,
            )
            for month, (spent, saved) in sorted(totals.items(), reverse=True)
        ]
