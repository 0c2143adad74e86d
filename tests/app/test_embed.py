"""Embeds (issue 11): ``?embed=true`` shows the map and the selection without the
frame's pickers; the sources page offers an ``<iframe>`` of the current view. The
app serves tests.factory's EVERY_KIND, alone in its trips folder."""

from __future__ import annotations

import html
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import as_read, open_app, page_text
from tests.conftest import replace_in
from tests.factory import EVERY_KIND, write_trips

TITLE = f"{EVERY_KIND.title} (en)"  # the factory's English title


@pytest.fixture(autouse=True)
def trip_folder(tmp_path, monkeypatch):
    root = write_trips(tmp_path / "trips", EVERY_KIND)
    monkeypatch.setenv("TRIPS_DIR", str(root))
    return root / EVERY_KIND.trip_id


def open_embedded(url: str, **params: str) -> AppTest:
    """The overview as an ``<iframe>`` with Streamlit's ``embed=true`` opens it."""
    return open_app(context={"is_embedded": True, "url": url}, **params)


def test_the_embed_shows_the_map_and_the_selection_without_pickers():
    at = open_embedded(url="https://example.org/", stop="gamma", lang="en")
    assert not at.exception
    assert not at.error
    assert not at.selectbox  # no trip or stop picker
    assert not at.segmented_control  # no theme or language picker
    assert len(at.get("component_instance")) == 1  # the map
    assert not at.get("vega_lite_chart")  # no timeline, no trade charts
    text = page_text(at)
    assert "Item gamma-meeting" in text  # the selected stop's programme
    assert "Item beta-visits" not in text  # not another stop's
    assert "[Open in the full dashboard](https://example.org/?lang=en&stop=gamma)" in (
        text
    )


def test_a_normal_visit_keeps_the_frame():
    at = open_app()
    assert at.selectbox(key="stop_picker")
    assert len(at.get("vega_lite_chart")) >= 1


def snippet(at: AppTest) -> str:
    (code,) = [c.value for c in at.code if c.value.startswith("<iframe")]
    return code


def test_the_sources_page_offers_the_view_as_an_iframe():
    at = open_app(
        "sources",
        context={"url": "https://dashboard.example.org/sources"},
        stop="beta",
        lang="en",
    )
    frame = snippet(at)
    src = html.unescape(re.search(r'src="([^"]*)"', frame).group(1))
    assert src == "https://dashboard.example.org/?lang=en&stop=beta&embed=true"
    assert f'title="{TITLE}"' in frame
    assert 'width="100%"' in frame
    assert "Embed this view" in page_text(at)


def test_the_iframe_escapes_the_trip_s_title(trip_folder):
    replace_in(trip_folder / "trip.csv", TITLE, "'><script>alert(1)</script>")
    at = open_app("sources", lang="en")
    frame = snippet(at)
    assert "<script>alert(1)" not in frame
    assert frame.count("<script>") == 1  # the snippet's own, for the height
    assert 'title="&#x27;&gt;&lt;script&gt;alert(1)&lt;/script&gt;' in frame
    assert as_read(frame).count("<iframe") == 1


def test_under_a_base_path_the_links_keep_it():
    """The app served at /reise/: the embed's link and the snippet go to its
    overview, the citation to the page it is on."""
    at = open_embedded(url="https://example.org/reise", stop="gamma", lang="en")
    assert "(https://example.org/reise/?lang=en&stop=gamma)" in page_text(at)
    at = open_app(
        "sources", context={"url": "https://example.org/reise/sources"}, stop="beta"
    )
    src = html.unescape(re.search(r'src="([^"]*)"', snippet(at)).group(1))
    assert src == "https://example.org/reise/?stop=beta&embed=true"
    (citation,) = [c.value for c in at.code if not c.value.startswith("<iframe")]
    assert "https://example.org/reise/sources?stop=beta" in citation
