"""The trade charts' marks: a comparison's bars, a history's points and lines,
the legend of sourced and derived values, and the colours and dashes they share,
so the app, the deck and the pack draw a value the same way."""

from __future__ import annotations

import itertools

import altair as alt
import pandas as pd

from trip.formatting import country_name
from trip.i18n import t
from trip.labels import series_name
from trip.trade import TradeRow
from trip.trade_text import SERIES_MARKS, series_kind, year_labels

# One colour per country, in the order of the trip's trade figures: the same in
# the app, the deck and the pack, which all draw this spec. Each is dark enough
# for a 2 px outline on white (WCAG 1.4.11: at least 3:1).
COUNTRY_COLORS = ("#1f4e79", "#b04a0c", "#2e6b30", "#6f3b86", "#7a5c00", "#1d6a6a")


# A derived value is drawn in outline, dashed, never by a lighter fill: a
# country's colour may be light (issue 19).
DERIVED_DASH = [5, 3]


LEGEND_GREY = "#555555"  # the legends' symbols: a mark's shape, no country's colour


def comparison_layers(
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


def kind_legend(kinds: list[str]) -> alt.Chart:
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


def history_layers(
    rows: tuple[TradeRow, ...],
    data: pd.DataFrame,
    lang: str,
    style: dict,
    tooltip: list,
    dashes: alt.Scale,
) -> list[alt.Chart]:
    """A country's figures over the years, the years down the side to scale
    (``trade_chart_size.YEAR_PX`` each, so 1997 to 2016 is 19 rows apart and
    every value has a row of its own for its label at any width), the value
    across; a mark per figure (a circle for exports, a diamond for imports), a
    line only between consecutive years (dashed where a value is derived), each
    value written right of its mark (an import's a line lower)."""
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
