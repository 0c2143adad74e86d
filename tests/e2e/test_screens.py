"""Every reader's screen (issue 16), in a real browser with every outside request
blocked: a phone, a tablet tap, and the embed in an article on another origin."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect

from harness.browser import Visit
from harness.page import COLUMNS_PAST_THE_EDGE, DONE, MAP_FRAME
from harness.servers import serve_folder
from tests.e2e.conftest import visiting
from trip.embed import EMBED_HEIGHT, embed_snippet
from trip.i18n import catalog, t

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
# Controls whose box runs past the screen's edge; a row that scrolls sideways
# inside itself (the theme choices on a phone) counts by the row's own box, and a
# closed drawer (Streamlit's navigation on a phone) is off the screen, not past it.
PAST_THE_EDGE = """width => Array.from(document.querySelectorAll(
    'button, input, [role="combobox"], a, [data-testid="stButtonGroup"]'
)).filter(node => {
    const row = node.closest('[data-testid="stButtonGroup"]') || node;
    const box = row.getBoundingClientRect();
    const onScreen = box.right > 0 && box.left < width;  // not a closed drawer
    return box.width && box.height && onScreen
        && (box.right > width + 1 || box.left < -1);
}).map(node => node.tagName + ' ' + (node.innerText || '').slice(0, 30))"""
SCROLL_LEFT = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    return Math.max(document.documentElement.scrollHeight - innerHeight,
                    main.scrollHeight - main.clientHeight);
}"""


@pytest.fixture
def phone(browser, app_url) -> Iterator[Visit]:
    with visiting(browser, app_url, PHONE) as visit:
        yield visit


def test_on_a_phone_the_map_is_in_the_first_screen(phone: Visit):
    page = phone.open("/?lang=de")
    expect(phone.map_frame().locator(".stop-marker")).to_have_count(6, timeout=20_000)
    phone.map_sized()
    frame = page.locator(MAP_FRAME).bounding_box()
    assert frame is not None
    assert frame["y"] + frame["height"] / 2 < PHONE["height"], frame
    assert frame["height"] >= 300
    assert not page.evaluate(PAST_THE_EDGE, PHONE["width"])
    assert not page.evaluate(COLUMNS_PAST_THE_EDGE, PHONE["width"])
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.screenshot("phone-overview")
    phone.assert_clean()


def test_on_a_tablet_a_tap_on_seoul_brings_its_programme_into_view(tablet: Visit):
    page = tablet.open("/?lang=en")
    seoul = tablet.map_frame().locator('.stop-marker[data-stop="seoul"]')
    expect(seoul).to_be_visible(timeout=20_000)
    seoul.tap()
    page.wait_for_url("**stop=seoul**", timeout=20_000)
    tablet.settle()
    programme = page.get_by_text("Cooperation forum at Seoul Dragon City").first
    expect(programme).to_be_in_viewport(timeout=10_000)
    tablet.screenshot("tablet-seoul-tapped")
    tablet.assert_clean()


def test_a_source_mark_leads_to_its_entry_below_the_header(tablet: Visit):
    """Sources in layers: the claim carries [1]; a tap shows source 1 of the
    page's list on screen, clear of Streamlit's fixed header, and marked."""
    page = tablet.open("/itinerary?lang=en&stop=seoul")
    mark = page.locator('a[href="#quelle-1"]').first
    expect(mark).to_be_visible(timeout=20_000)
    mark.tap()
    entry = page.locator("ol.page-sources li#quelle-1")
    expect(entry).to_be_in_viewport(timeout=10_000)
    expect(entry).to_contain_text("Sächsisches Staatsministerium")
    header = page.locator('[data-testid="stHeader"]').bounding_box()
    box = entry.bounding_box()
    assert header is not None
    assert box is not None
    assert box["y"] >= header["y"] + header["height"], (box, header)
    assert entry.evaluate("node => node.matches(':target')")
    tablet.assert_clean()


ARTICLE = """<!doctype html><html lang="en"><meta charset="utf-8">
<title>An article</title><style>body{{font:16px serif;margin:2rem}}</style>
<h1>Saxony goes east</h1><p>Some text before the chart.</p>
<div style="width:{width}px">{embed}</div><p>Some text after it.</p></html>"""


@contextmanager
def article(embed: str, width: int) -> Iterator[str]:
    """A newspaper's page on an origin of its own, with the embed in its text."""
    with tempfile.TemporaryDirectory() as folder:
        page = ARTICLE.format(width=width, embed=embed)
        (Path(folder) / "index.html").write_text(page, encoding="utf-8")
        with serve_folder(Path(folder)) as url:
            yield url


@pytest.mark.parametrize(("width", "height"), [(600, 450), (390, 300), (1000, 600)])
def test_the_embed_fills_its_frame_on_another_site(browser, app_url, width, height):
    """Issue 16: in an article's frame of any size, on another origin, the embed
    draws its markers, credits its source, links to the full view and does not
    scroll inside."""
    frame = (
        f'<iframe id="embed" src="{app_url}/?embed=true&amp;stop=ulsan&amp;lang=en" '
        f'title="Trip" width="{width}" height="{height}" style="border:0"></iframe>'
    )
    viewport = {"width": width + 200, "height": 900}
    with article(frame, width) as host, visiting(browser, host, viewport) as visit:
        page = visit.page
        page.goto(host + "/")
        embed = page.frame_locator("#embed")
        markers = embed.frame_locator(MAP_FRAME).locator(".stop-marker")
        expect(markers).to_have_count(6, timeout=30_000)
        inner = page.frame(url=lambda url: "embed=true" in url)
        assert inner is not None
        inner.wait_for_selector(DONE, state="attached")
        assert inner.evaluate(SCROLL_LEFT) <= 1
        full_view = embed.get_by_role("link", name="Open in the full dashboard")
        expect(full_view).to_be_visible()
        expect(embed.get_by_text("Source: SMWA, 8 Sept 2023")).to_be_visible()
        expect(embed.get_by_text("5 · Ulsan (울산)").first).to_be_visible()
        box = page.locator("#embed").bounding_box()
        assert box is not None
        assert (box["width"], box["height"]) == (width, height)
        visit.screenshot(f"embed-{width}x{height}")
        assert not visit.blocked, visit.blocked


def test_the_host_script_gives_the_frame_the_height_the_embed_asks_for(
    browser, app_url
):
    snippet = embed_snippet(f"{app_url}/?lang=en&embed=true", "Trip", "trip-embed")
    viewport = {"width": 900, "height": 900}
    with article(snippet, 700) as host, visiting(browser, host, viewport) as visit:
        page = visit.page
        page.goto(host + "/")
        frame = page.locator("#trip-embed")
        expect(frame).to_have_attribute("height", str(EMBED_HEIGHT))
        page.wait_for_function(
            "() => document.getElementById('trip-embed').style.height !== ''",
            timeout=30_000,
        )
        asked = frame.evaluate("node => parseFloat(node.style.height)")
        assert 300 <= asked <= 800, asked
        inner = page.frame(url=lambda url: "embed=true" in url)
        assert inner is not None
        assert inner.evaluate(SCROLL_LEFT) <= 1


# Streamlit's English words left in the page: a text or an attribute that is one
# of them, or an attribute made from a template ("Help for {label}").
ENGLISH_LEFT = """words => {
    const templates = words.filter(word => word.includes("{label}"))
        .map(word => word.split("{label}"));
    const fromTemplate = value => templates.some(([head, tail]) =>
        value.startsWith(head) && value.endsWith(tail)
        && value.length > head.length + tail.length);
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ALL);
    for (let node = walker.currentNode; node; node = walker.nextNode()) {
        if (node.nodeType === 3 && words.includes(node.nodeValue.trim())) {
            found.push(node.nodeValue.trim());
        } else if (node.nodeType === 1) {
            for (const name of ["aria-label", "title"]) {
                const value = node.getAttribute(name);
                if (value && (words.includes(value) || fromTemplate(value))) {
                    found.push(`${name}=${value}`);
                }
            }
        }
    }
    return found;
}"""


@pytest.mark.parametrize("path", ["/", "/itinerary", "/trade", "/sources"])
def test_german_pages_speak_no_english(desktop: Visit, path):
    """Issue 16: Streamlit's own strings (the skip link, heading links, toolbars)
    in German too; waits until the page's script has put them in."""
    english = [
        text for key, text in catalog("en").items() if key.startswith("framework.")
    ]
    page = desktop.open(f"{path}?lang=de&stop=seoul")
    page.wait_for_function(f"words => !({ENGLISH_LEFT})(words).length", arg=english)
    assert page.evaluate(ENGLISH_LEFT, english) == []
    assert (
        page.get_by_test_id("stSkipToContent").inner_text()
        == "Zum Hauptinhalt springen"
    )
    if path == "/":  # a template's words around a label of ours
        tiles = t("de", "map.online_tiles")
        expect(page.get_by_label(f"Hilfe zu {tiles}", exact=True)).to_have_count(1)
