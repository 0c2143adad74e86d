"""Entry point: page frame, language and selection, navigation. Nothing else."""

import streamlit as st

from components import (
    data,
    document_language,
    error_panel,
    frame,
    header,
    pacing,
    pickers,
    selection,
)
from trip.labels import stop_name

# One client cannot slow the others: its reruns are paced. components/server.py
# installs this before Streamlit serves; here, for a bare `streamlit run app.py`.
pacing.install()
# The tab title comes from the st.Page titles (catalog), so none is set here.
st.set_page_config(page_icon=frame.favicon(), layout="wide")
with error_panel.error_boundary(selection.url_lang(), before_navigation=True):
    data.look_at_trips()  # trips come and go between runs: first, the folder
    data.refresh_data_version(selection.requested_trip())
    view = data.current()
    trip, summaries = view.trip, view.summaries
    data.check_basemap()

chosen, notices = selection.resolve_selection(view)
lang = chosen.lang

embedded = selection.embedded()
navigation = st.navigation(frame.pages(lang), position="hidden" if embedded else "top")
with error_panel.error_boundary(lang):
    if embedded:  # an iframe elsewhere: the map and the selection, no pickers
        header.render_embedded_header(trip, chosen, notices)
    elif navigation.url_path != frame.BRIEFING:  # the deck fills the screen itself
        header.render_header(trip, chosen, notices)
    # The body stays shut (1 px) until it is drawn whole: static/hold.css, in
    # the style sheet that comes first in it (in a box of its own, which takes
    # no room once the sheet applies, while the body is still shut).
    with st.container(height=1, border=False, key="page-body"):
        with st.container(height=1, border=False, key="frame-style"):
            frame.apply_style()
        if not embedded and navigation.url_path != frame.BRIEFING:
            names = {s.stop.stop_id: stop_name(s, lang) for s in summaries}
            pickers.render_pickers(trip, chosen, names)
        navigation.run()

# Last, in a box of fixed height: the document's language and Streamlit's own
# strings. The box is also the sign, for the style sheet, that the first run
# has reached the end of the page (``.st-key-frame-assets``).
with st.container(height=1, border=False, key="frame-assets"):
    document_language.set_document_language(lang)
