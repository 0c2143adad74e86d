"""Browser fixtures: the app on loopback, Debian's chromium, nothing off the machine.

Modelled on streamlit's e2e_playwright/conftest.py: free port, poll /_stcore/health,
wait on the app's script state, never on sleeps.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Response,
    Route,
    sync_playwright,
)

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
SKELETON = '[data-testid="stSkeleton"]'
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# Opened at /itinerary, Streamlit first probes /itinerary/_stcore/… for its base
# path and gets 404 before it tries /_stcore/… (streamlit/streamlit#7074).
PAGE_PROBE = re.compile(r"/[a-z-]+/_stcore/(health|host-config)$")
# A failed load is logged twice: as this console text and as a response; the
# response carries the URL, so failures are judged there.
FAILED_LOAD = "Failed to load resource"
# The timeline rows the chart outlines itself on a click (trip/charts.py, flash).
FLASH = """() => document.querySelectorAll(
    '[data-testid="stVegaLiteChart"] svg g.mark-rect path[fill-opacity="0.1"]'
).length"""
# Where the timeline's plot starts: its row rectangles span the plot, and the row
# labels' width varies with the data, so a click "left of the bars" is measured.
PLOT_LEFT = """() => Math.min(...Array.from(document.querySelectorAll(
    '[data-testid="stVegaLiteChart"] svg g.mark-rect path[fill-opacity="0"]'
)).map(path => path.getBoundingClientRect().left))"""
VIEWPORTS = {
    "desktop": {"width": 1920, "height": 1080},
    "landscape": {"width": 1180, "height": 820},
    "tablet": {"width": 820, "height": 1180},
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve_app(script: str = "app.py", data_dir: Path | None = None) -> Iterator[str]:
    """A Streamlit server for the app (or another script of ours, run with the
    project on its path) on a free loopback port, stopped afterwards."""
    with start_app(script, data_dir) as (url, _):
        yield url


@contextmanager
def start_app(
    script: str = "app.py",
    data_dir: Path | None = None,
    options: tuple[str, ...] = (),
) -> Iterator[tuple[str, subprocess.Popen]]:
    """``serve_app`` with the server's process (the benchmark reads its memory);
    ``options`` are more ``streamlit run`` flags, after ours."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if data_dir is not None:  # in the default trip's place
        env["TRIP_DATA_DIR"] = str(data_dir)
    # A file, not a pipe: nobody reads the log while the server runs, and a full
    # pipe would stall a server under load.
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--server.fileWatcherType",
            "none",
            *options,
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                server.wait(timeout=20)
                log.seek(0)
                output = log.read().decode(errors="replace")
                log.close()
                pytest.fail(f"streamlit did not start:\n{output}")
            time.sleep(0.05)  # polling the health endpoint, bounded by the deadline
    try:
        yield url, server
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


class _QuietFiles(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        """No line per request in the output."""


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """A plain file server for ``folder`` on a free loopback port (an origin of
    its own, no headers of ours); yields its base URL."""
    handler = functools.partial(_QuietFiles, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    with serve_app() as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """A page, what it tried to fetch from elsewhere, and what it logged as errors."""

    page: Page
    base: str
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)

    def open(self, path: str = "/") -> Page:
        self.page.goto(self.base + path)
        self.settle()
        return self.page

    def settle(self) -> None:
        """Wait until Streamlit has finished the script run and drawn its elements:
        "notRunning" comes before lazy elements (charts, tables, widgets) replace
        their loading skeletons."""
        self.page.wait_for_selector(DONE, state="attached", timeout=30_000)
        self.page.wait_for_selector(SKELETON, state="detached", timeout=30_000)

    def map_frame(self):
        return self.page.frame_locator(MAP_FRAME)

    def assert_clean(self) -> None:
        assert not self.blocked, f"requests tried to leave the machine: {self.blocked}"
        assert not self.console_errors, f"console errors: {self.console_errors}"
        failed = [url for url in self.failed_responses if not PAGE_PROBE.search(url)]
        assert not failed, f"failed responses: {failed}"
        assert self.page.locator('[data-testid="stException"]').count() == 0

    def screenshot(self, name: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        size = self.page.viewport_size or {"width": 0, "height": 0}
        path = SHOTS / f"{name}-{size['width']}x{size['height']}.png"
        self.page.screenshot(path=str(path))
        return path


@contextmanager
def visiting(browser: Browser, base: str, viewport: dict[str, int]) -> Iterator[Visit]:
    """A fresh browser context at ``viewport`` that blocks off-host requests."""
    touch = viewport["width"] < 1000
    context = browser.new_context(viewport=viewport, has_touch=touch, is_mobile=False)
    page = context.new_page()
    visit = Visit(page, base)

    def guard(route: Route) -> None:
        host = urlparse(route.request.url).hostname or ""
        if (
            route.request.url.startswith(("data:", "blob:", "about:"))
            or host in LOCAL_HOSTS
        ):
            route.continue_()
        else:
            visit.blocked.append(route.request.url)
            route.abort()

    def console(message: ConsoleMessage) -> None:
        if message.type == "error" and not message.text.startswith(FAILED_LOAD):
            visit.console_errors.append(message.text)

    def response(answer: Response) -> None:
        if answer.status >= 400:
            visit.failed_responses.append(answer.url)

    context.route("**/*", guard)
    page.on("console", console)
    page.on("response", response)
    try:
        yield visit
    finally:
        context.close()


@pytest.fixture(params=list(VIEWPORTS))
def visit(request, browser, app_url) -> Iterator[Visit]:
    with visiting(browser, app_url, VIEWPORTS[request.param]) as visit:
        yield visit


@pytest.fixture
def desktop(browser, app_url) -> Iterator[Visit]:
    with visiting(browser, app_url, VIEWPORTS["desktop"]) as visit:
        yield visit


@pytest.fixture
def tablet(browser, app_url) -> Iterator[Visit]:
    with visiting(browser, app_url, VIEWPORTS["tablet"]) as visit:
        yield visit


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Screenshot on failure, next to the others."""
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        for name in ("visit", "desktop", "tablet"):
            found = item.funcargs.get(name)
            if isinstance(found, Visit):
                found.screenshot(f"FAILED-{item.name}")
