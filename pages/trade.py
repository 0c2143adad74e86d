"""Trade: the trip's trade figures as charts, tables and CSV."""

import streamlit as st

from components import data, framework, selection
from components.sources import render_page_sources
from components.trade import render_trade_charts
from trip.citing import PageCitations

framework.run_through_entry_file()

view, chosen = data.current(), selection.selection()
cited = PageCitations(view.trip)

with st.container(key="trade-grid"):
    render_trade_charts(view, chosen, cited)

render_page_sources(view.trip, cited, chosen)
