"""The themes panel: each focus theme and where it shows up."""

from __future__ import annotations

import streamlit as st

from trip.deeplinks import Selection
from trip.i18n import t
from trip.loading import Trip
from trip.stops import StopSummary


def render_themes(
    trip: Trip, summaries: tuple[StopSummary, ...], chosen: Selection
) -> None:
    lang = chosen.lang
    st.header(t(lang, "themes.title"), anchor=False)
    lines = []
    for theme in trip.theme_ids:
        stops = ", ".join(
            f"{s.number} {s.stop.name(lang)}" for s in summaries if theme in s.themes
        )
        count = sum(theme in item.themes for item in trip.program)
        name = t(lang, f"theme.{theme}")
        name = (
            f":blue-background[**{name}**] {t(lang, 'themes.picked')}"
            if theme == chosen.theme
            else f"**{name}**"
        )
        lines.append(
            f"- {name}: {t(lang, 'themes.where', stops=stops or '–', count=count)}"
        )
    st.markdown("\n".join(lines))
    st.caption(t(lang, "themes.intro") + " " + t(lang, "themes.derived"))
