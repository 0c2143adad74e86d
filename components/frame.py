"""The frame around every page: title, the three pickers, URL notices, data errors."""

from __future__ import annotations

import json

import streamlit as st

from components import state
from components.labels import source_list
from trip.deeplinks import Notice, Selection
from trip.errors import DataFileError
from trip.formatting import format_day_range
from trip.i18n import LANGS, t
from trip.loading import Trip


def render_data_error(error: DataFileError, lang: str) -> None:
    """One clear panel: which file, which line, which field, what was expected."""
    values = error.placeholders
    if "expected_key" in values:
        values = {
            **values,
            "expected": t(lang, values["expected_key"], detail=error.expected),
        }
    st.error(
        f"**{t(lang, 'error.title')}**\n\n{t(lang, error.key, **values)}\n\n"
        f"{t(lang, 'error.where', **values)}",
        icon=":material/error:",
    )
    st.caption(t(lang, "error.hint"))


def set_document_language(lang: str) -> None:
    """Streamlit serves ``<html lang="en">`` whatever the content; screen readers need
    the real language (WCAG 3.1.1). Workaround for streamlit/streamlit#15726."""
    st.html(
        f"<script>document.documentElement.lang = {json.dumps(lang)};</script>",
        unsafe_allow_javascript=True,
        width="content",
    )


def render_header(trip: Trip, chosen: Selection, notices: tuple[Notice, ...]) -> None:
    lang = chosen.lang
    st.title(t(lang, "app.title"))
    st.markdown(trip_dates_line(trip, lang))
    st.caption(delegation_line(trip, lang))
    for notice in notices:
        key = "notice.unknown_param" if notice.value is None else "notice.unknown_value"
        st.warning(
            t(lang, key, param=notice.param, value=notice.value or ""),
            icon=":material/info:",
        )


def render_pickers(trip: Trip, chosen: Selection, names: dict[str, str]) -> None:
    """Stop, theme and language: frame widgets, so they keep state across pages."""
    lang = chosen.lang
    state.sync_pickers(chosen)
    with st.container(horizontal=True, key="pickers", vertical_alignment="bottom"):
        st.selectbox(
            t(lang, "picker.stop"),
            options=[state.ALL, *names],
            format_func=lambda stop_id: (
                names.get(stop_id) or t(lang, "picker.all_stops")
            ),
            key=state.STOP_PICKER,
            on_change=state.on_stop_picked,
            width=280,
        )
        st.segmented_control(
            t(lang, "picker.theme"),
            options=list(trip.theme_ids),
            format_func=lambda theme: t(lang, f"theme.{theme}"),
            key=state.THEME_PICKER,
            on_change=state.on_theme_picked,
        )
        st.segmented_control(
            t(lang, "picker.lang"),
            options=list(LANGS),
            format_func=lambda code: t(code, "lang.name"),
            required=True,
            key=state.LANG_PICKER,
            on_change=state.on_lang_picked,
        )


def delegation_line(trip: Trip, lang: str) -> str:
    """The delegation's size as each source gives it; they differ, so all are shown."""
    by_id = trip.source_by_id
    sizes = "; ".join(
        t(
            lang,
            f"delegation.{size.scope}",
            size=(
                t(lang, "delegation.about", size=size.size)
                if size.approximate
                else size.size
            ),
        )
        + f" ({by_id[size.source_id].publisher.split(' (')[0]})"
        for size in trip.delegation
    )
    return t(lang, "delegation.line", sizes=sizes)


def trip_dates_line(trip: Trip, lang: str) -> str:
    """What was announced and what was added later, each with its source."""
    announced = [leg for leg in trip.legs if leg.status == "announced"]
    line = t(
        lang,
        "app.announced",
        dates=format_day_range(
            min(leg.date_start for leg in announced),
            max(leg.date_end for leg in announced),
            lang,
        ),
        sources=source_list(trip, (leg.source_id for leg in announced), lang),
    )
    for leg in (leg for leg in trip.legs if leg.status == "reported"):
        line += " · " + t(
            lang,
            "app.reported_leg",
            dates=format_day_range(leg.date_start, leg.date_end, lang),
            country=t(lang, f"country.{leg.country}"),
            sources=source_list(trip, [leg.source_id], lang),
        )
    return line
