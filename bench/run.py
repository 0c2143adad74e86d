"""Benchmark: ours against the floors, side by side, in one run; writes RESULTS.md.

    .venv/bin/python bench/run.py              # full run, writes bench/RESULTS.md
    .venv/bin/python bench/run.py --smoke      # each path once (no asserts)

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
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from bench import layout_shift
from bench.browser_figures import clicks, loads, other_picks, same_tab, serve_static
from bench.layout_shift import PAGES
from bench.report import DEFAULTS, LAYOUT_SHIFT, report
from bench.server_figures import script_times, server_figures
from harness.browser import launch_chromium
from harness.servers import ROOT, serve_app

BARE, NAIVE = "bench/apps/bare_st_folium.py", "bench/apps/naive_st_folium.py"
# Each variant's script, and whether the smoke run measures it too: the smoke run
# checks that every code path of the benchmark still works, and the floors it
# leaves out go through the same functions as bare (the naive page alone would
# wait out its 30 s timeout twice, its map never showing offline). Their apps are
# run by tests/app/test_bench_apps.py.
BROWSER_VARIANTS = (
    ("bare", BARE, True),
    ("bare + widgets", "bench/apps/bare_widgets.py", False),
    ("naive", NAIVE, False),
    ("ours", "app.py", True),
)
# Every variant runs with our .streamlit/config.toml; DEFAULTS also runs
# Streamlit's default full garbage collection after each run, which ours switches
# off (runner.postScriptGC).
SERVER_VARIANTS = (
    ("bare", (BARE, ()), True),
    ("naive", (NAIVE, ()), False),
    (DEFAULTS, (NAIVE, ("--runner.postScriptGC", "true")), False),
    ("ours", ("app.py", ()), True),
)


def variants(table: tuple, smoke: bool) -> list[tuple[str, Any]]:
    """The variants a run measures: every one, or the smoke run's."""
    return [(name, what) for name, what, in_smoke in table if in_smoke or not smoke]


def link_static_files() -> None:
    """Streamlit serves ./static beside the main script: the bench apps in
    bench/apps get the app's static files (Leaflet) through a link."""
    link = ROOT / "bench" / "apps" / "static"
    if not link.exists():
        link.symlink_to(ROOT / "static", target_is_directory=True)


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
        browser = launch_chromium(playwright)
        with serve_static() as url:
            results["loads"]["static"] = loads(browser, url, False, runs)
        for name, script in variants(BROWSER_VARIANTS, args.smoke):
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
    results["server"] = {
        name: server_figures(script, name == "ours", args.smoke, args.soak, options)
        for name, (script, options) in variants(SERVER_VARIANTS, args.smoke)
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
