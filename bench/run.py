"""Benchmark: ours against the floors, side by side, in one run; writes RESULTS.md.

    .venv/bin/python bench/run.py              # full run, writes bench/RESULTS.md
    .venv/bin/python bench/run.py --smoke      # one load each, for CI (asserts nothing)

Variants, each served on loopback with every request off the machine blocked:
- static:  one folium HTML page with the same six stops (the browser's floor);
- bare:    st_folium with Leaflet from our static files (the framework's floor);
- bare + widgets: bare plus one element of each kind the overview shows (what
           Streamlit's loading of element code costs before a map frame appears);
- naive:   st_folium with folium's defaults (CDN scripts; offline its map never shows);
- ours:    the app.

Figures: time from navigation to six visible markers, cold (new browser context)
and warm (reload), median / p95 / max; how long the map frame stood blank; a
same-tab navigation back to the overview; requests and bytes of a cold load; a
marker click until it is drawn selected (ours in the map's own frame, the bare app
after its Python round trip) and until Python's rerun confirms it.
The server's script time per selection is measured in-process (AppTest).
Over Streamlit's websocket protocol (bench/load.py): cold start, script runs per
second at saturation for bare, naive and ours; for ours 1, 10, 50 and 100 readers
each picking a stop every 5 s (p50/p95/max, errors, server memory per reader;
the 100 readers run for --soak seconds, 600 by default, to show memory over time).
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import layout_shift, load  # noqa: E402
from bench.apps.floor import SELECTED, static_page  # noqa: E402
from bench.layout_shift import PAGES  # noqa: E402
from tests.e2e.conftest import (  # noqa: E402
    CHROMIUM,
    FLASH,
    LOCAL_HOSTS,
    MAP_FRAME,
    PLOT_LEFT,
    serve_app,
    serve_folder,
    start_app,
)
from trip.loading import load_trip  # noqa: E402
from trip.stops import summarize  # noqa: E402
from trip.timeline import row_of  # noqa: E402

VIEWPORT = {"width": 1920, "height": 1080}
NEVER = float("inf")
DEFAULTS = "naive, Streamlit's defaults"
TIMEOUT_S = 15
DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def link_static_files() -> None:
    """Streamlit serves ./static beside the main script: the bench apps in
    bench/apps get the app's static files (Leaflet) through a link."""
    link = ROOT / "bench" / "apps" / "static"
    if not link.exists():
        link.symlink_to(ROOT / "static", target_is_directory=True)


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

    def guard(route) -> None:
        url = route.request.url
        host = url.split("/")[2].split(":")[0] if "://" in url else ""
        if url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            tally["blocked"] += 1
            route.abort()

    def finished(request) -> None:
        tally["requests"] += 1
        with contextlib.suppress(Exception):
            tally["bytes"] += request.sizes()["responseBodySize"]

    context.route("**/*", guard)
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


def script_times(runs: int) -> list[float]:
    """Server script time of an overview rerun after a stop is picked, measured
    in-process with Streamlit's AppTest (no browser, no websocket)."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    found = []
    for index in range(runs):
        app.button(key=f"pick-{('tokyo', 'seoul', 'ulsan')[index % 3]}").click()
        start = time.perf_counter()
        app.run()
        found.append(time.perf_counter() - start)
    return found


def rss_mib(pid: int) -> float:
    """The process's resident memory (Linux /proc), MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Sampler(threading.Thread):
    """Samples a process's memory every `every_s` seconds while a run goes on."""

    def __init__(self, pid: int, every_s: float) -> None:
        super().__init__(daemon=True)
        self.pid, self.every_s = pid, every_s
        self.samples: list[tuple[float, float]] = []
        self.done = threading.Event()

    def run(self) -> None:
        start = time.perf_counter()
        while not self.done.is_set():
            self.samples.append((time.perf_counter() - start, rss_mib(self.pid)))
            self.done.wait(self.every_s)

    def __enter__(self) -> Sampler:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        self.join()


def server_figures(
    script: str, ours: bool, smoke: bool, soak_s: float, options: tuple[str, ...] = ()
) -> dict:
    """Cold start, throughput at saturation and (ours) readers at one selection
    every 5 s, over Streamlit's websocket protocol (bench/load.py)."""
    figures: dict = {}
    began = time.perf_counter()
    with start_app(script=script, options=options) as (url, process):
        health = time.perf_counter() - began
        first = load.first_page(url)
        figures["cold"] = {"health": health, "first_page": health + first}
        if ours:
            load.warm(url)  # every stop once: measured runs find warm caches
        # Enough sessions that their pacing (components/pacing.py: a run a
        # second each past a burst of 10) never binds: this measures the machine.
        readers, seconds = (3, 3) if smoke else (80, 15)
        figures["saturation"] = load.saturate(url, readers, seconds)
        if not ours:
            return figures
        figures["levels"] = {}
        for readers in (1,) if smoke else (1, 10, 50, 100):
            seconds = 5 if smoke else (soak_s if readers == 100 else 30)
            before = rss_mib(process.pid)
            with Sampler(process.pid, 10 if seconds > 60 else 1) as sampler:
                tally = load.concurrent(url, readers, 5, seconds)
            figures["levels"][readers] = {
                "latencies": tally.latencies,
                "received": tally.received,
                "joins": tally.joins,
                "errors": tally.errors,
                "before": before,
                "samples": sampler.samples,
                "seconds": seconds,
            }
    return figures


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def seconds(values: list[float]) -> str:
    if not values:
        return "–"
    if math.isinf(statistics.median(values)):
        return f"never (> {TIMEOUT_S} s)"
    return f"{statistics.median(values):.2f} / {p95(values):.2f} / {max(values):.2f}"


def millis(values: list[float]) -> str:
    return " / ".join(
        f"{value * 1000:.0f}"
        for value in (statistics.median(values), p95(values), max(values))
    )


def machine() -> str:
    chromium = subprocess.run(
        [CHROMIUM, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    packages = ", ".join(
        f"{name} {version(name)}"
        for name in ("streamlit", "folium", "streamlit-folium", "playwright")
    )
    return (
        f"{platform.platform()}, {os.cpu_count()} cores, {memory:.0f} GiB; "
        f"Python {platform.python_version()}; {chromium}; {packages}"
    )


def server_report(server: dict) -> list[str]:
    """Cold start and saturation for every variant; readers and memory for ours."""
    lines = [
        "Over Streamlit's websocket protocol (`bench/load.py`, no browser: each "
        "session sends what a browser sends and waits for the run's end).",
        "",
        "| variant | cold start: process → health (s) | → first page run done (s) | "
        "script runs / s at saturation (back to back) |",
        "|---|---|---|---|",
    ]
    for name, figures in server.items():
        cold = figures["cold"]
        lines.append(
            f"| {name} | {cold['health']:.2f} | {cold['first_page']:.2f} | "
            f"{figures['saturation']:.1f} |"
        )
    lines += [
        "",
        "Ours, every reader picking another stop every 5 s:",
        "",
        "| readers | seconds | selections | p50 / p95 / max (ms) | errors | "
        "KiB sent per selection | memory before → peak (MiB) | per reader (MiB) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for readers, level in server["ours"]["levels"].items():
        peak = max(mib for _, mib in level["samples"])
        latencies = level["latencies"] or [float("nan")]
        lines.append(
            f"| {readers} | {level['seconds']:.0f} | {len(level['latencies'])} | "
            f"{millis(latencies)} | {len(level['errors'])} | "
            f"{level['received'] / max(1, len(level['latencies'])) / 1024:.1f} | "
            f"{level['before']:.0f} → {peak:.0f} | "
            f"{(peak - level['before']) / readers:.2f} |"
        )
    joins = [t for v in server["ours"]["levels"].values() for t in v["joins"]]
    lines += [
        "",
        f"A new session's first run (ours, n = {len(joins)}, median / p95 / max): "
        f"{millis(joins)} ms.",
    ]
    longest = max(server["ours"]["levels"].values(), key=lambda v: v["seconds"])
    samples = longest["samples"]
    after_minute = [mib for at, mib in samples if at >= 60] or [samples[-1][1]]
    lines += [
        "",
        f"Memory over the longest run ({longest['seconds']:.0f} s, "
        f"{len(samples)} samples): {samples[0][1]:.0f} MiB at the start, "
        f"{after_minute[0]:.0f} MiB after the first minute, "
        f"{samples[-1][1]:.0f} MiB at the end, {max(m for _, m in samples):.0f} "
        "MiB at most.",
    ]
    errors = [e for v in server["ours"]["levels"].values() for e in v["errors"]]
    if errors:
        lines += ["", f"First errors: {errors[:3]}"]
    return lines


def report(results: dict, runs: int, smoke: bool) -> str:
    rows = [
        "| variant | cold: markers (median / p95 / max, s) | warm | map frame blank | "
        "requests | KiB |",
        "|---|---|---|---|---|---|",
    ]
    for name, figures in results["loads"].items():
        rows.append(
            f"| {name} | {seconds(figures['cold'])} | {seconds(figures['warm'])} | "
            f"{seconds(figures['blank'])} | "
            f"{statistics.median(figures['requests']):.0f} | "
            f"{statistics.median(figures['bytes']) / 1024:.0f} |"
        )
    ours = statistics.median(results["loads"]["ours"]["cold"])
    bare = statistics.median(results["loads"]["bare"]["cold"])
    static = statistics.median(results["loads"]["static"]["cold"])
    widgets = statistics.median(results["loads"]["bare + widgets"]["cold"])
    click_ours = statistics.median(results["clicks"]["ours"]["shown"])
    click_bare = statistics.median(results["clicks"]["bare"]["shown"])
    server = results["server"]
    lines = [
        "# Benchmark results",
        "",
        f"Written by `bench/run.py`{' --smoke' if smoke else ''} on "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, n = {runs} per "
        "figure, loopback, every request off the machine blocked.",
        "",
        f"Machine: {machine()}",
        "",
        "## Time to six visible markers",
        "",
        *rows,
        "",
        f"Same-tab navigation itinerary → overview (ours): "
        f"{seconds(results['same_tab'])} s.",
        "",
        "## A marker click",
        "",
        "| variant | drawn selected (median / p95 / max, s) | confirmed by Python |",
        "|---|---|---|",
        f"| bare (round trip) | {seconds(results['clicks']['bare']['shown'])} | "
        f"{seconds(results['clicks']['bare']['confirmed'])} |",
        f"| ours (in the map's frame) | {seconds(results['clicks']['ours']['shown'])} "
        f"| {seconds(results['clicks']['ours']['confirmed'])} |",
        "",
        f"Map re-mounts: {results['clicks']['ours']['remounts'][0]} in "
        f"{len(results['clicks']['ours']['shown'])} marker clicks, "
        f"{results['picks']['remounts'][0]} in {3 * len(results['picks']['button'])} "
        "button, picker and timeline-row picks.",
        "",
        "| ours: a pick from | until the map and the page show it (median / p95 / "
        "max, s) |",
        "|---|---|",
        f"| a timeline stop button | {seconds(results['picks']['button'])} |",
        f"| the stop picker | {seconds(results['picks']['picker'])} |",
        f"| a timeline row | {seconds(results['picks']['chart'])} (outlined in the "
        f"chart itself after {seconds(results['picks']['chart_shown'])}) |",
        "",
        "## Server",
        "",
        f"Script time of an overview rerun after a pick (in-process, AppTest; "
        f"median / p95 / max, n = {len(results['script'])}): "
        f"{millis(results['script'])} ms (target: median ≤ 30 ms).",
        "",
        *server_report(results["server"]),
        "",
        "## Ratios (medians)",
        "",
        f"- time to markers: ours / bare = {ours / bare:.2f} (target ≤ 1.10), "
        f"ours / static = {ours / static:.1f}, ours / bare + widgets = "
        f"{ours / widgets:.2f}, bare + widgets / bare = {widgets / bare:.2f}",
        f"- marker click → drawn selected: ours / bare round trip = "
        f"{click_ours / click_bare:.2f} (target ≤ 0.50)",
        f"- script runs per second at saturation: ours / naive = "
        f"{server['ours']['saturation'] / server['naive']['saturation']:.2f} "
        "(target ≥ 2; both with our server settings), ours / naive with "
        "Streamlit's defaults = "
        f"{server['ours']['saturation'] / server[DEFAULTS]['saturation']:.2f}, "
        f"ours / bare = "
        f"{server['ours']['saturation'] / server['bare']['saturation']:.2f}",
        "",
        "Figures include Playwright's own latency (some 10–50 ms per step). Requests "
        "and KiB count a cold load until 0.3 s after the markers show; Streamlit "
        "loads some chunks later.",
    ]
    return "\n".join(lines) + "\n"


LAYOUT_SHIFT = """
## Layout shift

Cumulative Layout Shift of each page (`bench/layout_shift.py`, n = {runs}): the
largest session window of shifts Chromium reports, from navigation until the page
has been still for 2 s; cold (a new browser context) and warm (loaded again in it).
Issue 16 asks for at most 0.1.

{table}"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--smoke", action="store_true", help="one run each, for CI")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument(
        "--soak", type=float, default=600, help="seconds of 100 readers (memory)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args()
    runs = 1 if args.smoke else args.runs
    link_static_files()
    results: dict = {"loads": {}, "clicks": {}}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        with serve_static() as url:
            results["loads"]["static"] = loads(browser, url, False, runs)
        for name, script in (
            ("bare", "bench/apps/bare_st_folium.py"),
            ("bare + widgets", "bench/apps/bare_widgets.py"),
            ("naive", "bench/apps/naive_st_folium.py"),
            ("ours", "app.py"),
        ):
            with serve_app(script=script) as url:
                if name != "naive":  # whose map never shows: nothing to warm
                    loads(browser, url, True, 1)  # the server's first run, caches
                results["loads"][name] = loads(
                    browser, url, True, 1 if name == "naive" else runs
                )
                if name == "ours":
                    results["same_tab"] = same_tab(browser, url, runs)
                if name in ("bare", "ours"):
                    results["clicks"][name] = clicks(browser, url, runs, name == "ours")
                if name == "ours":
                    results["picks"] = other_picks(browser, url, runs)
        browser.close()
    results["script"] = script_times(3 if args.smoke else 30)
    # Every variant runs with our .streamlit/config.toml; DEFAULTS also runs
    # Streamlit's default full garbage collection after each run, which ours
    # switches off (runner.postScriptGC).
    results["server"] = {
        name: server_figures(script, name == "ours", args.smoke, args.soak, options)
        for name, script, options in (
            ("bare", "bench/apps/bare_st_folium.py", ()),
            ("naive", "bench/apps/naive_st_folium.py", ()),
            (
                DEFAULTS,
                "bench/apps/naive_st_folium.py",
                ("--runner.postScriptGC", "true"),
            ),
            ("ours", "app.py", ()),
        )
    }
    text = report(results, runs, args.smoke)
    shifts = layout_shift.table(
        1 if args.smoke else 3, PAGES[:1] if args.smoke else PAGES
    )
    text += LAYOUT_SHIFT.format(runs=1 if args.smoke else 3, table=shifts)
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
