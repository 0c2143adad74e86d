"""AppTest helpers: run the real entry file, then the page, like a browser would.

AppTest (Streamlit 1.67) drops the entry file's elements (title, pickers) from its
tree on every run after the first when the app uses ``st.navigation``; a two-file
app shows it. So frame elements are checked on a first run, and later runs are
checked through the page's own elements and session state. The browser tests in
tests/e2e check the frame after interactions.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.factory import SHAPES, write_trips
from trip.text import WORD_JOINER

ROOT = Path(__file__).resolve().parents[2]
PAGES = {
    "overview": "pages/overview.py",
    "itinerary": "pages/itinerary.py",
    "trade": "pages/trade.py",
    "sources": "pages/sources.py",
    "briefing": "pages/briefing.py",
}


@pytest.fixture(scope="session")
def shapes_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A trips folder of the factory's shapes (tests/factory/ ``SHAPES``), with no
    bundled trip in it: written once, read by the tests that serve or load them."""
    return write_trips(tmp_path_factory.mktemp("shapes") / "trips", *SHAPES)


def query_param(at: AppTest, name: str) -> str | None:
    """The last value of a URL parameter as the app left it."""
    value = at.query_params.get(name)
    return value[-1] if isinstance(value, list) else value


def open_app(
    page: str = "overview", context: dict | None = None, **params: str
) -> AppTest:
    """Open the app at ``page`` with query parameters, as a deep link would;
    ``context`` is what the browser tells ``st.context`` (url, is_embedded)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.context.update(context or {})
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    if page != "overview":
        at.switch_page(PAGES[page])
        at.run()
    return at


def as_read(markdown: str) -> str:
    """Markdown source as a reader sees its text: backslash escapes resolved and
    the invisible word joiners (``trip.text.md``) gone."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace(WORD_JOINER, "")


def page_text(at: AppTest) -> str:
    """Every text the page shows, as read: Markdown, captions, headings, buttons,
    alerts, tables. The frame's style sheet (a Markdown element too) is not text."""
    parts = [m.value for m in at.markdown if not m.value.startswith("<style>")]
    parts += [c.value for c in at.caption]
    parts += [h.value for h in (*at.title, *at.header, *at.subheader)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [b.label for b in at.button]
    parts += [a.value for a in (*at.warning, *at.error, *at.info)]
    parts += [c.value for c in at.code]
    parts += [table.value.to_csv() for table in at.table]
    return as_read("\n".join(parts))
