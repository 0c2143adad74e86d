"""Statistics of the figures benchmarks print and tests check."""

from __future__ import annotations

import statistics


def quantile(values: list[float], q: float) -> float:
    """The q-th percentile; a single value is its own, none is NaN (a short
    smoke run can have one pick in a window)."""
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]
