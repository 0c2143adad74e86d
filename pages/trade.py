"""Trade: the trip's trade figures as charts, tables and CSV."""

import streamlit as st

from components import data, framework, selection
from components.sources import render_page_sources
from components.trade import render_trade_charts
from trip.citing import PageCitations

framework.run_through_entry_file()

trip, chosen = data.trip_data(), selection.selection()
cited = PageCitations(trip)

with st.container(key="trade-grid"):
    render_trade_charts(trip, chosen, cited)

render_page_sources(trip, cited, chosen)
