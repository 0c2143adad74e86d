"""Entry point: page frame, language and selection, navigation. Nothing else."""

from pathlib import Path

import streamlit as st

from components import frame, state
from trip.i18n import t
from trip.labels import stop_name

BRIEFING = "briefing"  # the page that draws no frame around itself

# The tab title comes from the st.Page titles (catalog), so none is set here.
st.set_page_config(
    page_icon=str(Path(__file__).parent / "static" / "favicon.png"), layout="wide"
)
st.html(Path(__file__).parent / "static" / "app.css")

with frame.error_boundary(state.url_lang(), before_navigation=True):
    state.refresh_data_version()
    trip, summaries = state.trip_data(), state.stop_summaries()
    state.check_basemap()

chosen, notices = state.resolve_selection(trip)
lang = chosen.lang
frame.set_document_language(lang)

navigation = st.navigation(
    [
        st.Page(
            "pages/overview.py",
            title=t(lang, "nav.overview"),
            icon=":material/dashboard:",
            default=True,
        ),
        st.Page(
            "pages/itinerary.py",
            title=t(lang, "nav.itinerary"),
            icon=":material/event:",
            url_path="itinerary",
        ),
        st.Page(
            "pages/trade.py",
            title=t(lang, "nav.trade"),
            icon=":material/bar_chart:",
            url_path="trade",
        ),
        st.Page(
            "pages/sources.py",
            title=t(lang, "nav.sources"),
            icon=":material/menu_book:",
            url_path="sources",
        ),
        st.Page(
            "pages/briefing.py",
            title=t(lang, "briefing.title"),
            icon=":material/slideshow:",
            url_path=BRIEFING,
        ),
    ],
    position="top",
)
with frame.error_boundary(lang):
    if navigation.url_path != BRIEFING:  # the deck fills the screen on its own
        frame.render_header(trip, chosen, notices)
        frame.render_pickers(
            trip, chosen, {s.stop.stop_id: stop_name(s, lang) for s in summaries}
        )
    navigation.run()
