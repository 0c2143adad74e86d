"""The timeline panel: a Gantt chart of windows and items, and the stops as buttons."""

from __future__ import annotations

import streamlit as st

from components import state
from components.labels import sources_line, status_badges
from components.quotes import render_wording
from trip.deeplinks import Selection
from trip.i18n import t_md
from trip.labels import item_when, stop_dates, stop_name
from trip.loading import Trip
from trip.models import ProgramItem
from trip.stops import StopSummary, item_matches, summary_of
from trip.text import Markdown, md


def render_timeline(
    trip: Trip, summaries: tuple[StopSummary, ...], chosen: Selection
) -> None:
    lang = chosen.lang
    st.header(t_md(lang, "timeline.title"), anchor=False)
    st.vega_lite_chart(
        spec=state.timeline_spec(lang, chosen.stop, chosen.theme),
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
        render_item(trip, item, summary, chosen, "compact" if compact else "card")


def render_item(
    trip: Trip,
    item: ProgramItem,
    summary: StopSummary | None,
    chosen: Selection,
    place: str,
) -> None:
    """One programme item: when, what, its labels, what the source adds, why it
    is inferred, where sources differ, its sources and their words. ``place``
    tells the item's copies on one page apart (the wording button's key)."""
    lang = chosen.lang
    title = md(item.title(lang))
    if not item_matches(item, chosen.theme):
        title = Markdown(f":gray[{title}]")
    when = item_when(item, summary, trip.info, lang)
    st.markdown(Markdown(f"**{md(when)}** · {title}  \n{status_badges(item, lang)}"))
    notes = [sources_line(trip, item.source_ids, lang)]
    if item.inference(lang):
        why = item.inference(lang)
        notes.insert(0, t_md(lang, "items.inferred_because", why=why))
    if item.discrepancy(lang):
        what = item.discrepancy(lang)
        notes.insert(0, t_md(lang, "items.discrepancy", what=what))
    if item.detail(lang):
        notes.insert(0, md(item.detail(lang)))
    st.caption(Markdown("  \n".join(notes)))
    render_wording(trip, item, lang, f"{place}-{item.item_id}")
