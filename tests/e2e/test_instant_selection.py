"""Issue 9: a pick shows in the browser before Python answers. The server's
messages are held back from the click on (``Relay``), so what the page shows
meanwhile cannot come from Python; then Python's answer confirms it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from harness.browser import Visit
from harness.page import FLASH, MAP_FRAME, PLOT_LEFT
from tests.e2e.conftest import Relay, until_seen
from trip.loading import load_trip
from trip.stops import summarize
from trip.timeline import row_of

pytestmark = pytest.mark.e2e
_TRIP = load_trip()
SEOUL_ROW = row_of(_TRIP, summarize(_TRIP), "seoul")

INSTANT_SELECTED = """() => [
    ...document.querySelectorAll('.stop-marker.instant-selected')
].map(node => node.dataset.stop)"""


def test_a_marker_click_shows_at_once_then_python_confirms(desktop: Visit):
    """Issue 9: the map draws the clicked stop selected in its own frame before the
    round trip to Python; the new marker layer then confirms it, in the same frame.
    The server's messages are held back from the click on: the stop shows
    selected while Python's whole answer waits, so it cannot come from Python."""
    relay = Relay(desktop.page)
    page = desktop.open("/")
    marker = desktop.map_frame().locator('.stop-marker[data-stop="sendai"]')
    expect(marker).to_be_visible(timeout=20_000)
    frame = page.locator(MAP_FRAME).element_handle().content_frame()
    frame.evaluate("window.__mountTag = 'first'")
    relay.hold()
    marker.click()
    until_seen(page, lambda: relay.held_answer("stop=sendai"), "Python's answer, held")
    assert frame.evaluate(INSTANT_SELECTED) == ["sendai"]
    assert "stop=sendai" not in page.url
    relay.release()
    page.wait_for_url("**stop=sendai**")
    desktop.settle()
    expect(marker).to_have_css("width", "52px", timeout=20_000)
    expect(desktop.map_frame().locator(".instant-selected")).to_have_count(0)
    assert frame.evaluate("window.__mountTag") == "first"
    desktop.assert_clean()


def test_a_timeline_click_outlines_the_row_before_python_answers(desktop: Visit):
    """Issue 9: the chart outlines the clicked row itself. The server's messages
    are held back from the click on: the row is outlined while Python's whole
    answer waits, so the outline cannot come from Python."""
    relay = Relay(desktop.page)
    page = desktop.open("/")
    chart = page.get_by_test_id("stVegaLiteChart").first
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None
    assert page.evaluate(FLASH) == 0
    relay.hold()
    # Seoul's row (34 px each), just inside the plot's left edge, days before its
    # bars start: the row, not a bar. The left edge is where the row rectangles
    # start (they span the plot), measured, as the labels' width varies.
    left = page.evaluate(PLOT_LEFT)
    page.mouse.click(left + 4, box["y"] + 34 * (SEOUL_ROW + 0.5))
    page.wait_for_function(f"() => ({FLASH})() === 1")
    until_seen(page, lambda: relay.held_answer("stop=seoul"), "Python's answer, held")
    assert page.evaluate(FLASH) == 1
    assert "stop=seoul" not in page.url
    relay.release()
    page.wait_for_url("**stop=seoul**", timeout=20_000)
    desktop.settle()
    expect(desktop.map_frame().locator('.stop-marker[data-stop="seoul"]')).to_have_css(
        "width", "52px", timeout=20_000
    )
    desktop.assert_clean()
