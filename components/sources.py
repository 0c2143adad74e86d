"""The sources list: every source, and which facts rest on it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from components.frame import view_url
from components.quotes import wording_markdown
from trip.aggregate import Trip
from trip.citing import PageCitations, anchor
from trip.deeplinks import Selection
from trip.formatting import country_name, format_day, language_name
from trip.i18n import t, t_md
from trip.labels import delegation_size, figure_label, source_citation, source_date
from trip.provenance import facts_by_source
from trip.quotes import citations
from trip.text import Markdown, html_link, html_text, md, md_link


def render_sources(trip: Trip, chosen: Selection) -> None:
    lang = chosen.lang
    st.header(t_md(lang, "sources.title"), anchor=False)
    uses = facts_by_source(trip)
    # Numbered as the briefing's footers and the hand-out's list cite them.
    for number, source in enumerate(trip.sources, start=1):
        with st.container(border=True, key=f"source-{source.source_id}"):
            details = " · ".join(
                (
                    source_date(source, lang),
                    t(lang, f"source.kind.{source.kind}"),
                    language_name(source.language, lang),
                )
            )
            st.markdown(
                Markdown(
                    f"**{number}\\. {md(source.publisher)}** — "
                    f"{md_link(source.title, source.url)}"
                    f"  \n{md(details)}"
                )
            )
            if source.local_copy:
                st.caption(
                    t_md(
                        lang,
                        "source.local_copy",
                        path=source.local_copy,
                        date=source_date_of(source.retrieved, lang),
                        sha256=source.sha256 or "",
                    )
                )
            facts = uses.get(source.source_id, [])
            if facts:
                lines = (
                    fact_line(trip, source.source_id, kind, row, lang)
                    for kind, row in facts
                )
                st.markdown(
                    Markdown(t_md(lang, "source.supports") + "\n" + "\n".join(lines))
                )


SOURCES_PAGE = "pages/sources.py"


def render_page_sources(trip: Trip, cited: PageCitations, chosen: Selection) -> None:
    """The list the page's numbered marks lead to (``#quelle-4``): who published
    what, when, linked; the Sources page has the facts that rest on each."""
    listed = cited.listed()
    if not listed:
        return
    lang, by_id = chosen.lang, trip.source_by_id
    entries = "".join(
        f'<li value="{number}" id="{anchor(number)}">'
        f"{html_text(source_citation(by_id[source_id], lang))}: "
        f"{html_link(by_id[source_id].title, by_id[source_id].url)}</li>"
        for number, source_id in listed
    )
    with st.container(key="page-sources"):
        st.subheader(t_md(lang, "sources.page_title"), anchor=False)
        st.markdown(f'<ol class="page-sources">{entries}</ol>', unsafe_allow_html=True)
        params = {k: v for k, v in chosen.to_params().items() if k != "step"}
        st.page_link(
            SOURCES_PAGE,
            label=t_md(lang, "sources.all"),
            icon=":material/menu_book:",
            query_params=params,
        )


def fact_line(trip: Trip, source_id: str, kind: str, row: Any, lang: str) -> str:
    """A list item naming the fact, with the source's words for it beneath."""
    line = f"- {md(describe_fact(kind, row, lang))}"
    for citation in citations(trip.source_by_id, trip.quotes, row):
        if citation.source.source_id == source_id and citation.quote:
            line += "\n\n" + wording_markdown(citation, lang, indent="  ", cited=False)
    return line


def source_date_of(day: dt.date | None, lang: str) -> str:
    return format_day(day, lang) if day else t(lang, "source.undated")


def describe_fact(kind: str, row: Any, lang: str) -> str:
    """'Station: Seoul', 'Handelszahl: Japan, Ausfuhr 2022' …"""
    if kind in ("stop", "theme"):
        name = row.name(lang)
    elif kind == "coordinates":
        where = t(lang, f"coordinates.{row.coord_basis}", anchor=row.coord_anchor)
        name = f"{row.name(lang)} ({where})"
    elif kind == "leg":
        name = country_name(row.country, lang)
    elif kind in ("item", "trip"):
        name = row.title(lang)
    elif kind == "statement":
        name = f"{t(lang, f'about.topic.{row.topic}')}: {row.text(lang)}"
    elif kind in ("trade", "provisional"):
        name = f"{country_name(row.country, lang)}, {figure_label(row, lang)}"
    elif kind == "goods":
        name = f"{country_name(row.country, lang)} {row.year}: {row.name(lang)}"
    else:
        name = delegation_size(row, lang)
    return t(lang, f"fact.{kind}", name=name)


def render_citation(trip: Trip, chosen: Selection) -> None:
    """A ready-to-paste citation of the current view (URL with its selection)."""
    lang = chosen.lang
    st.header(t_md(lang, "cite.title"), anchor=False)
    url = view_url(chosen, here=True)
    announcement = trip.source_by_id.get(trip.info.announcement_source_id or "")
    st.code(
        t(
            lang,
            "cite.text",
            title=trip.info.title(lang),
            url=url or t(lang, "cite.no_url"),
            date=format_day(dt.date.today(), lang),
            announcement=t(
                lang,
                "cite.announcement",
                source=source_citation(announcement, lang)
                + ", "
                + t(lang, "notice.quoted", text=announcement.title),
            )
            if announcement
            else "",
        ),
        language=None,
        wrap_lines=True,
    )
