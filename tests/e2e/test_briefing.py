"""The briefing in a real browser: clicker keys, screens, the pack from a USB stick,
and its A4 print, all with every outside request blocked."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from harness.browser import Visit, flush_console
from tests.e2e.conftest import VIEWPORTS, traced, visiting
from trip.__main__ import main as trip_cli

pytestmark = pytest.mark.e2e
DECK = ".st-key-briefing-deck iframe"
PROJECTORS = {
    "1920x1080": VIEWPORTS["desktop"],
    "1280x720": {"width": 1280, "height": 720},
}
# Smallest body text of a step (issue 16): readable from the back of a room; a
# step shows less (audience mode) rather than shrink below it.
MIN_TYPE = {"1920x1080": 32, "1280x720": 24}
# opening, aims, Japan without a stop, 3 stops, Korea without, 3 stops, closing
STEPS = 11
STEP_KEYS = [
    ("ArrowRight", 2, "step=aims"),
    ("PageDown", 3, "step=leg-jp"),
    ("Space", 4, "stop=tokyo"),
    ("ArrowLeft", 3, "step=leg-jp"),
    ("PageUp", 2, "step=aims"),
    ("End", STEPS, "step=closing"),
    ("Home", 1, None),
]


@pytest.fixture(params=list(PROJECTORS))
def projector(request, browser, app_url) -> Iterator[tuple[str, Visit]]:
    with visiting(browser, app_url, PROJECTORS[request.param]) as visit:
        yield request.param, visit


def deck(page: Page):
    return page.frame_locator(DECK)


def test_clicker_keys_step_the_deck_and_the_url(projector):
    name, visit = projector
    page = visit.open("/briefing?lang=en")
    counter = deck(page).locator("#counter")
    expect(counter).to_have_text(f"Step 1 of {STEPS}")
    expect(deck(page).locator(".stop-marker")).to_have_count(6)
    frame = page.locator(DECK).element_handle().content_frame()
    frame.evaluate("window.__mountTag = 'first'")
    container = frame.evaluate_handle("document.querySelector('.leaflet-container')")
    for key, number, in_url in STEP_KEYS:
        page.keyboard.press(key)
        expect(counter).to_have_text(f"Step {number} of {STEPS}")
        if in_url:
            assert in_url in page.url, (key, page.url)
        else:
            assert "stop=" not in page.url
            assert "step=" not in page.url
    deck(page).get_by_role("button", name="Next →").click()
    expect(counter).to_have_text(f"Step 2 of {STEPS}")
    # The map was built once: same frame, same Leaflet container, no re-mount.
    same = page.locator(DECK).element_handle().content_frame()
    assert same.evaluate("window.__mountTag") == "first"
    assert same.evaluate(
        "node => node === document.querySelector('.leaflet-container')", container
    )
    visit.screenshot(f"briefing-tokyo-{name}")
    visit.assert_clean()


def test_every_step_fits_the_screen_in_readable_type(projector):
    name, visit = projector
    page = visit.open("/briefing")
    box = page.locator(DECK).bounding_box()
    size = page.viewport_size
    assert box is not None
    assert size is not None
    assert (box["y"], box["height"]) == (0, size["height"])  # the deck is the screen
    frame = page.locator(DECK).element_handle().content_frame()
    frame.wait_for_selector(".stop-marker")
    for step in range(STEPS):
        shown = frame.evaluate(
            """step => {
                briefing.show(step);
                const section = document.querySelectorAll('.step')[step];
                const controls = document.querySelector('.controls')
                    .getBoundingClientRect();
                return {
                    fits: section.scrollHeight <= section.clientHeight + 1,
                    type: parseFloat(getComputedStyle(section).fontSize),
                    page: document.scrollingElement.scrollHeight <= innerHeight,
                    controls: controls.bottom <= innerHeight,
                };
            }""",
            step,
        )
        assert shown["fits"], (step, shown)
        assert shown["page"], (step, shown)
        assert shown["controls"], (step, shown)
        assert shown["type"] >= MIN_TYPE[name], (step, shown)
    visit.assert_clean()


def test_a_reload_or_a_second_screen_rejoins_the_step(desktop: Visit):
    page = desktop.open("/briefing?stop=ulsan&lang=en")
    expect(deck(page).locator("#counter")).to_have_text(f"Step 9 of {STEPS}")
    expect(
        deck(page).locator('.stop-marker.selected[data-stop="ulsan"]')
    ).to_be_visible()
    page = desktop.open("/briefing?step=closing&lang=en")
    expect(deck(page).locator("#counter")).to_have_text(f"Step {STEPS} of {STEPS}")
    closing = deck(page).locator('.step[data-key="closing"]')
    expect(closing.get_by_text("€1.16 billion")).to_be_visible()
    desktop.assert_clean()


def test_briefing_offers_the_pack_and_the_calendar(desktop: Visit):
    page = desktop.open("/briefing?lang=en")
    for name in ("Download the briefing pack", "Programme as calendar file"):
        expect(page.get_by_role("button", name=name)).to_be_attached()
    desktop.assert_clean()


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pack") / "briefing-de.html"
    assert trip_cli(["pack", "--lang", "de", "--out", str(out)]) == 0
    return out


@contextmanager
def opened_from_disk(browser: Browser, pack: Path, viewport: dict[str, int]):
    """The pack as from a USB stick: file:// only, every other request refused.
    Yields the page, what it tried to fetch and the errors it logged."""
    refused: list[str] = []
    errors: list[str] = []

    def guard(route) -> None:
        if route.request.url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    with traced(browser.new_context(viewport=viewport)) as context:
        context.route("**/*", guard)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on(
            "console", lambda m: errors.append(m.text) if m.type == "error" else None
        )
        page.goto(pack.as_uri())
        yield page, refused, errors


def test_pack_opens_from_disk_with_no_network(browser, pack):
    desktop = VIEWPORTS["desktop"]
    with opened_from_disk(browser, pack, desktop) as (page, refused, errors):
        expect(page.locator(".stop-marker")).to_have_count(6)
        assert page.locator(".leaflet-overlay-pane path").count() > 60  # land, route
        opening = page.locator('.step[data-key="opening"]')
        for stop in ("1 · Tokio (東京)", "5 · Ulsan (울산)", "6 · Hsinchu (新竹)"):
            expect(opening.get_by_text(stop)).to_be_visible()
        page.keyboard.press("ArrowRight")
        expect(page.locator("#counter")).to_have_text(f"Schritt 2 von {STEPS}")
        expect(page).to_have_url(re.compile("#aims$"))
        page.keyboard.press("ArrowRight")
        expect(page).to_have_url(re.compile("#leg-jp$"))
        page.keyboard.press("End")
        closing = page.locator('.step[data-key="closing"]')
        for figure in ("851\xa0Mio.\xa0€", "1,16\xa0Mrd.\xa0€"):
            expect(closing.get_by_text(figure)).to_be_visible()
        page.screenshot(path=str(Path("artifacts/screenshots/pack-closing.png")))
        flush_console(page)
        assert not refused, refused
        assert not errors, errors


A4_CONTENT_PX = round((210 - 28) / 25.4 * 96)  # A4 width less the 14 mm margins


def test_pack_prints_on_a4_with_nothing_cut_off(browser, pack):
    viewport = {"width": A4_CONTENT_PX, "height": 1000}
    with opened_from_disk(browser, pack, viewport) as (page, refused, _):
        page.emulate_media(media="print")
        overflow = page.evaluate(
            """width => Array.from(document.querySelectorAll('.handout *'))
                .filter(node => node.getBoundingClientRect().right > width + 1)
                .map(node => node.tagName + ' ' + node.textContent.slice(0, 40))""",
            A4_CONTENT_PX,
        )
        assert not overflow, overflow
        assert page.evaluate("document.documentElement.scrollWidth") <= A4_CONTENT_PX
        assert page.locator(".deck").evaluate("n => getComputedStyle(n).display") == (
            "none"
        )
        pdf = page.pdf(format="A4", print_background=True)
        assert pdf.startswith(b"%PDF")
        pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
        assert 3 <= pages <= 10
        assert not refused
