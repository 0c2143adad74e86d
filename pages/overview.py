"""Overview: map, timeline, themes and trade side by side, driven by one selection."""

import streamlit as st

from components import data, framework, selection
from components.about import render_about
from components.embed import render_embedded_view
from components.sources import render_page_sources
from components.themes import render_themes
from components.timeline import render_timeline
from components.trade import render_trade_cards
from components.trip_map import render_trip_map
from trip.citing import PageCitations

framework.run_through_entry_file()

view, chosen = data.current(), selection.selection()
trip, summaries = view.trip, view.summaries
selected_country = trip.stop_by_id[chosen.stop].country if chosen.stop else None

if selection.embedded():  # an iframe on another site
    render_embedded_view(view, chosen)
else:
    cited = PageCitations(trip)
    with st.container(key="overview-grid"):
        map_column, timeline_column, facts_column = st.columns(
            [5, 3.6, 3.4], gap="medium"
        )
        with map_column:
            render_trip_map(view, chosen)
        with timeline_column:
            render_timeline(view, chosen, cited)
        with facts_column:
            render_themes(trip, summaries, chosen, cited)
            render_trade_cards(trip, chosen, selected_country, cited)
    render_about(trip, chosen, cited)
    render_page_sources(trip, cited, chosen)
