"""The app in a real browser, offline: map, selection, deep links, accessibility."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect
from streamlit.proto.BackMsg_pb2 import BackMsg

from harness.browser import FIRST_RUN_MS, Visit
from harness.page import COLUMNS_PAST_THE_EDGE, MAP_FRAME
from harness.servers import serve_app
from tests.e2e.conftest import VIEWPORTS, visiting
from trip.loading import load_trip
from trip.stops import summarize
from trip.timeline import row_of
from trip.trade import trade_charts

pytestmark = pytest.mark.e2e
AXE = Path(__file__).parent / "vendor" / "axe-core-4.11.0" / "axe.min.js"
_TRIP = load_trip()
SEOUL_ROW = row_of(_TRIP, summarize(_TRIP), "seoul")

PAGES = {
    "overview": "/",
    "itinerary": "/itinerary",
    "trade": "/trade",
    "sources": "/sources",
    "briefing": "/briefing",
    "embed": "/?embed=true&stop=ulsan",
}


# Every page at the desktop and the tablet (touch); at the landscape tablet, a
# small desktop layout (no touch), the pages whose layout changes with the
# width; the embed at one size (test_screens.py puts it in frames of three).
SCREENS = [
    (viewport, name)
    for viewport in ("desktop", "tablet")
    for name in PAGES
    if name != "embed" or viewport == "tablet"
] + [("landscape", "overview"), ("landscape", "itinerary"), ("landscape", "trade")]


@pytest.mark.parametrize(
    ("visit", "name"), SCREENS, ids=[f"{v}-{n}" for v, n in SCREENS], indirect=["visit"]
)
def test_every_page_renders_offline_with_no_serious_accessibility_violation(
    visit: Visit, name: str
):
    """Each page, loaded once: it renders with nothing off the machine and no
    error (the map: every marker and the land, from our own files), and axe
    finds nothing serious or critical in it."""
    page = visit.open(PAGES[name])
    if name in ("overview", "embed"):
        frame = visit.map_frame()
        expect(frame.locator(".stop-marker")).to_have_count(6, timeout=20_000)
        for number in range(1, 7):
            expect(frame.locator(".stop-marker", has_text=str(number))).to_be_visible()
        # Natural Earth country shapes (fetched from our static files), the route
        expect(frame.locator(".leaflet-overlay-pane path").nth(60)).to_be_attached()
    if name not in ("embed", "briefing"):  # the deck and the embed: no header
        expect(page.locator("h1")).to_have_count(1)
    width = (page.viewport_size or {"width": 0})["width"]
    assert page.evaluate(COLUMNS_PAST_THE_EDGE, width) == [], "a panel is off screen"
    visit.screenshot(name)
    visit.assert_clean()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in nodes[:3]]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical") and (nodes := v["nodes"])
    ]
    assert not serious, "\n".join(serious)


def test_cjk_glyphs_come_from_our_own_font(desktop: Visit):
    page = desktop.open("/")
    ranges = page.evaluate(
        """async () => (await document.fonts.load('16px "Source Sans"', '東京서울新竹'))
            .map(face => face.unicodeRange)"""
    )
    assert any("U+2E80" in unicode_range.upper() for unicode_range in ranges)
    desktop.assert_clean()


def test_clicking_a_marker_selects_the_stop(desktop: Visit):
    page = desktop.open("/")
    marker = desktop.map_frame().locator(".stop-marker", has_text="4")
    marker.click()
    page.wait_for_url("**stop=seoul**", timeout=20_000)
    desktop.settle()
    expect(page.get_by_role("button", name="4 Seoul")).to_have_attribute(
        "data-testid", "stBaseButton-primary"
    )
    expect(
        page.get_by_text("Kooperationsforum in Seoul Dragon City", exact=False)
    ).to_be_visible()
    page.get_by_role("link", name="Reiseplan").click()
    page.wait_for_url("**/itinerary**")
    desktop.settle()
    expect(page.locator('[class*="st-key-card-seoul-selected"]')).to_be_visible()
    desktop.assert_clean()


def map_clicked(run) -> bool:
    """Whether a rerun request carries a marker click the map reported."""
    for widget in run.widget_states.widgets:
        if widget.json_value:
            value = json.loads(widget.json_value)
            if isinstance(value, dict) and value.get("last_object_clicked"):
                return True
    return False


def test_first_load_runs_the_script_once(browser, app_url):
    """Regression (issue 9): st_folium's frontend counted clicks from 0 against a
    default of None, reported the difference after mounting, and so every first
    load ran the script twice. Marker clicks must still reach Python.

    The map reports 250 ms (its debounce) after the last change it saw; the
    test runs the page's clocks past that, so that report, if any, is sent
    before a marker click's. The click's run is then the next one that could
    carry it: the runs sent before it are the first load's alone."""
    with visiting(browser, app_url, VIEWPORTS["desktop"]) as visit:
        sent: list[BackMsg] = []

        def listen(socket) -> None:
            socket.on("framesent", lambda data: sent.append(BackMsg.FromString(data)))

        visit.page.on("websocket", listen)
        visit.page.clock.install()  # time flows as usual, and the test may run it on
        page = visit.open("/")
        frame = visit.map_frame()
        expect(frame.locator(".stop-marker")).to_have_count(6, timeout=20_000)
        expect(frame.locator(".leaflet-overlay-pane path").nth(60)).to_be_attached()
        # Every timer the page and its frames have set fires, in order: the
        # map's debounced report among them.
        page.clock.run_for(1_000)
        for number, stop in (("2", "sendai"), ("3", "nagoya"), ("2", "sendai")):
            frame.locator(".stop-marker", has_text=number).click()
            page.wait_for_url(f"**stop={stop}**", timeout=20_000)
            visit.settle()
        runs = [m.rerun_script for m in sent if m.WhichOneof("type") == "rerun_script"]
        clicks = [index for index, run in enumerate(runs) if map_clicked(run)]
        assert clicks, "no marker click reached Python"
        # The first load's run, then the click's: nothing in between.
        assert clicks[0] == 1, f"{clicks[0]} runs before the first click's, not 1"
        visit.assert_clean()


def test_clicking_a_timeline_row_selects_the_stop(desktop: Visit):
    page = desktop.open("/")
    chart = page.get_by_test_id("stVegaLiteChart").first
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None
    # Rows are 34 px high in trip order, each country's row without a stop above
    # its stops. 80 % of the width is 19 September, inside the Korea window bar.
    page.mouse.click(box["x"] + box["width"] * 0.8, box["y"] + 34 * (SEOUL_ROW + 0.5))
    page.wait_for_url("**stop=seoul**", timeout=20_000)
    desktop.settle()
    expect(desktop.map_frame().locator('.stop-marker[data-stop="seoul"]')).to_have_css(
        "width", "52px", timeout=20_000
    )
    desktop.assert_clean()


def test_selecting_outside_the_map_keeps_the_map_mounted(desktop: Visit):
    page = desktop.open("/")
    iframe = page.locator(MAP_FRAME)
    expect(desktop.map_frame().locator(".stop-marker")).to_have_count(6, timeout=20_000)
    handle = iframe.element_handle()
    content = handle.content_frame()
    content.evaluate("window.__mountTag = 'first'")
    container = content.evaluate_handle("document.querySelector('.leaflet-container')")
    page.get_by_role("button", name="3 Nagoya").click()
    page.wait_for_url("**stop=nagoya**")
    desktop.settle()
    expect(desktop.map_frame().locator('.stop-marker[data-stop="nagoya"]')).to_have_css(
        "width", "52px", timeout=20_000
    )
    same_frame = page.locator(MAP_FRAME).element_handle().content_frame()
    assert same_frame.evaluate("window.__mountTag") == "first"
    assert same_frame.evaluate(
        "node => node === document.querySelector('.leaflet-container')", container
    )
    desktop.assert_clean()


def test_deep_link_opens_ulsan_in_english(tablet: Visit):
    page = tablet.open("/?stop=ulsan&lang=en")
    expect(page.locator("h1")).to_contain_text("Saxon business delegation")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(tablet.map_frame().locator('.stop-marker[data-stop="ulsan"]')).to_have_css(
        "width", "52px", timeout=20_000
    )
    expect(page.get_by_role("button", name="5 Ulsan")).to_have_attribute(
        "data-testid", "stBaseButton-primary"
    )
    expect(
        tablet.map_frame().locator(".leaflet-overlay-pane path").nth(60)
    ).to_be_attached()
    tablet.screenshot("deeplink-ulsan-en")
    tablet.assert_clean()


def test_first_visit_to_a_subpage_on_a_fresh_server_gets_the_frame(browser):
    """Regression: streamlit/streamlit#9624 - a deep link as a new server's first
    request ran pages/trade.py without app.py (no navigation, wrong language)."""
    with serve_app() as url, visiting(browser, url, VIEWPORTS["desktop"]) as visit:
        page = visit.open("/trade?lang=en", FIRST_RUN_MS)
        expect(page.locator("h1")).to_contain_text("Saxon business delegation")
        expect(page.get_by_role("link", name="Overview")).to_be_visible()
        expect(page.get_by_text("Exports to Japan and South Korea")).to_be_visible()
        visit.assert_clean()


def test_chart_figures_stand_as_text(desktop: Visit):
    page = desktop.open("/trade?lang=en")
    tables = page.get_by_test_id("stTable")
    expect(tables).to_have_count(len(trade_charts(load_trip())))  # one per chart
    for figure in ("€851 million", "€1.16 billion", "€809.1 million", "€842 million"):
        expect(tables.get_by_text(figure, exact=True).first).to_be_visible()
    page = desktop.open("/?lang=en")
    text = page.locator("body").inner_text()
    for stop in ("1 · Tokyo (東京) — announced 10–16 Sept", "6 · Hsinchu (新竹)"):
        assert stop in text  # the map as text, visible without a click


def test_itinerary_jumps_to_the_selected_stop_on_a_tablet(tablet: Visit):
    page = tablet.open("/itinerary?stop=ulsan&lang=en")
    heading = page.locator("#stop-ulsan")
    expect(heading).not_to_be_in_viewport()
    page.get_by_role("link", name="Go to the selected stop").tap()
    expect(heading).to_be_in_viewport()
    expect(page.locator('[class*="st-key-card-ulsan-selected"]')).to_be_visible()
    tablet.screenshot("itinerary-ulsan-en")
    tablet.assert_clean()


def test_unknown_parameter_shows_a_notice(desktop: Visit):
    page = desktop.open("/?stop=atlantis")
    expect(page.get_by_text("atlantis", exact=False)).to_be_visible()
    desktop.assert_clean()


def test_markers_are_reachable_by_keyboard(desktop: Visit):
    desktop.open("/")
    markers = desktop.map_frame().locator(".leaflet-marker-icon")
    expect(markers).to_have_count(6, timeout=20_000)
    for index in range(6):
        marker = markers.nth(index)
        assert marker.get_attribute("tabindex") == "0"
        assert marker.get_attribute("title")


def test_enter_on_a_focused_marker_selects_it(desktop: Visit):
    page = desktop.open("/")
    marker = desktop.map_frame().locator('.leaflet-marker-icon[title^="2 "]')
    expect(marker).to_have_count(1, timeout=20_000)
    marker.focus()
    marker.press("Enter")
    page.wait_for_url("**stop=sendai**", timeout=20_000)
    desktop.settle()
    expect(page.get_by_role("button", name="2 Sendai")).to_have_attribute(
        "data-testid", "stBaseButton-primary"
    )


def test_tapping_a_marker_on_a_tablet_selects_it(tablet: Visit):
    page = tablet.open("/?lang=en")
    marker = tablet.map_frame().locator(".stop-marker", has_text="6")
    expect(marker).to_be_visible(timeout=20_000)
    marker.tap()
    page.wait_for_url("**stop=hsinchu**", timeout=20_000)
    tablet.settle()
    expect(
        page.get_by_text("The sources give no trade figures for Taiwan.")
    ).to_be_visible()
    tablet.assert_clean()


FOCUS_RING = """() => {
    const focused = document.activeElement;
    if (!focused || focused === document.body || focused.tagName === 'IFRAME') {
        return null;  // frames draw their own rings
    }
    for (let node = focused, up = 0; node && up < 4; node = node.parentElement, up++) {
        const style = getComputedStyle(node);
        const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth);
        if (ring || style.boxShadow !== 'none') return true;
    }
    return `${focused.tagName} "${(focused.innerText || focused.ariaLabel || '')
        .trim().slice(0, 40)}"`;
}"""


def test_keyboard_focus_is_always_visible(desktop: Visit):
    """WCAG 2.4.7: stepping through the overview with Tab, every control shows
    where the focus is (regression: navigation links and the stop picker did not)."""
    page = desktop.open("/?lang=en")
    unseen = []
    for _ in range(30):
        page.keyboard.press("Tab")
        found = page.evaluate(FOCUS_RING)
        if isinstance(found, str):
            unseen.append(found)
    assert not unseen, unseen
