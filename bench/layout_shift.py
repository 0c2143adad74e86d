"""Benchmark: Cumulative Layout Shift of every page, as Chromium reports it.

    .venv/bin/python bench/layout_shift.py [--runs N] [--verbose]

Each page opens in a new browser context (a cold load, nothing cached) at
1920x1080 and at 820x1180 with touch, every request off the machine blocked; a
``PerformanceObserver`` for ``layout-shift`` collects every shift not caused by
input until the page has been still for two seconds after Streamlit's run. CLS is
the largest session window (shifts less than 1 s apart, at most 5 s long), as
web.dev defines it. ``--verbose`` prints what moved in each shift. Prints figures;
asserts nothing (issue 16 asks for CLS ≤ 0.1).
"""

from __future__ import annotations

import argparse
import statistics

from playwright.sync_api import sync_playwright

from harness.browser import launch_chromium, visiting
from harness.servers import serve_app

PAGES = [
    "/?lang=de",
    "/?lang=de&stop=seoul",
    "/itinerary?lang=de",
    "/trade?lang=de",
    "/sources?lang=de",
    "/briefing?lang=de",
    "/?lang=de&trip=2015-korea",
]
# Touch below 1000 px wide, as the browser tests have it (``visiting``).
SIZES = {"1920x1080": (1920, 1080), "820x1180 touch": (820, 1180)}

# Installed before any script of the page: every shift from the first paint on.
OBSERVE = """
window.__shifts = [];
new PerformanceObserver(list => {
  for (const e of list.getEntries()) {
    if (e.hadRecentInput) continue;
    const app = document.querySelector('[data-testid="stApp"]');
    const run = app ? app.getAttribute('data-test-script-state') : '';
    window.__shifts.push({t: e.startTime, v: e.value, run, sources: e.sources.map(s => {
      const n = s.node, el = n && n.closest ? n : (n && n.parentElement);
      const keyed = el && el.closest('[class*="st-key-"]');
      const key = keyed ? (keyed.className.match(/st-key-[\\w-]+/) || [''])[0] : '';
      const tid = el && el.closest('[data-testid]');
      const text = el ? (el.innerText || '').slice(0, 24).replace(/\\s+/g, ' ') : '';
      return (tid ? tid.getAttribute('data-testid') : '?') + (key ? ' ' + key : '')
        + (text ? ' «' + text + '»' : '')
        + ' y ' + Math.round(s.previousRect.y) + '→' + Math.round(s.currentRect.y)
        + ' h ' + Math.round(s.previousRect.height) + '→'
        + Math.round(s.currentRect.height);
    })});
  }
}).observe({type: 'layout-shift', buffered: true});
"""
SESSION_WINDOWS = """() => {
  let best = 0, sum = 0, first = -1e9, last = -1e9;
  for (const s of window.__shifts) {
    if (s.t - last > 1000 || s.t - first > 5000) { sum = 0; first = s.t; }
    sum += s.v; last = s.t; best = Math.max(best, sum);
  }
  return best;
}"""


def measure(
    browser, url: str, path: str, size: tuple[int, int], warm: bool, verbose: bool
) -> float:
    with visiting(browser, url, {"width": size[0], "height": size[1]}) as visit:
        visit.page.context.add_init_script(OBSERVE)
        page = visit.open(path)
        if warm:  # again, with the browser's cache filled by the first load
            page = visit.open(path)
        # Still for two seconds: nothing has moved in that time.
        page.wait_for_function(
            "() => { const s = window.__shifts; const t = performance.now();"
            " return t - (s.length ? s[s.length - 1].t : 0) > 2000; }",
            polling=250,
            timeout=30_000,
        )
        if verbose:
            for shift in page.evaluate("() => window.__shifts"):
                when = f"{shift['t']:7.0f} ms {shift['v']:.4f} {shift['run']}"
                print("   ", when, shift["sources"])
        return page.evaluate(SESSION_WINDOWS)


def table(runs: int, pages: list[str], verbose: bool = False) -> str:
    """The figures as a Markdown table: a row per page, cold and warm per size."""
    heads = [f"{size} {cache}" for size in SIZES for cache in ("cold", "warm")]
    lines = [
        "| page (CLS, median / max) | " + " | ".join(heads) + " |",
        "|---|" + "---|" * len(heads),
    ]
    with serve_app() as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for path in pages:
            cells = []
            for size in SIZES.values():
                for warm in (False, True):
                    found = [
                        measure(browser, url, path, size, warm, verbose)
                        for _ in range(runs)
                    ]
                    cells.append(f"{statistics.median(found):.3f} / {max(found):.3f}")
            lines.append(f"| `{path}` | " + " | ".join(cells) + " |")
            if verbose:
                print(lines[-1], flush=True)
        browser.close()
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--page", action="append", help="only these paths")
    args = parser.parse_args()
    print(table(args.runs, args.page or PAGES, args.verbose))


if __name__ == "__main__":
    main()
