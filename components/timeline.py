"""The timeline panel: a Gantt chart of windows and items, and the stops as buttons."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from components import state
from components.labels import sources_line, status_badges
from trip.charts import vega_locale
from trip.deeplinks import Selection
from trip.i18n import t, t_md
from trip.labels import item_when, stop_dates, stop_name
from trip.loading import Trip
from trip.stops import StopSummary, item_matches, summary_of
from trip.text import Markdown, md
from trip.timeline import timeline_rows

KIND_COLORS = {
    "window_announced": "#c9d9ea",
    "window_reported": "#f2d7b6",
    "item_announced": "#1f4e79",
    "item_reported": "#1f4e79",
}


def render_timeline(
    trip: Trip, summaries: tuple[StopSummary, ...], chosen: Selection
) -> None:
    lang = chosen.lang
    st.header(t_md(lang, "timeline.title"), anchor=False)
    names = {s.stop.stop_id: stop_name(s, lang) for s in summaries}
    rows = pd.DataFrame(timeline_rows(summaries, names, chosen.stop, chosen.theme))
    rows["kind_label"] = rows["kind"].map(lambda kind: t(lang, f"timeline.kind.{kind}"))
    st.altair_chart(
        _chart(rows, trip, lang),
        key=state.TIMELINE_KEY,
        on_select=_on_timeline_pick,
        selection_mode="pick_stop",
        width="stretch",
    )
    st.caption(t_md(lang, "timeline.legend"))
    _stop_buttons(summaries, chosen)
    if chosen.stop:
        render_stop_items(
            trip, summary_of(summaries, chosen.stop), chosen, compact=True
        )


def _chart(rows: pd.DataFrame, trip: Trip, lang: str) -> alt.LayerChart:
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
        color=alt.Color("kind:N", scale=_colors(), legend=None),
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
        .encode(x=alt.value(0), x2=alt.value("width"), y=y)
    )
    return (
        alt.layer(windows, items, selected)
        .add_params(pick)
        .properties(height=alt.Step(34), description=t(lang, "timeline.description"))
        .configure_axis(labelFontSize=14)
        .configure(locale=vega_locale(lang))
    )


def _colors() -> alt.Scale:
    return alt.Scale(domain=list(KIND_COLORS), range=list(KIND_COLORS.values()))


def _on_timeline_pick() -> None:
    event = st.session_state.get(state.TIMELINE_KEY) or {}
    picked = (event.get("selection") or {}).get("pick_stop") or []
    if picked and picked[0].get("stop_id"):
        state.choose(stop=picked[0]["stop_id"])


def _stop_buttons(summaries: tuple[StopSummary, ...], chosen: Selection) -> None:
    """The stops as buttons: touch and keyboard can select without the chart."""
    lang = chosen.lang
    with st.container(horizontal=True, key="stop-buttons", gap="small"):
        for summary in summaries:
            stop_id = summary.stop.stop_id
            st.button(
                md(f"{summary.number} {summary.stop.name(lang)}"),
                key=f"pick-{stop_id}",
                type="primary" if stop_id == chosen.stop else "secondary",
                help=md(stop_dates(summary, lang)),
                on_click=state.choose,
                kwargs={"stop": None if stop_id == chosen.stop else stop_id},
            )


def render_stop_items(
    trip: Trip, summary: StopSummary, chosen: Selection, compact: bool = False
) -> None:
    """A stop's program items with labels, reasons and sources; items off the
    picked theme are muted. ``compact`` adds the stop's name and dates on top."""
    lang = chosen.lang
    if compact:
        name, dates = stop_name(summary, lang), stop_dates(summary, lang)
        st.markdown(Markdown(f"**{md(name)}** — {md(dates)}"))
    if not summary.items:
        st.markdown(t_md(lang, "items.none"))
    for item in summary.items:
        title = md(item.title(lang))
        if not item_matches(item, chosen.theme):
            title = Markdown(f":gray[{title}]")
        when = item_when(item, summary, lang)
        st.markdown(
            Markdown(f"**{md(when)}** · {title}  \n{status_badges(item, lang)}")
        )
        notes = [sources_line(trip, item.source_ids, lang)]
        if item.inference(lang):
            why = item.inference(lang)
            notes.insert(0, t_md(lang, "items.inferred_because", why=why))
        if item.discrepancy(lang):
            what = item.discrepancy(lang)
            notes.insert(0, t_md(lang, "items.discrepancy", what=what))
        st.caption(Markdown("  \n".join(notes)))
