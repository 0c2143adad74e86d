"""Benchmark: how fast the overview's map is usable, offline, in Debian's chromium.

Prints figures; asserts nothing. Run: .venv/bin/python bench/load_time.py [runs]
Each run is a new browser context (cold cache) against one running server.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.e2e.conftest import CHROMIUM, MAP_FRAME, serve_app
from trip.mapview import MARKER_SELECTED

DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def one_load(browser, url: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    sizes: list[int] = []
    frames: list[int] = []
    page.on("response", lambda r: sizes.append(int(r.headers.get("content-length", 0))))
    page.on(
        "websocket",
        lambda ws: ws.on("framereceived", lambda payload: frames.append(len(payload))),
    )
    start = time.perf_counter()
    page.goto(url)
    page.frame_locator(MAP_FRAME).locator(".stop-marker").nth(5).wait_for(
        timeout=60_000
    )
    markers = time.perf_counter() - start
    page.wait_for_selector(DONE, state="attached")
    frames.clear()
    start = time.perf_counter()
    page.get_by_role("button", name="4 Seoul").click()
    page.wait_for_url("**stop=seoul**")
    page.frame_locator(MAP_FRAME).locator('.stop-marker[data-stop="seoul"]').wait_for()
    page.wait_for_function(
        "() => document.querySelector('iframe[title=\"streamlit_folium.st_folium\"]')"
        ".contentDocument.querySelector('.stop-marker[data-stop=\"seoul\"]')"
        f".style.width === '{MARKER_SELECTED}px'"
    )
    select = time.perf_counter() - start
    page.wait_for_selector(DONE, state="attached")
    frame = page.locator(MAP_FRAME).element_handle().content_frame()
    start = time.perf_counter()
    frame.locator('.stop-marker[data-stop="ulsan"]').click()
    frame.wait_for_selector('.stop-marker.instant-selected[data-stop="ulsan"]')
    click_shown = time.perf_counter() - start
    frame.wait_for_function(
        "() => document.querySelector('.stop-marker[data-stop=\"ulsan\"]')"
        f".style.width === '{MARKER_SELECTED}px'"
    )
    click_confirmed = time.perf_counter() - start
    context.close()
    return {
        "markers_s": markers,
        "select_s": select,
        "click_shown_s": click_shown,  # drawn selected in the map's own frame
        "click_python_s": click_confirmed,  # the rerun's marker layer confirms it
        "http_requests": len(sizes),
        "http_kib": sum(sizes) / 1024,  # content-length where the server sends one
        "select_ws_kib": sum(frames) / 1024,  # websocket bytes for one selection
    }


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with serve_app() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        one_load(browser, url)  # warm the server: first script run, caches
        results = [one_load(browser, url) for _ in range(runs)]
        browser.close()
    for key in results[0]:
        values = [r[key] for r in results]
        print(
            f"{key:15} median {statistics.median(values):8.2f}  "
            f"min {min(values):8.2f}  max {max(values):8.2f}  (n={runs})"
        )


if __name__ == "__main__":
    main()
