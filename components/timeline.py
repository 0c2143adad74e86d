"""The timeline panel: a Gantt chart of windows and items, and the stops as buttons."""

from __future__ import annotations

import functools
import json

import streamlit as st

from components import selection
from components.data import TripView
from components.labels import source_marks, status_badges
from components.quotes import render_wording
from trip.aggregate import Trip
from trip.citing import PageCitations
from trip.deeplinks import Selection
from trip.i18n import t_md
from trip.itinerary_models import ProgramItem
from trip.labels import item_when, stop_dates, stop_name
from trip.stops import StopSummary, item_matches, summary_of
from trip.text import Markdown, html_text, md
from trip.timeline import chart_height


def render_timeline(view: TripView, chosen: Selection, cited: PageCitations) -> None:
    trip, summaries, lang = view.trip, view.summaries, chosen.lang
    allowed = selection.allowed(trip)  # what the chart's and buttons' callbacks take
    st.header(t_md(lang, "timeline.title"), anchor=False)
    # The chart's height is known from the data: held from the first paint.
    with st.container(height=chart_height(trip, summaries), border=False):
        st.vega_lite_chart(
            spec=view.timeline_spec(lang, chosen.stop, chosen.theme),
            key=selection.TIMELINE_KEY,
            on_select=functools.partial(_on_timeline_pick, allowed),
            selection_mode="pick_stop",
            width="stretch",
        )
    st.caption(t_md(lang, "timeline.legend"))
    _stop_buttons(summaries, chosen, allowed)
    if chosen.stop:
        with st.container(key="stop-details"):
            summary = summary_of(summaries, chosen.stop)
            render_stop_items(trip, summary, chosen, cited, compact=True)
            st.markdown(t_md(lang, "map.back"))
        bring_into_view("stop-details", chosen.stop)


def _on_timeline_pick(allowed: selection.Allowed) -> None:
    event = st.session_state.get(selection.TIMELINE_KEY) or {}
    picked = (event.get("selection") or {}).get("pick_stop") or []
    if picked and picked[0].get("stop_id"):
        selection.choose(allowed, stop=picked[0]["stop_id"])


def _stop_buttons(
    summaries: tuple[StopSummary, ...], chosen: Selection, allowed: selection.Allowed
) -> None:
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
                on_click=selection.choose,
                args=(allowed,),
                kwargs={"stop": None if stop_id == chosen.stop else stop_id},
            )


def render_stop_items(
    trip: Trip,
    summary: StopSummary,
    chosen: Selection,
    cited: PageCitations,
    compact: bool = False,
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
        place = "compact" if compact else "card"
        render_item(trip, item, summary, chosen, cited, place)


def render_item(
    trip: Trip,
    item: ProgramItem,
    summary: StopSummary | None,
    chosen: Selection,
    cited: PageCitations,
    place: str,
    when: str | None = None,
) -> None:
    """One programme item: when, what and its source marks, its labels, what the
    source adds, why it is inferred, where sources differ, and the sources' words.
    ``place`` tells the item's copies on one page apart (the wording button's key);
    ``when`` replaces the item's days where a heading gives them ("" for none)."""
    lang = chosen.lang
    title = md(item.title(lang))
    if not item_matches(item, chosen.theme):
        title = Markdown(f":gray[{title}]")
    if when is None:
        when = item_when(item, summary, trip.info, lang)
    lead = f"**{md(when)}** · " if when else ""
    marks = source_marks(cited, item.source_ids)
    st.markdown(Markdown(f"{lead}{title} {marks}  \n{status_badges(item, lang)}"))
    notes: list[Markdown] = []
    if item.inference(lang):
        why = item.inference(lang)
        notes.insert(0, t_md(lang, "items.inferred_because", why=why))
    if item.discrepancy(lang):
        what = item.discrepancy(lang)
        notes.insert(0, t_md(lang, "items.discrepancy", what=what))
    if item.detail(lang):
        notes.insert(0, md(item.detail(lang)))
    if notes:
        st.caption(Markdown("  \n".join(notes)))
    render_wording(trip, item, lang, f"{place}-{item.item_id}")


def bring_into_view(key: str, reason: str) -> None:
    """On a phone or tablet the panels stack, and a stop picked on the map shows
    its details far below: scroll them into view, once per pick (``reason``
    changes), not on wide screens where they stand beside the map."""
    target = json.dumps(f".st-key-{key}")
    st.html(
        "<script>"
        f"/* {html_text(reason)} */"
        "if (window.innerWidth <= 1100) {"
        f" var node = document.querySelector({target});"
        " if (node) { node.scrollIntoView({block: 'start'}); }"
        "}</script>",
        unsafe_allow_javascript=True,
        width="content",
    )
