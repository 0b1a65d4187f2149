"""Figures of the benchmarks: percentiles (interpolated as numpy does) and their spread."""

from __future__ import annotations

from collections.abc import Iterable


def percentile(values: Iterable[float], share: float) -> float:
    """The `share` quantile (0–1), interpolating linearly between the two nearest ranks
    (numpy's default), so p99 of 200 samples is not simply the second largest."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    if not 0.0 <= share <= 1.0:
        raise ValueError(f"share {share} is not between 0 and 1")
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def spread_ms(values: list[float]) -> dict[str, float]:
    """p50/p95/p99 and max of durations in seconds, as milliseconds (empty when no values)."""
    if not values:
        return {}
    shares = {"p50": 0.5, "p95": 0.95, "p99": 0.99, "max": 1.0}
    return {name: round(percentile(values, share) * 1000, 1) for name, share in shares.items()}
