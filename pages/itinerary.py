"""Itinerary: a card per stop for tablets, with local time and Dresden time."""

import datetime as dt

import streamlit as st

from components import state
from components.itinerary import render_announced, render_stop_card

trip, summaries, chosen = state.trip_data(), state.stop_summaries(), state.selection()
now = dt.datetime.now(dt.UTC)

with st.container(key="itinerary-grid"):
    columns = st.columns(3, gap="medium")
    for index, summary in enumerate(summaries):
        with columns[index % 3]:
            render_stop_card(trip, summary, chosen, now)

render_announced(trip, chosen)
