"""The benchmark in a browser: time to six visible markers (cold and warm),
how long the map frame stood blank, a same-tab navigation, a marker click and
the other ways to pick a stop, each until the page shows it."""

from __future__ import annotations

import contextlib
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Browser, Page

from bench.apps.floor import SELECTED, static_page
from harness.browser import block_off_host
from harness.page import DONE, FLASH, MAP_FRAME, PLOT_LEFT
from harness.servers import ROOT, serve_folder
from trip.loading import load_trip
from trip.stops import summarize
from trip.timeline import row_of

VIEWPORT = {"width": 1920, "height": 1080}
NEVER = float("inf")
# How long a load may take to show the markers before it counts as never: the
# suite's run of these measurements, on two cores busy with the other tests,
# took over 15 s for a cold load.
TIMEOUT_S = 30


@contextlib.contextmanager
def serve_static() -> Iterator[str]:
    """The static floor page, with the app's static files at /app/static."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "index.html").write_text(static_page(), encoding="utf-8")
        (Path(folder) / "app").mkdir()
        (Path(folder) / "app" / "static").symlink_to(ROOT / "static")
        with serve_folder(Path(folder)) as url:
            yield f"{url}/index.html"


def new_page(
    browser: Browser, tally: dict[str, float] | None = None
) -> tuple[object, Page]:
    """A fresh context that blocks off-host requests and counts what it loads
    (into ``tally``, when the caller wants the count)."""
    context = browser.new_context(viewport=VIEWPORT)
    if tally is None:
        tally = {}
    tally.update(requests=0, bytes=0, blocked=0)

    def blocked(_url: str) -> None:
        tally["blocked"] += 1

    def finished(request) -> None:
        tally["requests"] += 1
        with contextlib.suppress(Exception):
            tally["bytes"] += request.sizes()["responseBodySize"]

    block_off_host(context, blocked)
    page = context.new_page()
    page.on("requestfinished", finished)
    return context, page


def markers_of(page: Page, framed: bool):
    target = page.frame_locator(MAP_FRAME) if framed else page
    return target.locator(".stop-marker")


# The map's frame is on screen where a reader sees it: the topmost element at the
# middle of its visible part (not clipped away by a box that is still shut, as
# our page body is until it is drawn whole, nor covered).
FRAME_ON_SCREEN = """selector => {
    const frame = document.querySelector(selector);
    if (!frame) return false;
    const box = frame.getBoundingClientRect();
    const top = Math.max(box.top, 0), bottom = Math.min(box.bottom, innerHeight);
    if (bottom - top < 50 || box.width < 50) return false;
    return document.elementFromPoint(box.left + box.width / 2, (top + bottom) / 2)
        === frame;
}"""


def time_to_markers(page: Page, url: str | None, framed: bool) -> dict[str, float]:
    """Seconds from navigation to six visible markers (in a frame that is on
    screen); how long the frame stood (attached, but without markers) blank."""
    start = time.perf_counter()
    if url:
        page.goto(url)
    else:
        page.reload()
    frame_seen = None
    deadline = start + TIMEOUT_S
    while time.perf_counter() < deadline:
        if framed and frame_seen is None and page.locator(MAP_FRAME).count():
            frame_seen = time.perf_counter()
        if markers_of(page, framed).nth(5).is_visible() and (
            not framed or page.evaluate(FRAME_ON_SCREEN, MAP_FRAME)
        ):
            shown = time.perf_counter()
            blank = shown - frame_seen if frame_seen else 0.0
            return {"markers": shown - start, "blank": blank}
        page.wait_for_timeout(10)
    return {"markers": NEVER, "blank": NEVER}


def loads(browser: Browser, url: str, framed: bool, runs: int) -> dict[str, list]:
    figures: dict[str, list] = {"cold": [], "warm": [], "blank": [], "requests": []}
    figures["bytes"] = []
    for _ in range(runs):
        tally: dict[str, float] = {}
        context, page = new_page(browser, tally)
        cold = time_to_markers(page, url, framed)
        figures["cold"].append(cold["markers"])
        figures["blank"].append(cold["blank"])
        page.wait_for_timeout(300)  # let the load finish before counting it
        figures["requests"].append(tally["requests"])
        figures["bytes"].append(tally["bytes"])
        figures["warm"].append(time_to_markers(page, None, framed)["markers"])
        context.close()
    return figures


def same_tab(browser: Browser, url: str, runs: int) -> list[float]:
    """Ours: from the itinerary back to the overview through the navigation."""
    found = []
    context, page = new_page(browser)
    for _ in range(runs):
        page.goto(url + "/itinerary")
        page.wait_for_selector(DONE, state="attached")
        start = time.perf_counter()
        page.get_by_test_id("stTopNavLink").first.click()
        markers_of(page, True).nth(5).wait_for(timeout=TIMEOUT_S * 1000)
        found.append(time.perf_counter() - start)
    context.close()
    return found


def clicks(browser: Browser, url: str, runs: int, ours: bool) -> dict[str, list]:
    """A marker click until drawn selected (and, for ours, until confirmed)."""
    figures: dict[str, list] = {"shown": [], "confirmed": []}
    context, page = new_page(browser)
    page.goto(url)
    markers_of(page, True).nth(5).wait_for(timeout=TIMEOUT_S * 1000)
    frame = mark_frame(page)
    figures["remounts"] = [0]
    for index in range(runs):
        page.wait_for_selector(DONE, state="attached")
        stop = ("sendai", "ulsan")[index % 2]
        marker = f'.stop-marker[data-stop="{stop}"]'
        start = time.perf_counter()
        frame.locator(marker).click()
        if ours:
            frame.wait_for_selector(f"{marker}.instant-selected")
            figures["shown"].append(time.perf_counter() - start)
        wait_drawn_selected(frame, marker)
        confirmed = time.perf_counter() - start
        figures["confirmed"].append(confirmed)
        if not ours:
            figures["shown"].append(confirmed)
        page.wait_for_selector(DONE, state="attached")
        if not still_mounted(frame):
            figures["remounts"][0] += 1
            frame = mark_frame(page)
    context.close()
    return figures


def wait_drawn_selected(frame, marker: str) -> None:
    """Until Python's new marker layer draws ``marker`` at the selected size."""
    frame.wait_for_function(
        f"() => document.querySelector('{marker}')?.style.width === '{SELECTED}px'"
    )


def mark_frame(page: Page):
    """The map's frame, marked: a re-mounted frame loses the mark."""
    frame = page.locator(MAP_FRAME).element_handle().content_frame()
    frame.evaluate("() => { window.benchMark = true; }")
    return frame


def still_mounted(frame) -> bool:
    try:
        return bool(frame.evaluate("() => window.benchMark === true"))
    except Exception:  # a detached frame cannot be asked
        return False


def other_picks(browser: Browser, url: str, runs: int) -> dict[str, list]:
    """Ours: a timeline stop button, the stop picker and a click on a timeline
    row, each until the map draws the stop selected and the page's run has
    finished; for the row also until the chart outlines it (in the browser)."""
    figures: dict[str, list] = {"button": [], "picker": [], "remounts": [0]}
    figures |= {"chart": [], "chart_shown": []}
    context, page = new_page(browser)
    page.goto(url)
    markers_of(page, True).nth(5).wait_for(timeout=TIMEOUT_S * 1000)
    frame = mark_frame(page)

    def until_selected(stop: str, start: float) -> float:
        marker = f'.stop-marker[data-stop="{stop}"]'
        wait_drawn_selected(frame, marker)
        page.wait_for_selector(DONE, state="attached")
        return time.perf_counter() - start

    for index in range(runs):
        page.wait_for_selector(DONE, state="attached")
        stop, name = (("sendai", "Sendai"), ("ulsan", "Ulsan"))[index % 2]
        start = time.perf_counter()
        page.locator(f".st-key-pick-{stop} button").first.click()
        figures["button"].append(until_selected(stop, start))
        stop, name = (("nagoya", "Nagoya"), ("seoul", "Seoul"))[index % 2]
        page.locator(".st-key-stop_picker").get_by_test_id("stSelectbox").click()
        option = page.get_by_role("option").filter(has_text=name).first
        option.wait_for()
        start = time.perf_counter()
        option.click()
        figures["picker"].append(until_selected(stop, start))
        stop = ("tokyo", "hsinchu")[index % 2]
        trip = load_trip()
        row = row_of(trip, summarize(trip), stop) + 1
        chart = page.get_by_test_id("stVegaLiteChart").first
        box = chart.bounding_box()
        start = time.perf_counter()
        # the stop's row (34 px each, in trip order), just inside the plot
        left = page.evaluate(PLOT_LEFT)
        page.mouse.click(left + 4, box["y"] + 34 * (row - 0.5))
        page.wait_for_function(f"() => ({FLASH})() === 1")
        figures["chart_shown"].append(time.perf_counter() - start)
        figures["chart"].append(until_selected(stop, start))
        page.mouse.move(0, 0)
        if not still_mounted(frame):
            figures["remounts"][0] += 1
            frame = mark_frame(page)
    context.close()
    return figures
