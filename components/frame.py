"""The frame around every page: title, the three pickers, URL notices, data errors."""

from __future__ import annotations

import base64
import functools
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st

from components import state
from components.labels import source_list
from trip.deeplinks import Notice, Selection
from trip.errors import DataFileError
from trip.formatting import country_name, format_day_range
from trip.i18n import LANGS, plural_key, t, t_md
from trip.labels import delegation_size
from trip.loading import Trip, trip_window
from trip.messages import message_values
from trip.text import Markdown, md, md_join

LOG = logging.getLogger(__name__)
NAMES_SHOWN = 5  # unknown link parameters named in the one notice about them
PROBLEMS_SHOWN = 8  # problems of a broken trip in its panel; the check lists all


@contextmanager
def error_boundary(lang: str, before_navigation: bool = False) -> Iterator[None]:
    """Whatever goes wrong inside ends the run with a clear, translated panel, never
    with the framework's bare "This app has encountered an error".

    ``before_navigation``: the run ends before ``st.navigation``, where Streamlit
    would list the files in ``pages/`` as a sidebar; an empty, hidden navigation
    keeps that away from the panel.
    """
    try:
        yield
    except Exception as error:
        if before_navigation:
            st.navigation(
                [st.Page(_nothing, title=t(lang, "app.name"))], position="hidden"
            )
        if isinstance(error, DataFileError):
            render_data_error(state.problems_with(error), lang)
            st.stop()
        LOG.exception("unexpected error while rendering the page")
        st.error(
            Markdown(f"**{t_md(lang, 'error.unexpected')}**"), icon=":material/error:"
        )
        st.caption(t_md(lang, "error.unexpected_hint"))
        st.stop()


def _nothing() -> None:
    """The page behind the hidden navigation of an error panel."""


def render_data_error(problems: list[DataFileError], lang: str) -> None:
    """One clear panel with the check's report: for each problem which file, which
    line, which field, what was expected; the first few, and how many more."""
    lines = []
    for error in problems[:PROBLEMS_SHOWN]:
        values = message_values(error, lang)
        where = t_md(lang, "error.where", **values)
        lines.append(f"{t_md(lang, error.key, **values)}  \n{where}")
    if len(problems) > PROBLEMS_SHOWN:
        more = len(problems) - PROBLEMS_SHOWN
        lines.append(t_md(lang, "error.more", count=more))
    st.error(
        Markdown(f"**{t_md(lang, 'error.title')}**\n\n" + "\n\n".join(lines)),
        icon=":material/error:",
    )
    st.caption(t_md(lang, "error.hint"))


ROOT = Path(__file__).resolve().parent.parent
PAGES_KEY = "pages"  # this session's st.Page objects, per language


@functools.cache
def favicon() -> str:
    """The favicon as a data URL, read once: given a path, ``st.set_page_config``
    reads the file and registers it as media at every run."""
    data = (ROOT / "static" / "favicon.png").read_bytes()
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


BRIEFING = "briefing"  # the page that draws no frame around itself
# file, title key, icon, URL path ("" for the default page)
PAGES = (
    ("pages/overview.py", "nav.overview", ":material/dashboard:", ""),
    ("pages/itinerary.py", "nav.itinerary", ":material/event:", "itinerary"),
    ("pages/trade.py", "nav.trade", ":material/bar_chart:", "trade"),
    ("pages/sources.py", "nav.sources", ":material/menu_book:", "sources"),
    ("pages/briefing.py", "briefing.title", ":material/slideshow:", BRIEFING),
)


def view_url(chosen: Selection, here: bool = False, embed: bool = False) -> str:
    """The link to this selection, on this page (``here``, for citing) or on the
    overview (for embedding); empty when the browser did not say where the app
    lives."""
    if not st.context.url:
        return ""
    paths = (url_path for *_, url_path in PAGES)
    return chosen.address(st.context.url, paths, here=here, embed=embed)


def pages(lang: str) -> list:
    """The app's pages, made once per session and language: ``st.Page`` resolves
    its file's real path at every construction, 11 % of a rerun under load
    (profiled for issue 9). Not shared between sessions, because
    ``st.navigation`` marks the page it returns as the one allowed to run."""
    made = st.session_state.setdefault(PAGES_KEY, {})
    if lang not in made:
        made[lang] = [
            st.Page(
                file,
                title=t(lang, title),
                icon=icon,
                url_path=url_path or None,
                default=not url_path,
            )
            for file, title, icon, url_path in PAGES
        ]
    return made[lang]


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
    st.title(md(trip.info.title(lang)))
    st.markdown(trip_dates_line(trip, lang))
    st.caption(delegation_line(trip, lang))
    render_notices(notices, lang)


def render_embedded_header(
    trip: Trip, chosen: Selection, notices: tuple[Notice, ...]
) -> None:
    """In an iframe: the trip's title and dates, small; no delegation line."""
    lang = chosen.lang
    st.subheader(md(trip.info.title(lang)), anchor=False)
    st.caption(trip_dates_line(trip, lang))
    render_notices(notices, lang)


def render_notices(notices: tuple[Notice, ...], lang: str) -> None:
    """One notice for all unknown parameter names, one per value not understood;
    each quotes only a bounded prefix of what the link held."""
    unknown = [notice.param for notice in notices if notice.value is None]
    if unknown:
        names = [t(lang, "notice.quoted", text=name) for name in unknown[:NAMES_SHOWN]]
        if len(unknown) > NAMES_SHOWN:
            names.append(t(lang, "notice.more", count=len(unknown) - NAMES_SHOWN))
        st.warning(
            t_md(
                lang,
                plural_key(lang, "notice.unknown_params", len(unknown)),
                count=len(unknown),
                names=", ".join(names),
            ),
            icon=":material/info:",
        )
    for notice in notices:
        if notice.value is not None:
            st.warning(
                t_md(
                    lang, "notice.unknown_value", param=notice.param, value=notice.value
                ),
                icon=":material/info:",
            )


def render_pickers(trip: Trip, chosen: Selection, names: dict[str, str]) -> None:
    """Trip (when there is more than one), stop, theme and language: frame
    widgets, so they keep state across pages."""
    lang = chosen.lang
    state.sync_pickers(chosen)
    with st.container(horizontal=True, key="pickers", vertical_alignment="bottom"):
        if len(state.listed_trips()) > 1:
            titles = state.trip_titles(lang)
            st.selectbox(
                t_md(lang, "picker.trip"),
                options=list(titles),
                format_func=titles.__getitem__,  # plain text, like all options
                key=state.TRIP_PICKER,
                on_change=state.on_trip_picked,
                width="stretch",
            )
        st.selectbox(
            t_md(lang, "picker.stop"),
            options=[state.ALL, *names],
            # Options of a selectbox are plain text, not Markdown.
            format_func=lambda stop_id: (
                names.get(stop_id) or t(lang, "picker.all_stops")
            ),
            key=state.STOP_PICKER,
            on_change=state.on_stop_picked,
            width="stretch",
        )
        if trip.themes:  # an earlier trip may have none
            st.segmented_control(
                t_md(lang, "picker.theme"),
                options=list(trip.theme_ids),
                format_func=lambda theme: md(trip.theme_name(theme, lang)),
                key=state.THEME_PICKER,
                on_change=state.on_theme_picked,
            )
        st.segmented_control(
            t_md(lang, "picker.lang"),
            options=list(LANGS),
            format_func=lambda code: md(t(code, "lang.name")),
            required=True,
            key=state.LANG_PICKER,
            on_change=state.on_lang_picked,
        )


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


def trip_dates_line(trip: Trip, lang: str) -> Markdown:
    """What was announced and what was added later, each with its source."""
    announced = [leg for leg in trip.legs if leg.status == "announced"]
    parts = []
    if announced:
        parts.append(
            t_md(
                lang,
                "app.announced",
                dates=format_day_range(*trip_window(announced), lang),
                sources=source_list(trip, (leg.source_id for leg in announced), lang),
            )
        )
    for leg in (leg for leg in trip.legs if leg.status == "reported"):
        parts.append(
            t_md(
                lang,
                "app.reported_leg" if announced else "app.reported_only",
                dates=format_day_range(leg.date_start, leg.date_end, lang),
                country=country_name(leg.country, lang),
                sources=source_list(trip, [leg.source_id], lang),
            )
        )
    return md_join(" · ", parts)
