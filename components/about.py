"""What the sources say about the trip as a whole: who travels, with whom, who
organises it, its aims, the political agenda and the background; and where the
sources disagree about the trip's dates."""

from __future__ import annotations

import streamlit as st

from components.labels import sources_line, status_badges
from components.quotes import render_wording
from trip.deeplinks import Selection
from trip.formatting import country_name
from trip.i18n import t_md
from trip.loading import Trip
from trip.text import Markdown, md


def render_about(trip: Trip, chosen: Selection) -> None:
    lang = chosen.lang
    with st.container(key="about"):
        st.header(t_md(lang, "about.title"), anchor=False)
        if not trip.about:
            st.markdown(t_md(lang, "about.none"))
        for statement in sorted(trip.about, key=lambda s: s.order):
            topic = t_md(lang, f"about.topic.{statement.topic}")
            st.markdown(
                Markdown(
                    f"**{topic}:** {md(statement.text(lang))} "
                    f"{status_badges(statement, lang)}"
                )
            )
            notes = [sources_line(trip, [statement.source_id], lang)]
            if statement.inference(lang):
                why = statement.inference(lang)
                notes.insert(0, t_md(lang, "items.inferred_because", why=why))
            st.caption(Markdown("  \n".join(notes)))
            render_wording(trip, statement, lang, f"about-{statement.statement_id}")
        for leg in trip.legs:
            if leg.discrepancy(lang):
                what = t_md(lang, "items.discrepancy", what=leg.discrepancy(lang))
                country = md(country_name(leg.country, lang))
                st.markdown(Markdown(f"**{country}:** {what}"))
                render_wording(trip, leg, lang, f"leg-{leg.leg_id}")
