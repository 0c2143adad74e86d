"""How tall a trade chart is, known before Vega draws it: the page holds the
chart's place (no layout shift) and the spec sets the plot's height from the
same numbers."""

from __future__ import annotations

from trip.trade import TradeRow
from trip.trade_text import series_kind

COMPARISON_PX = 240  # the comparison's plot
YEAR_PX = 16  # a year's row in a country's history: room for one label

# What surrounds a plot: the legend and the axis above it, and a history's
# legend of shapes below it, a line per series. Measured in Chromium and held
# by tests/e2e/test_charts.py (no chart may be taller than its place).
COMPARISON_FRAME_PX = 100
HISTORY_FRAME_PX = 170
LEGEND_LINE_PX = 22


def trade_chart_px(rows: tuple[TradeRow, ...]) -> int:
    """The chart's whole height, held on the page before Vega has drawn it."""
    if not is_history(rows):
        return trade_plot_px(rows) + COMPARISON_FRAME_PX
    series = {series_kind(row) for row in rows}
    return trade_plot_px(rows) + HISTORY_FRAME_PX + LEGEND_LINE_PX * len(series)


def is_history(rows: tuple[TradeRow, ...]) -> bool:
    """One country's figures over the years, not the comparison of several."""
    return len({row.country for row in rows}) == 1


def trade_plot_px(rows: tuple[TradeRow, ...]) -> int:
    """The plot's height: a comparison's fixed height, or a row per year of a
    country's history (and two for the axis' ends)."""
    if not is_history(rows):
        return COMPARISON_PX
    years = {row.year for row in rows}
    return YEAR_PX * (max(years) - min(years) + 3)
