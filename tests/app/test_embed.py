"""Embeds (issue 11): ``?embed=true`` shows the map and the selection without the
frame's pickers; the sources page offers an ``<iframe>`` of the current view."""

from __future__ import annotations

import html
import re

from streamlit.testing.v1 import AppTest

from tests.app.conftest import PAGES, ROOT, as_read, page_text
from tests.conftest import replace_in


def open_embedded(page: str = "overview", url: str = "", **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.context["is_embedded"] = True
    if url:
        at.context["url"] = url
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    if page != "overview":
        at.switch_page(PAGES[page])
        at.run()
    return at


def test_the_embed_shows_the_map_and_the_selection_without_pickers():
    at = open_embedded(url="https://example.org/", stop="ulsan", lang="en")
    assert not at.exception
    assert not at.error
    assert not at.selectbox  # no trip or stop picker
    assert not at.segmented_control  # no theme or language picker
    assert len(at.get("component_instance")) == 1  # the map
    assert not at.get("vega_lite_chart")  # no timeline, no trade charts
    text = page_text(at)
    assert "Ulsan City Hall" in text  # the selected stop's programme
    assert "[Open in the full dashboard](https://example.org/?lang=en&stop=ulsan)" in (
        text
    )


def test_a_normal_visit_keeps_the_frame():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert at.selectbox(key="stop_picker")
    assert len(at.get("vega_lite_chart")) >= 1


def snippet(at: AppTest) -> str:
    (code,) = [c.value for c in at.code if c.value.startswith("<iframe")]
    return code


def test_the_sources_page_offers_the_view_as_an_iframe():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.context["url"] = "https://dashboard.example.org/sources"
    at.query_params["stop"] = "seoul"
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page(PAGES["sources"])
    at.run()
    frame = snippet(at)
    src = html.unescape(re.search(r'src="([^"]*)"', frame).group(1))
    assert src == "https://dashboard.example.org/?lang=en&stop=seoul&embed=true"
    assert 'title="Saxon business delegation: Japan and South Korea 2023"' in frame
    assert 'width="100%"' in frame
    assert "Embed this view" in page_text(at)


def test_the_iframe_escapes_the_trip_s_title(data_copy, monkeypatch):
    replace_in(
        data_copy / "trip.csv",
        "Saxon business delegation",
        "'><script>alert(1)</script>",
    )
    monkeypatch.setenv("TRIP_DATA_DIR", str(data_copy))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page(PAGES["sources"])
    at.run()
    frame = snippet(at)
    assert "<script>" not in frame
    assert 'title="&#x27;&gt;&lt;script&gt;alert(1)&lt;/script&gt;' in frame
    assert as_read(frame).count("<iframe") == 1
