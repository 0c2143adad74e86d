"""The map panel: one folium map that stays mounted, plus its text equivalent."""

from __future__ import annotations

import streamlit as st

from components import selection
from components.data import BY_VERSION, TripView
from components.folium_frame import (
    MapStrings,
    layer_script,
    map_strings,
    render_folium_frame,
)
from trip.deeplinks import Selection
from trip.i18n import t, t_md
from trip.labels import stop_dates, stop_label, stop_name
from trip.mapview import base_map, marker_layer, stop_at
from trip.stops import StopSummary
from trip.text import Markdown, md

MAP_ANCHOR = "map"  # the details of a stop link back up to the map


def render_trip_map(view: TripView, chosen: Selection, height: int = 560) -> None:
    lang = chosen.lang
    st.header(t_md(lang, "map.title"), anchor=MAP_ANCHOR)
    render_map_frame(view, chosen, height)
    st.caption(t_md(lang, "map.legend"))
    st.toggle(
        t_md(lang, "map.online_tiles"),
        key=selection.TILES_TOGGLE,
        help=t_md(lang, "map.online_help"),
    )
    render_map_text(view.summaries, chosen)


def render_map_frame(
    view: TripView,
    chosen: Selection,
    height: int,
    fill_frame: bool = False,
) -> None:
    """The map alone (the embed shows nothing else of the panel); with
    ``fill_frame`` it takes the height the style sheet gives its frame."""
    online = bool(st.session_state.get(selection.TILES_TOGGLE, False))
    summaries, allowed = view.summaries, selection.allowed(view.trip)
    with st.container(key="map-frame"):
        render_folium_frame(
            _map_strings(view, online, fill_frame),
            _layer(view, chosen.lang, chosen.stop, chosen.theme),
            key=selection.MAP_KEY,
            height=height,
            returned_objects=["last_object_clicked", "last_object_clicked_count"],
            on_change=lambda: _on_map_click(summaries, allowed),
        )


# Built once per data version (a view is keyed on it) and language and
# selection, shared by every session: strings and a frozen dataclass, nothing
# a caller could change.
@st.cache_resource(show_spinner=False, max_entries=8, hash_funcs=BY_VERSION)
def _map_strings(view: TripView, online: bool, fill_frame: bool) -> MapStrings:
    base = base_map(view.summaries, online_tiles=online, fill_frame=fill_frame)
    return map_strings(base)


@st.cache_resource(show_spinner=False, max_entries=256, hash_funcs=BY_VERSION)
def _layer(view: TripView, lang: str, stop: str | None, theme: str | None) -> str:
    summaries = view.summaries
    labels = {s.stop.stop_id: stop_label(s, lang) for s in summaries}
    layer = marker_layer(summaries, labels, stop, theme)
    return layer_script(layer, base_map(summaries))


def _on_map_click(
    summaries: tuple[StopSummary, ...], allowed: selection.Allowed
) -> None:
    """The browser reports the clicked position; anything else is ignored."""
    clicked = (st.session_state.get(selection.MAP_KEY) or {}).get("last_object_clicked")
    try:
        lat, lng = float(clicked["lat"]), float(clicked["lng"])
    except (KeyError, TypeError, ValueError):
        return
    stop_id = stop_at(summaries, lat, lng)
    if stop_id:
        selection.choose(allowed, stop=stop_id)


def render_map_text(summaries: tuple[StopSummary, ...], chosen: Selection) -> None:
    """The map as text: the stops in order with their dates (WCAG 1.1.1)."""
    lang = chosen.lang
    with st.expander(t_md(lang, "map.as_text"), expanded=True):
        lines = []
        for summary in summaries:
            notes = []
            if summary.stop.status == "added":
                notes.append(t(lang, "map.added_marker"))
            if summary.stop.stop_id == chosen.stop:
                notes.append(t(lang, "map.selected_marker"))
            name = md(" ".join([stop_name(summary, lang), *notes]))
            lines.append(f"- **{name}** — {md(stop_dates(summary, lang))}")
        st.markdown(Markdown("\n".join(lines)))
