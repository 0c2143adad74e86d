"""The benchmark without a browser: a variant's cold start, script runs per
second at saturation and, for ours, readers at one pick every 5 s with the
server's memory, over Streamlit's websocket protocol (bench/load.py); the
script time of a rerun in-process (AppTest)."""

from __future__ import annotations

import threading
import time

import psutil

from bench import load
from harness.servers import ROOT, start_app


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
    """The process's resident memory, MiB."""
    return psutil.Process(pid).memory_info().rss / 2**20


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
    began = time.perf_counter()
    with start_app(script=script, options=options) as (url, process):
        health = time.perf_counter() - began
        first = load.first_page(url)
        cold = {"health": health, "first_page": health + first}
        return {"cold": cold, **served_figures(url, process.pid, ours, smoke, soak_s)}


def served_figures(url: str, pid: int, ours: bool, smoke: bool, soak_s: float) -> dict:
    """Throughput at saturation and (ours) readers, of the server at ``url``
    (process ``pid``) once it has run its first page."""
    figures: dict = {}
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
        before = rss_mib(pid)
        with Sampler(pid, 10 if seconds > 60 else 1) as sampler:
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
