"""A fact's sources in their own words, one tap away: a small "Wortlaut" button
that opens the quotes beside the claim."""

from __future__ import annotations

import streamlit as st
from pydantic import BaseModel

from components.labels import source_short
from trip.aggregate import Trip
from trip.i18n import t_md
from trip.quotes import Citation, citations
from trip.text import Markdown


def render_wording(
    trip: Trip, rows: BaseModel | list[BaseModel], lang: str, key: str
) -> None:
    """The quotes of every source the row (or rows) cite, each once; nothing if
    none is recorded."""
    found = rows if isinstance(rows, list) else [rows]
    cited = list(
        {
            (c.source.source_id, c.quote.quote): c
            for row in found
            for c in citations(trip.source_by_id, trip.quotes, row)
            if c.quote
        }.values()
    )
    if not cited:
        return
    with st.popover(
        t_md(lang, "quote.open"),
        icon=":material/format_quote:",
        type="tertiary",
        key=f"wording-{key}",
    ):
        st.markdown(Markdown(f"**{t_md(lang, 'quote.title')}**"))
        for citation in cited:
            st.markdown(wording_markdown(citation, lang))


def wording_markdown(
    citation: Citation, lang: str, indent: str = "", cited: bool = True
) -> Markdown:
    """'»…«' in italics with its translation and note, then who said it (unless
    the page is the source's own, ``cited=False``); each a paragraph, indented by
    ``indent`` (to sit inside a list item). No Markdown block quote: text from
    data never makes a block element."""
    quote = citation.quote
    assert quote is not None
    lines = [f"_{t_md(lang, 'notice.quoted', text=quote.quote)}_"]
    if quote.gloss(lang):
        lines.append(t_md(lang, "quote.gloss", gloss=quote.gloss(lang)))
    if quote.note(lang):
        lines.append(t_md(lang, "quote.note", note=quote.note(lang)))
    who = [f"— {source_short(citation.source, lang)}"] if cited else []
    if citation.source.local_copy:
        who.append(t_md(lang, "quote.verified"))
    if who:
        lines.append(" · ".join(who))
    return Markdown("\n\n".join(f"{indent}{line}" for line in lines))
