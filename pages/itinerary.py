"""Itinerary: the programme day by day for delegates on a tablet, then the stops."""

import datetime as dt

import streamlit as st

from components import data, framework, selection
from components.agenda import render_agenda, render_now
from components.itinerary import (
    render_calendar_download,
    render_jump_to,
    render_stop_card,
)
from components.sources import render_page_sources
from trip.agenda import agenda, running
from trip.citing import PageCitations
from trip.i18n import t_md
from trip.stops import summary_of

framework.run_through_entry_file()

CARDS_PER_ROW = 3

view, chosen = data.current(), selection.selection()
trip, summaries = view.trip, view.summaries
earlier = data.earlier_visits(trip)
now = dt.datetime.now(dt.UTC)

render_calendar_download(view, chosen.lang)
if chosen.stop:
    render_jump_to(summary_of(summaries, chosen.stop), chosen.lang)
if running(trip, now.date()):
    render_now(trip, summaries, chosen, now)

cited = PageCitations(trip)
render_agenda(trip, agenda(trip, summaries), chosen, cited)

st.header(t_md(chosen.lang, "itinerary.stops_title"), anchor=False)
st.caption(t_md(chosen.lang, "themes.derived"))
with st.container(key="itinerary-grid"):
    # Row by row, so the cards keep trip order when the columns stack on a tablet.
    for first in range(0, len(summaries), CARDS_PER_ROW):
        row = summaries[first : first + CARDS_PER_ROW]
        for column, summary in zip(
            st.columns(CARDS_PER_ROW, gap="medium"), row, strict=False
        ):
            with column:
                render_stop_card(
                    trip, summary, chosen, earlier.get(summary.stop.country)
                )

render_page_sources(trip, cited, chosen)
