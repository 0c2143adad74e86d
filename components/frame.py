"""The frame around every page: title, the three pickers, URL notices, data errors."""

from __future__ import annotations

import base64
import functools
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st

from components import data, selection
from components.labels import source_list
from trip.aggregate import Trip, trip_window
from trip.deeplinks import Notice, Selection
from trip.errors import DataFileError
from trip.formatting import country_name, format_day_range, format_names
from trip.i18n import LANGS, catalog, plural_key, t, t_md
from trip.messages import message_values
from trip.text import Markdown, js_json, md, md_join

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
            render_data_error(data.problems_with(error), lang)
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


STATIC = Path(__file__).parents[1] / "static"
STYLE = "\n".join(
    (STATIC / name).read_text("utf-8") for name in ("hold.css", "app.css")
)


def apply_style() -> None:
    """The app's style sheet, as the page's first Markdown: Markdown is the code
    Streamlit loads first (the title needs it), ``st.html``'s comes after the
    first grey bars have been drawn. ``static/hold.css`` opens the page body
    once it is drawn whole."""
    st.markdown(f"<style>{STYLE}</style>", unsafe_allow_html=True)


def set_document_language(lang: str) -> None:
    """Streamlit serves ``<html lang="en">`` whatever the content; screen readers need
    the real language (WCAG 3.1.1). Workaround for streamlit/streamlit#15726.

    Streamlit's own strings (the skip link, "Link to heading", its toolbars and
    status) are English only: the same script puts the catalog's words in their
    place, as text and in ``aria-label``/``title``, now and whenever Streamlit
    draws them again. Workaround for streamlit/streamlit#1353 (no i18n)."""
    words = framework_words(lang)
    st.html(
        "<script>"
        f"document.documentElement.lang = {js_json(lang)};"
        f"window.__tripWords = {js_json(words)};"
        f"{TRANSLATE_FRAMEWORK}"
        "</script>",
        unsafe_allow_javascript=True,
        width="content",
    )


def framework_words(lang: str) -> dict[str, str]:
    """Streamlit's English strings -> the reader's language (none for English)."""
    english, own = catalog("en"), catalog(lang)
    keys = [key for key in english if key.startswith("framework.")]
    return {english[key]: own[key] for key in keys if english[key] != own[key]}


# Installed once per page; each run hands it the current language's words.
TRANSLATE_FRAMEWORK = """
(function () {
  function swap(node) {
    var words = window.__tripWords || {};
    if (node.nodeType === 3) {
      var text = node.nodeValue.trim();
      if (words[text]) { node.nodeValue = node.nodeValue.replace(text, words[text]); }
      return;
    }
    if (node.nodeType !== 1) { return; }
    ["aria-label", "title"].forEach(function (name) {
      var value = node.getAttribute(name);
      if (value && words[value]) { node.setAttribute(name, words[value]); }
    });
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_ALL);
    for (var next = walker.nextNode(); next; next = walker.nextNode()) {
      if (next.nodeType === 3) { swap(next); }
      else if (next.nodeType === 1) {
        ["aria-label", "title"].forEach(function (name) {
          var value = next.getAttribute(name);
          if (value && words[value]) { next.setAttribute(name, words[value]); }
        });
      }
    }
  }
  swap(document.body);
  if (window.__tripWordsObserver) { return; }
  window.__tripWordsObserver = new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      if (change.type === "childList") { change.addedNodes.forEach(swap); }
      else { swap(change.target); }
    });
  });
  window.__tripWordsObserver.observe(document.body, {
    subtree: true, childList: true, characterData: true,
    attributes: true, attributeFilter: ["aria-label", "title"]
  });
})();
"""


def render_header(trip: Trip, chosen: Selection, notices: tuple[Notice, ...]) -> None:
    """The title and one dateline; the dateline's sources one tap away."""
    lang = chosen.lang
    st.title(md(trip.info.title(lang)))
    st.markdown(dateline(trip, lang), help=trip_dates_line(trip, lang))
    render_notices(notices, lang)


def render_embedded_header(
    trip: Trip, chosen: Selection, notices: tuple[Notice, ...]
) -> None:
    """In an iframe: the trip's title and dateline on one line (cut to the
    frame's width); the credit line below the map names the sources."""
    lang = chosen.lang
    with st.container(key="embed-title"):
        st.markdown(
            Markdown(f"**{md(trip.info.title(lang))}** · {dateline(trip, lang)}")
        )
    render_notices(notices, lang)


def render_notices(notices: tuple[Notice, ...], lang: str) -> None:
    """Everything a link could not honour in one box: one line for all unknown
    parameter names, one per value not understood; each quotes only a bounded
    prefix of what the link held."""
    lines = []
    unknown = [notice.param for notice in notices if notice.value is None]
    if unknown:
        names = [t(lang, "notice.quoted", text=name) for name in unknown[:NAMES_SHOWN]]
        if len(unknown) > NAMES_SHOWN:
            names.append(t(lang, "notice.more", count=len(unknown) - NAMES_SHOWN))
        lines.append(
            t_md(
                lang,
                plural_key(lang, "notice.unknown_params", len(unknown)),
                count=len(unknown),
                names=", ".join(names),
            )
        )
    lines += [
        t_md(
            lang,
            "notice.gone" if notice.gone else "notice.unknown_value",
            param=notice.param,
            value=notice.value,
        )
        for notice in notices
        if notice.value is not None
    ]
    if lines:
        st.warning(Markdown("  \n".join(lines)), icon=":material/info:")


def render_pickers(trip: Trip, chosen: Selection, names: dict[str, str]) -> None:
    """Trip (when there is more than one), stop, theme and language: frame
    widgets, so they keep state across pages."""
    lang = chosen.lang
    selection.sync_pickers(chosen)
    with st.container(horizontal=True, key="pickers", vertical_alignment="bottom"):
        if len(data.listed_trips()) > 1:
            titles = data.trip_titles(lang)
            st.selectbox(
                t_md(lang, "picker.trip"),
                options=list(titles),
                format_func=titles.__getitem__,  # plain text, like all options
                key=selection.TRIP_PICKER,
                on_change=selection.on_trip_picked,
                width="stretch",
            )
        st.selectbox(
            t_md(lang, "picker.stop"),
            options=[selection.ALL, *names],
            # Options of a selectbox are plain text, not Markdown.
            format_func=lambda stop_id: (
                names.get(stop_id) or t(lang, "picker.all_stops")
            ),
            key=selection.STOP_PICKER,
            on_change=selection.on_stop_picked,
            width="stretch",
        )
        if trip.themes:  # an earlier trip may have none
            st.segmented_control(
                t_md(lang, "picker.theme"),
                options=list(trip.theme_ids),
                format_func=lambda theme: md(trip.theme_name(theme, lang)),
                key=selection.THEME_PICKER,
                on_change=selection.on_theme_picked,
            )
        st.segmented_control(
            t_md(lang, "picker.lang"),
            options=list(LANGS),
            format_func=lambda code: md(t(code, "lang.name")),
            required=True,
            key=selection.LANG_PICKER,
            on_change=selection.on_lang_picked,
        )


def dateline(trip: Trip, lang: str) -> Markdown:
    """'10.–20. September 2023 · Japan und Südkorea · Taiwan 21. September 2023:
    nach der Ankündigung hinzugekommen': when and where, announced apart from
    what was added; one line, its sources in ``trip_dates_line``."""
    return _dates(trip, lang, DATELINE)


def trip_dates_line(trip: Trip, lang: str) -> Markdown:
    """What was announced and what was added later, each with its source."""
    return _dates(trip, lang, CITED)


# The messages for the announced window, a leg added to it, a leg only reported.
DATELINE = ("app.dateline", "app.dateline_added", "app.dateline_reported")
CITED = ("app.announced", "app.reported_leg", "app.reported_only")


def _dates(trip: Trip, lang: str, keys: tuple[str, str, str]) -> Markdown:
    """The trip's dates in one of two wordings; a message takes the values it
    names (the dateline no sources, the cited line no places)."""
    announced = [leg for leg in trip.legs if leg.status == "announced"]
    parts = []
    if announced:
        places = format_names(
            dict.fromkeys(country_name(leg.country, lang) for leg in announced), lang
        )
        parts.append(
            t_md(
                lang,
                keys[0],
                dates=format_day_range(*trip_window(announced), lang),
                places=places,
                sources=source_list(trip, (leg.source_id for leg in announced), lang),
            )
        )
    for leg in (leg for leg in trip.legs if leg.status == "reported"):
        parts.append(
            t_md(
                lang,
                keys[1] if announced else keys[2],
                dates=format_day_range(leg.date_start, leg.date_end, lang),
                country=country_name(leg.country, lang),
                sources=source_list(trip, [leg.source_id], lang),
            )
        )
    return md_join(" · ", parts)
