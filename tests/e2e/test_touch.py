"""Tablets: every control a finger can hit is at least 44 x 44 px (WCAG 2.5.5), on
every page, in the map too; nothing is wider than the screen."""

from __future__ import annotations

import pytest

from harness.browser import Visit

pytestmark = pytest.mark.e2e
PAGES = ("/?stop=tokyo", "/itinerary?stop=tokyo", "/trade", "/sources", "/briefing")
# Controls, and where a control is visually hidden (a toggle's checkbox), the label
# that takes the tap for it.
SMALL_TARGETS = """() => {
    const controls = 'a[href], button, input:not([type=hidden]), select, textarea,'
        + ' summary, [role=button], [role=radio], [role=switch], [role=checkbox],'
        + ' [role=tab], [role=option], [role=combobox],'
        + ' [tabindex]:not([tabindex="-1"])';
    const clipped = (node) => {
        for (let up = node; up; up = up.parentElement) {
            if (getComputedStyle(up).clipPath.startsWith('inset(50%')) return true;
        }
        return false;
    };
    const small = [];
    for (let node of document.querySelectorAll(controls)) {
        if (node.dataset.testid === 'stSkipToContent') continue;  // measured focused
        if (clipped(node)) {
            node = node.closest('label');
            if (!node) continue;
        }
        const box = node.getBoundingClientRect();
        const style = getComputedStyle(node);
        if (!box.width || !box.height || style.visibility === 'hidden') continue;
        if (box.width < 44 || box.height < 44) {
            const name = (node.innerText || node.getAttribute('aria-label') || '')
                .trim().slice(0, 40);
            small.push(`${node.tagName} ${Math.round(box.width)}x`
                + `${Math.round(box.height)} "${name}"`);
        }
    }
    return small;
}"""


@pytest.mark.parametrize("path", PAGES)
def test_every_control_is_big_enough_for_a_finger(tablet: Visit, path):
    page = tablet.open(path)
    # On the overview, measure the map's controls, not their absence.
    if path.startswith("/?"):
        tablet.map_frame().locator(".leaflet-control-zoom-in").wait_for()
    small = page.evaluate(SMALL_TARGETS)
    for frame in page.frames[1:]:
        small += [f"in a frame: {target}" for target in frame.evaluate(SMALL_TARGETS)]
    assert not small, "\n".join(small)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 820, f"the page is {width} px wide on an 820 px screen"
    tablet.assert_clean()


def test_skip_link_is_big_enough_when_focused(tablet: Visit):
    page = tablet.open("/")
    page.keyboard.press("Tab")
    link = page.get_by_test_id("stSkipToContent")
    box = link.bounding_box()
    assert box is not None
    assert box["width"] >= 44
    assert box["height"] >= 44


def test_map_buttons_are_big_enough_before_leaflet_css_arrives(tablet: Visit):
    """st_folium links leaflet.css only after Leaflet's scripts ran, so on a slow
    venue network the map is drawn before that sheet applies; the zoom buttons
    must take a finger from the first paint, not once the sheet is there."""
    tablet.page.route("**/leaflet.css", lambda route: route.abort())
    tablet.open("/?stop=tokyo")
    zoom = tablet.map_frame().locator(".leaflet-control-zoom-in")
    zoom.wait_for()
    box = zoom.bounding_box()
    assert box is not None
    assert box["width"] >= 44
    assert box["height"] >= 44
