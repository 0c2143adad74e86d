"""The pickers above every page but the deck: trip, stop, theme and language."""

from __future__ import annotations

import streamlit as st

from components import data, selection
from trip.aggregate import Trip
from trip.deeplinks import Selection
from trip.i18n import LANGS, t, t_md
from trip.text import md


def render_pickers(trip: Trip, chosen: Selection, names: dict[str, str]) -> None:
    """Trip (when there is more than one), stop, theme and language: frame
    widgets, so they keep state across pages."""
    lang = chosen.lang
    selection.sync_pickers(chosen)
    offered = (selection.allowed(trip),)  # each callback's argument
    with st.container(horizontal=True, key="pickers", vertical_alignment="bottom"):
        if len(data.listed_trips()) > 1:
            titles = data.trip_titles(lang)
            st.selectbox(
                t_md(lang, "picker.trip"),
                options=list(titles),
                format_func=titles.__getitem__,  # plain text, like all options
                key=selection.TRIP_PICKER,
                on_change=selection.on_trip_picked,
                args=offered,
                width="stretch",
            )
        st.selectbox(
            t_md(lang, "picker.stop"),
            options=[selection.ALL, *names],
            # Options of a selectbox are plain text, not Markdown.
            format_func=lambda stop_id: (
                names.get(stop_id) or t(lang, "picker.all_stops")
            ),
            key=selection.STOP_PICKER,
            on_change=selection.on_stop_picked,
            args=offered,
            width="stretch",
        )
        if trip.themes:  # an earlier trip may have none
            st.segmented_control(
                t_md(lang, "picker.theme"),
                options=list(trip.theme_ids),
                format_func=lambda theme: md(trip.theme_name(theme, lang)),
                key=selection.THEME_PICKER,
                on_change=selection.on_theme_picked,
                args=offered,
            )
        st.segmented_control(
            t_md(lang, "picker.lang"),
            options=list(LANGS),
            format_func=lambda code: md(t(code, "lang.name")),
            required=True,
            key=selection.LANG_PICKER,
            on_change=selection.on_lang_picked,
            args=offered,
        )
