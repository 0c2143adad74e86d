"""The charts: the timeline, and the trade charts with their tables. One spec each
for the app and, for trade, the briefing pack (the same spec as SVG, via vl-convert)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd
from babel import Locale

from trip.formatting import country_name, format_change, format_money, locale_of
from trip.i18n import t
from trip.labels import as_sentences, source_citation, stop_name
from trip.loading import Trip
from trip.models import Source
from trip.stops import StopSummary
from trip.text import csv_cell
from trip.timeline import ROW_PX, timeline_rows, unplaced_rows
from trip.trade import TradeChart, TradeRow, figures_of

KIND_COLORS = {
    "window_announced": "#c9d9ea",
    "window_reported": "#f2d7b6",
    "item_announced": "#1f4e79",
    "item_reported": "#1f4e79",
}

TRADE_CHART_PX = 320  # the trade chart's height, held before Vega has drawn it


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
                    t(lang, "trade.col.flow"): t(lang, f"trade.flow.{row.flow}"),
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
    return t(lang, "trade.provisional") if row.provisional else t(lang, "trade.sourced")


def trade_chart(rows: tuple[TradeRow, ...], lang: str) -> alt.Chart:
    """Bars by year, one colour per country and flow; derived values pale.

    Field names stay plain ASCII: Vega-Lite reads a "." in a field name as a path.
    """
    sourced, derived = t(lang, "trade.sourced"), t(lang, "trade.derived_legend")
    data = pd.DataFrame(
        [
            {
                "year": str(row.year),
                "value": millions(row),
                "shown": shown_value(row, lang),
                "series": f"{country_name(row.country, lang)} · "
                f"{t(lang, f'trade.flow.{row.flow}')}",
                "kind": derived if row.derived else sourced,
            }
            for row in rows
        ]
    )
    return (
        alt.Chart(data)
        .mark_bar(aria=False)
        .encode(
            x=alt.X(
                "year:O", title=t(lang, "trade.axis.year"), axis=alt.Axis(labelAngle=0)
            ),
            xOffset="series:N",
            y=alt.Y("value:Q", title=t(lang, "trade.axis.value")),
            color=alt.Color(
                "series:N", title=None, legend=alt.Legend(orient="bottom", columns=1)
            ),
            opacity=alt.Opacity(
                "kind:O",
                sort=[sourced, derived],
                scale=alt.Scale(domain=[sourced, derived], range=[1.0, 0.45]),
                title=None,
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("series:N", title=t(lang, "trade.col.country")),
                alt.Tooltip("year:O", title=t(lang, "trade.col.year")),
                alt.Tooltip("shown:N", title=t(lang, "trade.col.shown")),
                alt.Tooltip("kind:N", title=t(lang, "trade.col.status")),
            ],
        )
        .properties(
            height=TRADE_CHART_PX, description=t(lang, "trade.chart_description")
        )
        .configure_axis(labelFontSize=13)
        .configure(locale=vega_locale(lang))
    )


def trade_chart_spec(chart: TradeChart, trip: Trip, lang: str) -> dict[str, Any]:
    """``trade_chart``'s spec with the chart's finding first in its description,
    so a screen reader hears what the bars show, not only that they are bars."""
    spec = trade_chart(chart.rows, lang).to_dict()
    described = f"{trade_finding(chart, trip, lang)} {spec.get('description', '')}"
    return {**spec, "description": described.strip()}


def trade_finding(chart: TradeChart, trip: Trip, lang: str) -> str:
    """The chart's finding in one sentence, one clause per country and flow:
    'Exports to Japan rose from about €675 million in 2021 to €851 million in
    2022, a record; …'. From the rows alone; the words are the catalog's."""
    records = {
        (f.country, f.year, f.flow) for f in figures_of(trip, chart.rows) if f.record
    }
    series: dict[tuple[str, str], list[TradeRow]] = {}
    for row in chart.rows:
        series.setdefault((row.country, row.flow), []).append(row)
    clauses = [
        _series_finding(sorted(rows, key=lambda r: r.year), records, lang)
        for rows in series.values()
    ]
    sentence = "; ".join(clauses)
    return as_sentences(sentence[:1].upper() + sentence[1:])


def _series_finding(
    rows: list[TradeRow], records: set[tuple[str, int, str]], lang: str
) -> str:
    """One clause: the series' first and last year, and which way it went."""
    first, last = rows[0], rows[-1]
    name = {"export": "trade.finding.export", "import": "trade.finding.import"}
    values = {
        "series": t(lang, name[last.flow], country=country_name(last.country, lang)),
        "first": _finding_value(first, lang),
        "first_year": first.year,
        "last": _finding_value(last, lang),
        "last_year": last.year,
    }
    if first is last:
        key = "trade.finding.single"
    elif round(last.value_eur, -5) == round(first.value_eur, -5):
        key = "trade.finding.steady"  # the same to a tenth of a million
    else:
        rose = last.value_eur > first.value_eur
        key = "trade.finding.rose" if rose else "trade.finding.fell"
    clause = t(lang, key, **values)
    if (last.country, last.year, last.flow) in records:
        clause = t(lang, "trade.finding.record", clause=clause)
    return clause


def _finding_value(row: TradeRow, lang: str) -> str:
    """The value in words: a derived one is 'about' it, not '≈' (which a screen
    reader reads out as 'almost equal to')."""
    money = format_money(row.value_eur, lang, row.decimals)
    return t(lang, "trade.finding.about", value=money) if row.derived else money


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
        trip.first_day.isoformat(),
        (trip.last_day + pd.Timedelta(days=1)).isoformat(),
    ]
    x = alt.X(
        "start:T",
        title=None,
        scale=alt.Scale(domain=domain),
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
            height=alt.Step(ROW_PX), description=t(lang, "timeline.description")
        )
        .configure_axis(labelFontSize=14)
        .configure(locale=vega_locale(lang))
    )


def _timeline_colors() -> alt.Scale:
    return alt.Scale(domain=list(KIND_COLORS), range=list(KIND_COLORS.values()))
