"""The timeline as a Vega-Lite spec: announced windows and programme items per
stop; a click picks the stop."""

from __future__ import annotations

import altair as alt
import pandas as pd

from trip.aggregate import Trip
from trip.formatting import (
    country_name,
    vega_locale,
)
from trip.i18n import t
from trip.labels import (
    stop_name,
)
from trip.stops import StopSummary
from trip.timeline import chart_height as timeline_height
from trip.timeline import timeline_rows, unplaced_rows

KIND_COLORS = {
    "window_announced": "#c9d9ea",
    "window_reported": "#f2d7b6",
    "item_announced": "#1f4e79",
    "item_reported": "#1f4e79",
}


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
