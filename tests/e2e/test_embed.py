"""The embed at 600 px (issue 11): Streamlit's ``?embed=true``, the map and the
selection, no pickers and no navigation, a click selects and the URL keeps both."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import visiting

pytestmark = pytest.mark.e2e

EMBED = {"width": 600, "height": 720}


def test_the_embed_fits_600_px_and_a_marker_click_selects(browser, app_url):
    with visiting(browser, app_url, EMBED) as visit:
        page = visit.open("/?embed=true&stop=ulsan&lang=en")
        markers = visit.map_frame().locator(".stop-marker")
        expect(markers).to_have_count(6, timeout=20_000)
        assert page.locator(".st-key-stop_picker").count() == 0
        assert page.locator(".st-key-theme_picker").count() == 0
        assert page.get_by_role("link", name="Itinerary").count() == 0  # no nav
        expect(page.get_by_text("Ulsan City Hall", exact=False)).to_be_visible()
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 0
        frame = page.locator('iframe[title="streamlit_folium.st_folium"]')
        assert frame.bounding_box()["width"] <= 600
        visit.map_frame().locator(".stop-marker", has_text="2").tap()  # a touch context
        page.wait_for_url("**stop=sendai**", timeout=20_000)
        assert "embed=true" in page.url
        visit.settle()
        expect(page.get_by_text("Tohoku University", exact=False)).to_be_visible()
        visit.screenshot("embed")
        visit.assert_clean()
