"""The trade charts as Vega-Lite specs: one spec each for the app, the pack
(as SVG via vl-convert) and the image downloads."""

from __future__ import annotations

import itertools
from typing import Any

import altair as alt
import pandas as pd

from trip.aggregate import Trip
from trip.formatting import (
    country_name,
    vega_locale,
)
from trip.i18n import t
from trip.labels import (
    series_name,
)
from trip.trade import TradeChart, TradeRow, trade_countries
from trip.trade_text import (
    SERIES_MARKS,
    millions,
    series_kind,
    shown_value,
    trade_finding,
    value_notes,
    year_labels,
)

COMPARISON_PX = 240  # the comparison's plot


# What surrounds a plot: the legend and the axis above it, and a history's
# legend of shapes below it, a line per series. Measured in Chromium and held
# by tests/e2e/test_charts.py (no chart may be taller than its place).
COMPARISON_FRAME_PX = 100


HISTORY_FRAME_PX = 170


LEGEND_LINE_PX = 22


YEAR_PX = 16  # a year's row in a country's history: room for one label


# One colour per country, in the order of the trip's trade figures: the same in
# the app, the deck and the pack, which all draw this spec. Each is dark enough
# for a 2 px outline on white (WCAG 1.4.11: at least 3:1).
COUNTRY_COLORS = ("#1f4e79", "#b04a0c", "#2e6b30", "#6f3b86", "#7a5c00", "#1d6a6a")


# A derived value is drawn in outline, dashed, never by a lighter fill: a
# country's colour may be light (issue 19).
DERIVED_DASH = [5, 3]


LEGEND_GREY = "#555555"  # the legends' symbols: a mark's shape, no country's colour


def trade_chart(
    rows: tuple[TradeRow, ...], lang: str, countries: tuple[str, ...] = ()
) -> alt.LayerChart:
    """A trade chart, with every value written on its mark.

    Several countries: the headline comparison, bars per country and year.
    One country: its figures over the years, on an axis to scale (1997 to 2016
    is 19 years wide), a line only between consecutive years. ``countries`` is
    the trip's order of countries, which fixes each one's colour.

    Field names stay plain ASCII: Vega-Lite reads a "." in a field name as a path.
    """
    order = countries or tuple(dict.fromkeys(row.country for row in rows))
    colors = {
        country: COUNTRY_COLORS[index % len(COUNTRY_COLORS)]
        for index, country in enumerate(order)
    }
    sourced, derived = t(lang, "trade.sourced"), t(lang, "trade.derived_legend")
    kinds = [sourced] + ([derived] if any(row.derived for row in rows) else [])
    data = pd.DataFrame(
        [
            {
                "year": row.year,
                "value": millions(row),
                "shown": shown_value(row, lang),
                "notes": value_notes(row, lang),
                "country": country_name(row.country, lang),
                "color": colors[row.country],
                "flow": series_name(row, lang),
                "kind": derived if row.derived else sourced,
            }
            for row in rows
        ]
    )
    # The marks' scales know both kinds (a scale of one value gave Vega NaN for
    # an opacity); the legend shows only the kinds the chart has.
    both = [sourced, derived]
    dashes = alt.Scale(domain=both, range=[[1, 0], DERIVED_DASH])
    style = {
        "stroke": alt.Stroke("color:N", scale=None),
        "strokeDash": alt.StrokeDash("kind:N", scale=dashes, legend=None),
        "fillOpacity": alt.FillOpacity(
            "kind:O",
            sort=both,
            scale=alt.Scale(domain=both, range=[1.0, 0.0]),
            legend=None,
        ),
    }
    tooltip = [
        alt.Tooltip("country:N", title=t(lang, "trade.col.country")),
        alt.Tooltip("flow:N", title=t(lang, "trade.col.flow")),
        alt.Tooltip("year:O", title=t(lang, "trade.col.year")),
        alt.Tooltip("shown:N", title=t(lang, "trade.col.shown")),
        alt.Tooltip("kind:N", title=t(lang, "trade.col.status")),
    ]
    y = alt.Y(
        "value:Q",
        title=t(lang, "trade.axis.value"),
        scale=alt.Scale(domainMin=0, nice=True),
        axis=alt.Axis(grid=True, tickCount=4),
    )
    history = is_history(rows)
    if history:
        layers = _history(rows, data, lang, style, tooltip, dashes)
    else:
        layers = _comparison(data, order, lang, y, style, tooltip)
    return (
        alt.layer(*layers, _kind_legend(kinds))
        .resolve_scale(fill="independent", strokeDash="independent")
        .properties(
            height=trade_plot_px(rows),
            description=t(lang, "trade.chart_description"),
            # A history's column of values is part of what "fit" fits into the
            # width: Vega counts the text's bounds, so no padding is kept for it.
            # An object, not a number: Streamlit's frontend sets padding.bottom
            # on it (a number broke the chart: "Cannot create property").
            padding={"left": 5, "top": 5, "bottom": 5, "right": 5},
            # The plot is as tall as chart_height says; only the width fits.
            autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        )
        .configure_axis(labelFontSize=13, titleFontSize=13)
        .configure_legend(labelFontSize=13, symbolStrokeWidth=2, symbolSize=150)
        .configure_view(stroke=None)
        .configure(locale=vega_locale(lang))
    )


def trade_chart_spec(chart: TradeChart, trip: Trip, lang: str) -> dict[str, Any]:
    """``trade_chart``'s spec with the chart's finding first in its description,
    so a screen reader hears what the bars show, not only that they are bars."""
    spec = trade_chart(chart.rows, lang, trade_countries(trip)).to_dict()
    described = f"{trade_finding(chart, lang)} {spec.get('description', '')}"
    return {**spec, "description": described.strip()}


def _comparison(
    data: pd.DataFrame,
    order: tuple[str, ...],
    lang: str,
    y: alt.Y,
    style: dict,
    tooltip: list,
) -> list[alt.Chart]:
    """Bars per country (named on the axis), one per year, each labelled with
    its year and value; rank and record under the value where the source
    gives them."""
    names = [country_name(country, lang) for country in order]
    base = alt.Chart(data).encode(
        x=alt.X(
            "country:N",
            sort=names,
            title=None,
            axis=alt.Axis(labelAngle=0, labelFontSize=14, ticks=False, domain=True),
        ),
        xOffset=alt.XOffset("year:O", sort="ascending"),
        y=y,
    )
    bars = base.mark_bar(strokeWidth=2, aria=False).encode(
        fill=alt.Fill("color:N", scale=None), tooltip=tooltip, **style
    )
    above = {"baseline": "bottom", "fontSize": 12, "aria": False}
    values = base.mark_text(dy=-4, **above).encode(text="shown:N")
    years = base.mark_text(dy=-19, **above).encode(text="year:O")
    # Rank and record inside the top of a (filled) bar, one per line.
    notes = base.mark_text(
        baseline="top", dy=5, fontSize=10, lineBreak="\n", color="white", aria=False
    ).encode(text="notes:N")
    return [bars, values, years, notes]


def _kind_legend(kinds: list[str]) -> alt.Chart:
    """The legend of "from the source" and "derived", drawn with the marks it
    explains (filled; outlined and dashed), above the plot; a layer of its own
    that draws nothing but the legend."""
    return (
        alt.Chart(pd.DataFrame({"kind": kinds}))
        .mark_square(size=0, strokeWidth=2, stroke=LEGEND_GREY, aria=False)
        .encode(
            fill=alt.Fill(
                "kind:N",
                scale=alt.Scale(
                    domain=kinds, range=[LEGEND_GREY, "#ffffff"][: len(kinds)]
                ),
                legend=alt.Legend(orient="top", title=None, symbolSize=150),
            ),
            strokeDash=alt.StrokeDash(
                "kind:N",
                scale=alt.Scale(
                    domain=kinds, range=[[1, 0], DERIVED_DASH][: len(kinds)]
                ),
                legend=alt.Legend(orient="top", title=None, symbolSize=150),
            ),
        )
    )


def _history(
    rows: tuple[TradeRow, ...],
    data: pd.DataFrame,
    lang: str,
    style: dict,
    tooltip: list,
    dashes: alt.Scale,
) -> list[alt.Chart]:
    """A country's figures over the years, the years down the side to scale
    (``YEAR_PX`` each, so 1997 to 2016 is 19 rows apart and every value has
    a row of its own for its label at any width), the value across; a mark per
    figure (a circle for exports, a diamond for imports), a line only between
    consecutive years (dashed where a value is derived), each value written
    right of its mark (an import's a line lower)."""
    first, last = min(row.year for row in rows), max(row.year for row in rows)
    years = alt.Y(
        "year:Q",
        title=None,
        scale=alt.Scale(domain=[first - 1, last + 1], nice=False, zero=False),
        # A label at each year with a figure, none between: the rows' distances
        # show the gaps, and no row of values is left without its year.
        axis=alt.Axis(
            format="d",
            values=sorted({row.year for row in rows}),
            labelOverlap=True,
            grid=False,
        ),
    )
    values = alt.X(
        "value:Q",
        title=t(lang, "trade.axis.value"),
        scale=alt.Scale(domainMin=0, nice=True),
        axis=alt.Axis(grid=True, tickCount=4, orient="top"),
    )
    kinds = dict.fromkeys(
        (series_name(row, lang), SERIES_MARKS[series_kind(row)][0]) for row in rows
    )
    shape = alt.Shape(
        "flow:N",
        scale=alt.Scale(
            domain=[name for name, _ in kinds], range=[mark for _, mark in kinds]
        ),
        legend=alt.Legend(
            orient="bottom",
            direction="vertical",  # a line each: never cut at 390 px
            title=None,
            symbolFillColor=LEGEND_GREY,
        ),
    )
    points = (
        alt.Chart(data)
        .mark_point(size=110, strokeWidth=2, filled=False, opacity=1, aria=False)
        .encode(
            x=values,
            y=years,
            shape=shape,
            fill=alt.Fill("color:N", scale=None),
            tooltip=tooltip,
            **style,
        )
    )
    # A segment is dashed if either end is derived: one kind for both points.
    sourced = t(lang, "trade.sourced")
    segments = pd.DataFrame(
        [
            {**point, "segment": f"{point['flow']}-{start}", "kind": kind}
            for start, end in _consecutive(data)
            for kind in [
                data.loc[start, "kind"]
                if data.loc[start, "kind"] != sourced
                else data.loc[end, "kind"]
            ]
            for point in (data.loc[start].to_dict(), data.loc[end].to_dict())
        ],
        columns=[*data.columns, "segment"],
    )
    lines = (
        alt.Chart(segments)
        .mark_line(strokeWidth=2, aria=False)
        .encode(
            x=values,
            y=years,
            detail="segment:N",
            stroke=alt.Stroke("color:N", scale=None),
            strokeDash=alt.StrokeDash("kind:N", scale=dashes, legend=None),
        )
    )
    # The values in a column of their own right of the plot, a row per year:
    # nothing to collide with at any width. Each value after the symbol of
    # its mark (hollow where derived).
    labels = (
        alt.Chart(year_labels(rows, lang))
        .mark_text(align="left", dx=12, fontSize=12, font="sans-serif", aria=False)
        .encode(x=alt.value("width"), y=years, text="label:N")
    )
    # Lines only where two years follow each other: none, no layer (an empty
    # one gives Vega an infinite extent to warn about).
    return [*([lines] if len(segments) else []), points, labels]


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


def _consecutive(data: pd.DataFrame) -> list[tuple[int, int]]:
    """Pairs of row positions one year apart in the same flow: the only
    stretches a line may join (a gap of years is drawn as a gap)."""
    pairs = []
    for _, series in data.groupby("flow", sort=False):
        by_year = series.sort_values("year")
        for (start, a), (end, b) in itertools.pairwise(by_year.iterrows()):
            if b["year"] - a["year"] == 1:
                pairs.append((start, end))
    return pairs
