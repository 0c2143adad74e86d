"""The embedded view (``?embed=true``, an iframe in an article on another site):
the map filling the frame it is given, a one-line strip for the chosen stop (or
the stops as text), and a credit line with the source and the full view; nothing
scrolls inside the frame. It tells the host page the height it wants for its
width, which the snippet's few lines of script apply (as Datawrapper's do)."""

from __future__ import annotations

import streamlit as st

from components.data import TripView
from components.frame import view_url
from components.trip_map import render_map_frame
from trip.aggregate import Trip
from trip.deeplinks import Selection
from trip.embed import embed_snippet, report_height_script
from trip.i18n import t, t_md
from trip.labels import source_date, stop_dates, stop_name
from trip.stops import StopSummary, summary_of
from trip.text import Markdown, md, md_join, md_link

MAP_HEIGHT = 300  # st_folium's own attribute; the style sheet sizes the frame


def render_embedded_view(view: TripView, chosen: Selection) -> None:
    trip, summaries = view.trip, view.summaries
    with st.container(key="embed"):
        with st.container(key="embed-map"):
            render_map_frame(view, chosen, MAP_HEIGHT, fill_frame=True)
        with st.container(key="embed-strip"):
            st.markdown(embed_strip(trip, summaries, chosen))
            st.caption(credit_line(trip, chosen))
    with st.container(key="embed-script"):
        st.html(
            f"<script>{report_height_script()}</script>",
            unsafe_allow_javascript=True,
            width="content",
        )


def embed_strip(
    trip: Trip, summaries: tuple[StopSummary, ...], chosen: Selection
) -> Markdown:
    """The chosen stop with its dates and programme in one line, or, before a tap,
    the stops in order: the map as text."""
    lang = chosen.lang
    if chosen.stop:
        summary = summary_of(summaries, chosen.stop)
        titles = md_join("; ", (item.title(lang) for item in summary.items))
        lead = f"**{md(stop_name(summary, lang))}** · {md(stop_dates(summary, lang))}"
        return Markdown(f"{lead}: {titles}" if summary.items else lead)
    stops = md_join(" · ", (f"{s.number} {s.stop.name(lang)}" for s in summaries))
    return t_md(lang, "embed.stops", stops=stops)


def credit_line(trip: Trip, chosen: Selection) -> Markdown:
    """'Im vollständigen Dashboard öffnen · Quelle: SMWA, 08.09.2023 und
    weitere': the way out first, so a narrow frame never cuts it off."""
    lang = chosen.lang
    announcement = trip.source_by_id.get(trip.info.announcement_source_id or "")
    first = announcement or trip.sources[0]
    cited = f"{first.short_publisher}, {source_date(first, lang)}"
    parts = [t_md(lang, "embed.credit", source=cited)]
    url = view_url(chosen)
    if url:  # opens outside the iframe (Streamlit's links open a new tab)
        parts.insert(0, md_link(t(lang, "embed.open"), url))
    return Markdown(" · ".join(parts))


def render_embed_snippet(trip: Trip, chosen: Selection) -> None:
    lang = chosen.lang
    st.header(t_md(lang, "embed.title"), anchor=False)
    st.caption(t_md(lang, "embed.help"))
    url = view_url(chosen, embed=True) or t(lang, "cite.no_url")
    snippet = embed_snippet(
        url, trip.info.title(lang), f"trip-dashboard-{trip.trip_id}"
    )
    # Plain: the highlighter's token colours fall short of WCAG contrast (axe).
    st.code(snippet, language=None, wrap_lines=True)
