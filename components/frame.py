"""The frame every page shares: the pages and their URLs, the tab's icon and
the style sheet. The header is ``components.header``'s, the pickers
``components.pickers``', the error panel ``components.error_panel``'s."""

from __future__ import annotations

import base64
import functools
from pathlib import Path

import streamlit as st

from trip.deeplinks import Selection
from trip.i18n import t

STATIC = Path(__file__).resolve().parent.parent / "static"
PAGES_KEY = "pages"  # this session's st.Page objects, per language


@functools.cache
def favicon() -> str:
    """The favicon as a data URL, read once: given a path, ``st.set_page_config``
    reads the file and registers it as media at every run."""
    data = (STATIC / "favicon.png").read_bytes()
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


STYLE = "\n".join(
    (STATIC / name).read_text("utf-8") for name in ("hold.css", "app.css")
)


def apply_style() -> None:
    """The app's style sheet, as the page's first Markdown: Markdown is the code
    Streamlit loads first (the title needs it), ``st.html``'s comes after the
    first grey bars have been drawn. ``static/hold.css`` opens the page body
    once it is drawn whole."""
    st.markdown(f"<style>{STYLE}</style>", unsafe_allow_html=True)
