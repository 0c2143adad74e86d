"""The embedded view (``?embed=true``, an iframe on another site): the map and the
selection, and a way to the full dashboard; nothing that needs the frame's pickers."""

from __future__ import annotations

import streamlit as st

from components.frame import view_url
from components.timeline import render_stop_items
from components.trip_map import render_trip_map
from trip.deeplinks import Selection
from trip.i18n import t, t_md
from trip.loading import Trip
from trip.stops import StopSummary, summary_of
from trip.text import Markdown, html_text, md_link

# An iframe's height in the snippet: title, the map (400 px) and the start of the
# selection below it; the rest scrolls inside the frame.
EMBED_HEIGHT = 720


def render_embedded_view(
    trip: Trip, summaries: tuple[StopSummary, ...], chosen: Selection
) -> None:
    render_trip_map(summaries, chosen, height=400)
    if chosen.stop:
        render_stop_items(
            trip, summary_of(summaries, chosen.stop), chosen, compact=True
        )
    url = view_url(chosen)
    if url:  # opens outside the iframe (Streamlit's links open a new tab)
        st.markdown(Markdown(md_link(t(chosen.lang, "embed.open"), url)))


def embed_snippet(trip: Trip, chosen: Selection) -> str:
    """An ``<iframe>`` for another site: the current view, titled for screen
    readers, full width, with Streamlit's ``embed=true``. Attribute values are
    escaped for HTML."""
    url = view_url(chosen, embed=True) or t(chosen.lang, "cite.no_url")
    title = trip.info.title(chosen.lang)
    return (
        f'<iframe src="{html_text(url)}" title="{html_text(title)}" '
        f'width="100%" height="{EMBED_HEIGHT}" style="border:0" loading="lazy">'
        "</iframe>"
    )


def render_embed_snippet(trip: Trip, chosen: Selection) -> None:
    lang = chosen.lang
    st.header(t_md(lang, "embed.title"), anchor=False)
    st.caption(t_md(lang, "embed.help"))
    # Plain: the highlighter's token colours fall short of WCAG contrast (axe).
    st.code(embed_snippet(trip, chosen), language=None, wrap_lines=True)
