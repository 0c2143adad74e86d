"""Trade: the trip's trade figures as charts, tables and CSV."""

import streamlit as st

from components import state
from components.sources import render_page_sources
from components.trade import render_trade_chart, render_trade_none
from trip.citing import PageCitations
from trip.trade import trade_charts

state.run_through_entry_file()

trip, chosen = state.trip_data(), state.selection()
cited = PageCitations(trip)

with st.container(key="trade-grid"):
    charts = trade_charts(trip)
    if not charts:
        render_trade_none(chosen)
    else:
        for column, chart in zip(
            st.columns(len(charts), gap="large"), charts, strict=True
        ):
            with column:
                render_trade_chart(trip, chart, chosen, cited)

render_page_sources(trip, cited, chosen)
