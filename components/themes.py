"""The themes panel: each focus theme and where it shows up."""

from __future__ import annotations

import streamlit as st

from components.labels import source_marks
from trip.aggregate import Trip
from trip.citing import PageCitations
from trip.deeplinks import Selection
from trip.i18n import t_md
from trip.stops import StopSummary
from trip.text import Markdown, md, md_join


def render_themes(
    trip: Trip,
    summaries: tuple[StopSummary, ...],
    chosen: Selection,
    cited: PageCitations,
) -> None:
    lang = chosen.lang
    st.header(t_md(lang, "themes.title"), anchor=False)
    if not trip.themes:
        st.markdown(t_md(lang, "themes.none"))
        return
    lines = []
    for theme in trip.theme_ids:
        stops = md_join(
            ", ",
            (f"{s.number} {s.stop.name(lang)}" for s in summaries if theme in s.themes),
        )
        count = sum(theme in item.themes for item in trip.program)
        name = md(trip.theme_name(theme, lang))
        name = (
            f":blue-background[**{name}**] {t_md(lang, 'themes.picked')}"
            if theme == chosen.theme
            else f"**{name}**"
        )
        where = t_md(lang, "themes.where", stops=stops or "–", count=count)
        lines.append(f"- {name}: {where}")
    st.markdown(Markdown("\n".join(lines)))
    intro = t_md(
        lang,
        "themes.intro",
        sources=source_marks(cited, (theme.source_id for theme in trip.themes)),
    )
    st.caption(Markdown(f"{intro} {t_md(lang, 'themes.derived')}"))
