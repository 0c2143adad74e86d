"""Benchmark: the browser's CPU for one cold page load, in Debian's chromium and
in its chromium-headless-shell (which the browser tests run in).

    .venv/bin/python bench/browser_cpu.py [--runs N]

Each page opens in a new browser context at 1920x1080, every request off the
machine blocked, until Streamlit's run is done and no loading skeleton is left;
the figure is the CPU time (user + system) the browser's processes used from the
navigation until then, children that exited included. A Streamlit page that only
writes "hello" is the floor. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import time
from pathlib import Path

import psutil
from playwright.sync_api import Browser, sync_playwright

from harness.browser import CHROMIUM, HEADLESS_SHELL, launch_chromium, visiting
from harness.servers import ROOT, serve_app

PAGES = ["/?lang=de", "/itinerary?lang=de", "/trade?lang=de", "/sources?lang=de"]
HELLO = ROOT / "bench" / "apps" / "hello.py"


def descendants_cpu_s(root: int) -> float:
    """CPU seconds of ``root``'s descendants (this process's: the Playwright
    driver and the browser it starts), with the children they waited for."""
    total = 0.0
    for process in psutil.Process(root).children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess):  # exited meanwhile
            used = process.cpu_times()
            total += used.user + used.system + used.children_user + used.children_system
    return total


def page_load(browser: Browser, url: str, path: str) -> tuple[float, float]:
    """Seconds and browser CPU seconds of one cold load of ``path``."""
    with visiting(browser, url, {"width": 1920, "height": 1080}) as visit:
        began, cpu = time.perf_counter(), descendants_cpu_s(os.getpid())
        visit.open(path)
        return (
            time.perf_counter() - began,
            descendants_cpu_s(os.getpid()) - cpu,
        )


def figures(executable: str, script: str, paths: list[str], runs: int) -> list[str]:
    rows = []
    with serve_app(script=script) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright, executable)
        page_load(browser, url, paths[0])  # the server's first run, its caches
        for path in paths:
            loads = [page_load(browser, url, path) for _ in range(runs)]
            took = statistics.median(seconds for seconds, _ in loads)
            cpu = statistics.median(cpu for _, cpu in loads)
            name = Path(executable).name
            page = "hello" if script == str(HELLO) else path
            rows.append(f"| {name} | `{page}` | {took:.2f} | {cpu:.2f} |")
        browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rows = ["| browser | page | load (s, median) | browser CPU (s, median) |"]
    rows.append("|---|---|---|---|")
    for executable in (CHROMIUM, HEADLESS_SHELL):
        rows += figures(executable, str(HELLO), ["/"], args.runs)
        rows += figures(executable, "app.py", PAGES, args.runs)
    print("\n".join(rows))


if __name__ == "__main__":
    main()
