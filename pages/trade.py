"""Trade: Saxony's exports to Japan and South Korea as charts, tables and CSV."""

import streamlit as st

from components import state
from components.trade import render_trade_chart
from trip.trade import trade_charts

state.run_through_entry_file()

trip, chosen = state.trip_data(), state.selection()

with st.container(key="trade-grid"):
    charts = trade_charts(trip)
    for column, (chart_id, title_key, rows) in zip(
        st.columns(len(charts), gap="large"), charts, strict=True
    ):
        with column:
            render_trade_chart(trip, rows, chosen, title_key, chart_id)
