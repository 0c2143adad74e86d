"""Trade: Saxony's exports to Japan and South Korea as charts, tables and CSV."""

import streamlit as st

from components import state
from components.trade import render_trade_chart
from trip.trade import trade_rows

state.run_through_entry_file()

trip, chosen = state.trip_data(), state.selection()
rows = trade_rows(trip)
latest = max(row.year for row in rows)
exports_latest = tuple(r for r in rows if r.flow == "export" and r.year >= latest - 1)
japan_series = tuple(r for r in rows if r.country == "JP")

with st.container(key="trade-grid"):
    left, right = st.columns(2, gap="large")
    with left:
        render_trade_chart(
            trip, exports_latest, chosen, "trade.chart.exports", "exports"
        )
    with right:
        render_trade_chart(trip, japan_series, chosen, "trade.chart.japan", "japan")
