"""The charts: the timeline, and the trade charts with their tables. One spec each
for the app and, for trade, the briefing pack (the same spec as SVG, via vl-convert)."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd
from babel import Locale

from trip.aggregate import Trip
from trip.formatting import (
    country_name,
    format_change,
    format_millions,
    format_money,
    locale_of,
    month_span,
)
from trip.i18n import t
from trip.labels import (
    as_sentences,
    figure_year,
    provisional_note,
    series_name,
    source_citation,
    stop_name,
    year_note,
)
from trip.models import Source
from trip.stops import StopSummary
from trip.text import csv_cell
from trip.timeline import chart_height as timeline_height
from trip.timeline import timeline_rows, unplaced_rows
from trip.trade import (
    TradeChart,
    TradeRow,
    figures_of,
    trade_countries,
    year_gaps,
)

KIND_COLORS = {
    "window_announced": "#c9d9ea",
    "window_reported": "#f2d7b6",
    "item_announced": "#1f4e79",
    "item_reported": "#1f4e79",
}

COMPARISON_PX = 240  # the comparison's plot
# What surrounds a plot: the legend and the axis above it, and a history's
# legend of shapes below it, a line per series. Measured in Chromium and held
# by tests/e2e/test_charts.py (no chart may be taller than its place).
COMPARISON_FRAME_PX = 100
HISTORY_FRAME_PX = 170
LEGEND_LINE_PX = 22
YEAR_PX = 16  # a year's row in a country's history: room for one label

# Each series of a history has its shape, and its symbol in the column of
# values (filled; hollow where derived): exports, imports and the trade volume,
# and the same for a part of a year, which is compared only with its like.
SERIES_MARKS = {
    ("export", False): ("circle", "●", "○"),
    ("import", False): ("diamond", "◆", "◇"),
    ("volume", False): ("square", "■", "□"),
    ("export", True): ("triangle-up", "▲", "△"),
    ("import", True): ("triangle-down", "▼", "▽"),
    ("volume", True): ("cross", "✚", "✛"),
}


def trade_frame(
    rows: tuple[TradeRow, ...], sources: Mapping[str, Source], lang: str
) -> pd.DataFrame:
    """The chart's data as a table: the numbers the chart draws, for text and CSV,
    with its sources by name (a reader never sees an id). Text cells are guarded
    so that a spreadsheet does not run them as formulas."""
    return pd.DataFrame(
        [
            {
                column: csv_cell(value)
                for column, value in {
                    t(lang, "trade.col.country"): country_name(row.country, lang),
                    t(lang, "trade.col.flow"): series_name(row, lang),
                    t(lang, "trade.col.year"): row.year,
                    t(lang, "trade.col.value"): millions(row),
                    t(lang, "trade.col.shown"): shown_value(row, lang),
                    t(lang, "trade.col.status"): value_status(row, lang),
                    t(lang, "trade.col.source"): "; ".join(
                        source_citation(sources[source_id], lang)
                        for source_id in row.source_ids
                    ),
                }.items()
            }
            for row in rows
        ]
    )


def millions(row: TradeRow) -> float:
    """The value in million euros, as the chart's axis and the CSV carry it."""
    return round(row.value_eur / 1e6, 1)


def shown_value(row: TradeRow, lang: str) -> str:
    """The value as the page writes it; derived values are marked approximate."""
    return ("≈ " if row.derived else "") + format_money(
        row.value_eur, lang, row.decimals
    )


def value_status(row: TradeRow, lang: str) -> str:
    if row.derived:
        return t(
            lang,
            "trade.derived_short",
            change=format_change(row.growth_pct or 0, lang),
            year=row.year + 1,
        )
    status = t(lang, "trade.provisional" if row.provisional else "trade.sourced")
    if row.year_inferred:
        status = f"{status}; {t(lang, 'trade.year_inferred')}"
    return status


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


def trade_finding(chart: TradeChart, lang: str) -> str:
    """The chart's finding in one sentence, one clause per country and flow:
    'Exports to Japan rose from about €675 million in 2021 to €851 million in
    2022, a record; …'. From the rows alone; the words are the catalog's."""
    series: dict[tuple[str, str, int | None], list[TradeRow]] = {}
    for row in chart.rows:
        series.setdefault(row.series, []).append(row)
    clauses = [
        _series_finding(sorted(rows, key=lambda r: r.year), lang)
        for rows in series.values()
    ]
    sentence = "; ".join(clauses)
    return as_sentences(sentence[:1].upper() + sentence[1:])


def _series_finding(rows: list[TradeRow], lang: str) -> str:
    """One clause: the series' first and last year, and which way it went."""
    first, last = rows[0], rows[-1]
    name = t(
        lang, f"trade.finding.{last.flow}", country=country_name(last.country, lang)
    )
    if last.through_month:
        months = month_span(last.through_month, lang, "wide")
        name = t(
            lang, "trade.finding.part", series=name, first=months[0], last=months[1]
        )
    values = {
        "series": name,
        "first": _finding_value(first, lang),
        "first_year": figure_year(first, lang),
        "last": _finding_value(last, lang),
        "last_year": figure_year(last, lang),
    }
    if first is last:
        key = "trade.finding.single"
    elif round(last.value_eur, -5) == round(first.value_eur, -5):
        key = "trade.finding.steady"  # the same to a tenth of a million
    else:
        rose = last.value_eur > first.value_eur
        key = "trade.finding.rose" if rose else "trade.finding.fell"
    clause = t(lang, key, **values)
    if last.record:  # the row carries its figure's record
        clause = t(lang, "trade.finding.record", clause=clause)
    return clause


def _finding_value(row: TradeRow, lang: str) -> str:
    """The value in words: a derived one is 'about' it, not '≈' (which a screen
    reader reads out as 'almost equal to')."""
    money = format_money(row.value_eur, lang, row.decimals)
    return t(lang, "trade.finding.about", value=money) if row.derived else money


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
        (series_name(row, lang), SERIES_MARKS[_series_kind(row)][0]) for row in rows
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


def _series_kind(row: TradeRow) -> tuple[str, bool]:
    return (row.flow, row.through_month is not None)


def year_labels(rows: tuple[TradeRow, ...], lang: str) -> pd.DataFrame:
    """A country's values by year in million euros (the axis says so), each
    after its mark's symbol, with rank and record where the source gives them:
    "● 809,1  ◆ 831,9", "■ 842 Rang 18" (``SERIES_MARKS``; hollow if derived)."""
    by_year: dict[int, list[str]] = {}
    for row in rows:  # in trade_rows' order: exports, imports, volume
        _, filled, hollow = SERIES_MARKS[_series_kind(row)]
        approx = "≈ " if row.derived else ""
        # A derived value is only as exact as a rounded growth rate: no decimals.
        value = format_millions(row.value_eur, lang, 0 if row.derived else 1)
        notes = value_notes(row, lang).replace("\n", ", ")
        label = f"{hollow if row.derived else filled} {approx}{value}"
        by_year.setdefault(row.year, []).append(
            f"{label} · {notes}" if notes else label
        )
    return pd.DataFrame(
        [
            {"year": year, "label": "  ".join(parts)}
            for year, parts in sorted(by_year.items())
        ]
    )


def trade_chart_px(rows: tuple[TradeRow, ...]) -> int:
    """The chart's whole height, held on the page before Vega has drawn it."""
    if not is_history(rows):
        return trade_plot_px(rows) + COMPARISON_FRAME_PX
    series = {_series_kind(row) for row in rows}
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


def gap_note(rows: tuple[TradeRow, ...], lang: str) -> str | None:
    """What a chart leaves out, in words: the years inside each flow's series
    the sources give no figure for ("Ausfuhr: 1998–2015, 2017–2020")."""
    several = len({row.country for row in rows}) > 1
    spans: dict[str, list[str]] = {}
    for series, first, last in year_gaps(rows):
        span = str(first) if first == last else f"{first}–{last}"
        name = series_name(series, lang)
        if several:  # the pack's notes serve all its charts
            name = f"{country_name(series.country, lang)}, {name}"
        spans.setdefault(name, []).append(span)
    if not spans:
        return None
    listed = "; ".join(f"{flow}: {', '.join(years)}" for flow, years in spans.items())
    return t(lang, "trade.gaps", spans=listed)


def chart_notes(trip: Trip, rows: tuple[TradeRow, ...], lang: str) -> list[str]:
    """What a chart's reader must know beyond its title and unit, each only if
    it applies: derived values, parts of a year, years without figures, why
    values count as provisional, how a year was found. The app and the pack
    print the same notes."""
    figures = figures_of(trip, rows)
    notes = [
        t(lang, "trade.derived_note") if any(row.derived for row in rows) else None,
        partial_note(rows, lang),
        gap_note(rows, lang),
        provisional_note(figures, trip.source_by_id, lang),
        year_note(figures, lang),
    ]
    return [note for note in notes if note]


def partial_note(rows: tuple[TradeRow, ...], lang: str) -> str | None:
    """Which marks are parts of a year, and that they compare only with their
    like."""
    parts = {
        (SERIES_MARKS[_series_kind(row)][1], row.through_month)
        for row in rows
        if row.through_month
    }
    if not parts:
        return None
    return t(
        lang,
        "trade.partial_note",
        symbols=" ".join(sorted(symbol for symbol, _ in parts)),
        months=", ".join(
            "–".join(month_span(month, lang, "wide"))
            for month in sorted({m for _, m in parts})
        ),
    )


def value_notes(row: TradeRow, lang: str) -> str:
    """Rank and record, where the source gives them, one per line."""
    notes = []
    if row.rank is not None:
        notes.append(t(lang, "trade.rank_short", rank=row.rank))
    if row.record:
        notes.append(t(lang, "trade.record_short"))
    return "\n".join(notes)


def vega_locale(lang: str) -> alt.Locale:
    """Decimal and group separators from Babel, so axes read "1.200" in German
    (Vega formats numbers in US English unless told otherwise)."""
    symbols = Locale.parse(locale_of(lang)).number_symbols["latn"]
    return alt.Locale(
        number=alt.NumberLocale(
            decimal=symbols["decimal"],
            thousands=symbols["group"],
            grouping=[3],
            currency=["", " €"] if lang == "de" else ["€", ""],
        )
    )


def timeline_chart(
    summaries: tuple[StopSummary, ...],
    trip: Trip,
    lang: str,
    selected: str | None,
    theme: str | None,
) -> alt.LayerChart:
    """Announced windows and programme items per stop; a click picks the stop."""
    names = {s.stop.stop_id: stop_name(s, lang) for s in summaries}
    countries = {
        leg.country: t(
            lang, "timeline.unplaced", country=country_name(leg.country, lang)
        )
        for leg in trip.legs
    }
    rows = pd.DataFrame(
        timeline_rows(summaries, names, selected, theme)
        + unplaced_rows(trip, summaries, countries, theme)
    )
    rows["kind_label"] = rows["kind"].map(lambda kind: t(lang, f"timeline.kind.{kind}"))
    pick = alt.selection_point(name="pick_stop", fields=["stop_id"], on="click")
    domain = [
        {"expr": f"datetime({d.year}, {d.month - 1}, {d.day})"}
        for d in (trip.first_day, trip.last_day + pd.Timedelta(days=1))
    ]
    x = alt.X(
        "start:T",
        title=None,
        scale=alt.Scale(domain=domain, nice=False),
        axis=alt.Axis(
            format="%d.%m." if lang == "de" else "%d %b", labelAngle=0, tickCount="day"
        ),
    )
    y = alt.Y(
        "stop:N", sort=alt.SortField("order"), title=None, axis=alt.Axis(labelLimit=220)
    )
    tooltip = [
        alt.Tooltip("stop:N", title=t(lang, "timeline.stop")),
        alt.Tooltip("kind_label:N", title=" "),
    ]
    bars = alt.Chart(rows).encode(
        x=x,
        x2="end:T",
        y=y,
        color=alt.Color("kind:N", scale=_timeline_colors(), legend=None),
        tooltip=tooltip,
    )
    windows = bars.transform_filter("indexof(datum.kind, 'window') === 0").mark_bar(
        height=26, cornerRadius=2, aria=False
    )
    items = (
        bars.transform_filter("indexof(datum.kind, 'item') === 0")
        .mark_bar(height=12, cornerRadius=2, aria=False)
        .encode(opacity=alt.condition("datum.active", alt.value(1.0), alt.value(0.25)))
    )
    selected = (
        alt.Chart(rows[rows["selected"]])
        .mark_rect(stroke="#111", strokeWidth=2, fillOpacity=0, aria=False)
        .encode(x=alt.value(0), x2=alt.value("width"), y=y, tooltip=tooltip[:1])
    )
    # The clicked row is outlined in the browser at once, before Python answers
    # and redraws the chart with the stop selected (issue 9). A param of its own,
    # not ``pick``: Streamlit reports only ``pick`` to Python and keeps it across
    # redraws, while this outline goes when the pointer leaves the chart, so it
    # never outlives a pick made elsewhere (a button, the map, the picker).
    flash = alt.selection_point(
        name="flash", fields=["stop_id"], on="click", clear="mouseout"
    )
    picked = (
        alt.Chart(rows)
        .transform_aggregate(rows="count()", groupby=["stop_id", "stop", "order"])
        .mark_rect(stroke="#111", strokeWidth=2, fill="#1f4e79", aria=False)
        .encode(
            x=alt.value(0),
            x2=alt.value("width"),
            y=y,
            tooltip=tooltip[:1],
            strokeOpacity=alt.condition(flash, alt.value(1), alt.value(0), empty=False),
            fillOpacity=alt.condition(flash, alt.value(0.1), alt.value(0), empty=False),
        )
    )
    return (
        alt.layer(picked, windows, items, selected)
        .add_params(pick, flash)
        .properties(
            # A number, not a step per row, so the container's fit (Streamlit's
            # default) keeps it: a step made Vega-Lite drop fit-y with a warning.
            height=timeline_height(trip, summaries),
            description=t(lang, "timeline.description"),
        )
        .configure_axis(labelFontSize=14)
        .configure(locale=vega_locale(lang))
    )


def _timeline_colors() -> alt.Scale:
    return alt.Scale(domain=list(KIND_COLORS), range=list(KIND_COLORS.values()))
