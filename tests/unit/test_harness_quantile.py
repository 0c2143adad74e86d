"""The benchmark's percentile must survive a short window (the smoke run's
kill test once had a single pick before the kill and crashed)."""

import math

from harness.stats import quantile


def test_a_percentile_of_many_values_interpolates():
    assert quantile([float(v) for v in range(1, 101)], 95) == 95.05


def test_a_single_value_is_its_own_percentile_and_none_is_nan():
    assert quantile([0.25], 95) == 0.25
    assert math.isnan(quantile([], 95))
