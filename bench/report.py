"""The benchmark's figures as Markdown: bench/RESULTS.md."""

from __future__ import annotations

import math
import os
import platform
import statistics
import subprocess
import time
from importlib.metadata import version

from bench.browser_figures import TIMEOUT_S
from harness.browser import CHROMIUM

DEFAULTS = "naive, Streamlit's defaults"


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


def ratio(figures: dict[str, float], over: str, under: str) -> str:
    """``over / under`` to two places; "–" where a variant was not measured (the
    smoke run leaves the floors out, the suite's test measures ours alone)."""
    if over not in figures or under not in figures:
        return "–"
    return f"{figures[over] / figures[under]:.2f}"


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
    loads = {name: statistics.median(f["cold"]) for name, f in results["loads"].items()}
    saturation = {name: f["saturation"] for name, f in results["server"].items()}
    clicks = {
        name: statistics.median(f["shown"]) for name, f in results["clicks"].items()
    }
    click_rows = [
        f"| {label} | {seconds(results['clicks'][name]['shown'])} | "
        f"{seconds(results['clicks'][name]['confirmed'])} |"
        for name, label in (
            ("bare", "bare (round trip)"),
            ("ours", "ours (in the map's frame)"),
        )
        if name in results["clicks"]
    ]
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
        *click_rows,
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
        f"- time to markers: ours / bare = {ratio(loads, 'ours', 'bare')} "
        f"(target ≤ 1.10), ours / static = {ratio(loads, 'ours', 'static')}, "
        f"ours / bare + widgets = {ratio(loads, 'ours', 'bare + widgets')}, "
        f"bare + widgets / bare = {ratio(loads, 'bare + widgets', 'bare')}",
        f"- marker click → drawn selected: ours / bare round trip = "
        f"{ratio(clicks, 'ours', 'bare')} (target ≤ 0.50)",
        f"- script runs per second at saturation: ours / naive = "
        f"{ratio(saturation, 'ours', 'naive')} "
        "(target ≥ 2; both with our server settings), ours / naive with "
        f"Streamlit's defaults = {ratio(saturation, 'ours', DEFAULTS)}, "
        f"ours / bare = {ratio(saturation, 'ours', 'bare')}",
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
