"""The frame's layout on a small laptop and a tablet: the pickers take one row where
the screen has room for it, so the map starts high enough to be seen; where they
wrap, no picker gets too narrow to read its choice."""

from __future__ import annotations

import pytest

from harness.page import MAP_FRAME
from tests.e2e.conftest import visiting

pytestmark = pytest.mark.e2e
# Every picker's box, in the order shown (a row aligns them at the bottom).
PICKERS = """() => [...document.querySelector('.st-key-pickers').children].map(
    (node) => {
        const box = node.getBoundingClientRect();
        return {bottom: Math.round(box.bottom), width: Math.round(box.width)};
    })"""

# Boxes are measured once the page's fonts have loaded (a fallback font's labels
# are wider) and, for the map, once its frame has its height: on two busy cores
# the frame was measured still 0 px high, 18 px lower (harness.page.MAP_SIZED).
FONTS_LOADED = "async () => { await document.fonts.ready; }"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_at_1280_the_pickers_take_one_row_and_the_map_starts_high(
    browser, app_url, lang
):
    with visiting(browser, app_url, {"width": 1280, "height": 720}) as visit:
        page = visit.open(f"/?lang={lang}")
        page.evaluate(FONTS_LOADED)
        visit.map_sized()
        pickers = page.evaluate(PICKERS)
        assert len(pickers) == 4  # trip, stop, theme, language
        assert len({box["bottom"] for box in pickers}) == 1, pickers
        # The map's upper half above the fold: it was 90 px lower with two rows.
        map_top = page.locator(MAP_FRAME).bounding_box()["y"]
        assert map_top < 720 / 2, map_top
        visit.assert_clean()


def test_at_820_the_pickers_wrap_but_stay_readable(browser, app_url):
    with visiting(browser, app_url, {"width": 820, "height": 1180}) as visit:
        page = visit.open("/?lang=en")
        page.evaluate(FONTS_LOADED)
        trip, stop, *rest = page.evaluate(PICKERS)
        assert trip["bottom"] == stop["bottom"] < rest[0]["bottom"]
        assert min(trip["width"], stop["width"]) >= 240, (trip, stop)
        visit.assert_clean()
