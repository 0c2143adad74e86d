"""The trade charts as Vega-Lite specs: one spec each for the app, the pack
(as SVG via vl-convert) and the image downloads. The marks are
``trip.trade_marks``'s, the heights ``trip.trade_chart_size``'s."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from trip.aggregate import Trip
from trip.formatting import country_name, vega_locale
from trip.i18n import t
from trip.labels import series_name
from trip.trade import TradeChart, TradeRow, trade_countries
from trip.trade_chart_size import is_history, trade_plot_px
from trip.trade_marks import (
    COUNTRY_COLORS,
    DERIVED_DASH,
    comparison_layers,
    history_layers,
    kind_legend,
)
from trip.trade_text import millions, shown_value, trade_finding, value_notes


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
        layers = history_layers(rows, data, lang, style, tooltip, dashes)
    else:
        layers = comparison_layers(data, order, lang, y, style, tooltip)
    return (
        alt.layer(*layers, kind_legend(kinds))
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
