"""The briefing page: the deck in a frame that fills the screen, and what to take
away (the pack and the calendar) below it."""

from __future__ import annotations

import streamlit as st

from components.data import TripView
from components.itinerary import render_calendar_download
from trip.deeplinks import Selection
from trip.i18n import t_md


def render_briefing(view: TripView, chosen: Selection, start: str) -> None:
    """The deck's frame, one screen high, with no header over it (its rules are
    in ``static/app.css``, which arrives first)."""
    with st.container(key="briefing-deck"):
        st.iframe(
            view.briefing_document(chosen.lang, start),
            height=720,
            alt=t_md(chosen.lang, "briefing.map"),
        )


def render_take_away(view: TripView, lang: str) -> None:
    """The pack for a USB stick and the programme for the phone."""
    with st.container(key="briefing-take-away"):
        st.header(t_md(lang, "briefing.downloads"), anchor=False)
        with st.container(horizontal=True, gap="medium"):
            st.download_button(
                t_md(lang, "briefing.pack"),
                data=view.briefing_pack(lang),
                file_name=f"briefing-{lang}.html",
                mime="text/html",
                key="download-pack",
                icon=":material/slideshow:",
                help=t_md(lang, "briefing.pack_help"),
                on_click="ignore",
            )
            render_calendar_download(view, lang)
