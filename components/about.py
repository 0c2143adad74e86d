"""What the sources say about the trip as a whole: who travels, with whom, who
organises it, its aims, the political agenda and the background; and where the
sources disagree about the trip's dates. One compact list, each line with its
source marks, the sources' words one tap away."""

from __future__ import annotations

import streamlit as st

from components.labels import source_marks, status_badges
from components.quotes import render_wording
from trip.aggregate import Trip
from trip.citing import PageCitations
from trip.deeplinks import Selection
from trip.formatting import country_name
from trip.i18n import t_md
from trip.labels import delegation_size
from trip.text import Markdown, md, md_join


def render_about(trip: Trip, chosen: Selection, cited: PageCitations) -> None:
    lang = chosen.lang
    statements = sorted(trip.about, key=lambda s: s.order)
    legs = [leg for leg in trip.legs if leg.discrepancy(lang)]
    with st.container(key="about"):
        st.header(t_md(lang, "about.title"), anchor=False)
        if not statements and not trip.delegation:
            st.markdown(t_md(lang, "about.none"))
        sizes = source_marks(cited, (size.source_id for size in trip.delegation))
        lines = [f"- {delegation_line(trip, lang)} {sizes}"]
        for statement in statements:
            topic = t_md(lang, f"about.topic.{statement.topic}")
            line = (
                f"- **{topic}:** {md(statement.text(lang))} "
                f"{source_marks(cited, [statement.source_id])} "
                f"{status_badges(statement, lang)}"
            )
            if statement.inference(lang):
                why = statement.inference(lang)
                line += f"  \n  {t_md(lang, 'items.inferred_because', why=why)}"
            lines.append(line)
        for leg in legs:
            what = t_md(lang, "items.discrepancy", what=leg.discrepancy(lang))
            marks = source_marks(cited, [leg.source_id])
            lines.append(f"- **{md(country_name(leg.country, lang))}:** {what} {marks}")
        if lines:
            st.markdown(Markdown("\n".join(lines)))
        rows = [*statements, *legs, *trip.delegation]
        if rows:
            render_wording(trip, rows, lang, "about")


def delegation_line(trip: Trip, lang: str) -> Markdown:
    """The delegation's size as each source gives it; they differ, so all are shown."""
    if not trip.delegation:
        return t_md(lang, "delegation.none")
    by_id = trip.source_by_id
    sizes = md_join(
        "; ",
        (
            f"{delegation_size(size, lang)} ({by_id[size.source_id].short_publisher})"
            for size in trip.delegation
        ),
    )
    key = "delegation.line" if len(trip.delegation) > 1 else "delegation.line_one"
    return t_md(lang, key, sizes=sizes)
