"""Entry point: page frame, language and selection, navigation. Nothing else."""

from pathlib import Path

import streamlit as st

from components import frame, state
from trip.labels import stop_name

# The tab title comes from the st.Page titles (catalog), so none is set here.
st.set_page_config(page_icon=frame.favicon(), layout="wide")

with frame.error_boundary(state.url_lang(), before_navigation=True):
    state.refresh_data_version()
    trip, summaries = state.trip_data(), state.stop_summaries()
    state.check_basemap()

chosen, notices = state.resolve_selection(trip)
lang = chosen.lang

embedded = state.embedded()
navigation = st.navigation(frame.pages(lang), position="hidden" if embedded else "top")
with frame.error_boundary(lang):
    if embedded:  # an iframe elsewhere: the map and the selection, no pickers
        frame.render_embedded_header(trip, chosen, notices)
    elif navigation.url_path != frame.BRIEFING:  # the deck fills the screen itself
        frame.render_header(trip, chosen, notices)
        frame.render_pickers(
            trip, chosen, {s.stop.stop_id: stop_name(s, lang) for s in summaries}
        )
    navigation.run()

# The style sheet and the document's language come last, in a box of fixed
# height: Streamlit loads the code that draws them only after the first paint
# and holds their place meanwhile; above the page, that place then closed and
# moved everything up (issue 16).
with st.container(height=1, border=False, key="frame-assets"):
    st.html(Path(__file__).parent / "static" / "app.css")
    frame.set_document_language(lang)
