"""Browser fixtures: the app on loopback, Debian's chromium, nothing off the machine.

Modelled on streamlit's e2e_playwright/conftest.py: free port, poll /_stcore/health,
wait on the app's script state, never on sleeps. A test shows that something did
not happen by waiting for the next state that would carry it. Every browser
context records a Playwright trace; a failed test's are kept under
artifacts/traces/ (``playwright show-trace artifacts/traces/<test>.zip``;
``traced`` says what they hold).
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
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Error,
    Page,
    Response,
    Route,
    WebSocketRoute,
    sync_playwright,
)
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
TRACES = ROOT / "artifacts" / "traces"
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

    def flush_console(self) -> None:
        """Wait until the console messages every frame logged so far have
        arrived: each frame logs a token and the test waits for it (a frame's
        messages arrive in order)."""
        flush_console(self.page)

    def assert_clean(self) -> None:
        self.flush_console()
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


def flush_console(page: Page) -> None:
    """See ``Visit.flush_console``."""
    for number, frame in enumerate(page.frames):
        token = f"flush-console-{number}-{time.monotonic_ns()}"
        with page.expect_console_message(lambda message, t=token: message.text == t):
            frame.evaluate("token => console.debug(token)", token)


def until_seen(page: Page, check, what: str, timeout_s: float = 30):
    """Poll ``check`` (a state the test's event handlers keep) until it returns
    something true, letting Playwright deliver its events meanwhile; fail after
    ``timeout_s``. For states no page event carries, such as messages a
    ``Relay`` holds back."""
    deadline = time.monotonic() + timeout_s
    while not (found := check()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        page.wait_for_timeout(25)  # delivers Playwright's events; polls a state
    return found


class Relay:
    """The app's websocket through the test: from ``hold()`` on, the server's
    messages are held back until ``release()``, so what the page shows meanwhile
    cannot come from Python. Every message either side sent is kept, parsed."""

    def __init__(self, page: Page) -> None:
        self.holding = False
        self.held: list[bytes | str] = []
        self.held_from = 0
        self.from_server: list[ForwardMsg] = []
        self.from_page: list[BackMsg] = []
        self.page_side: WebSocketRoute | None = None
        page.route_web_socket("**/_stcore/stream", self._connect)

    def _connect(self, socket: WebSocketRoute) -> None:
        server = socket.connect_to_server()
        self.page_side = socket

        def from_server(message: bytes | str) -> None:
            self.from_server.append(ForwardMsg.FromString(message))
            if self.holding:
                self.held.append(message)
            else:
                socket.send(message)

        def from_page(message: bytes | str) -> None:
            self.from_page.append(BackMsg.FromString(message))
            server.send(message)

        server.on_message(from_server)
        socket.on_message(from_page)

    def hold(self) -> None:
        self.holding = True
        self.held_from = len(self.from_server)

    def held_messages(self) -> list[ForwardMsg]:
        """What the server sent since ``hold()``, parsed (held while holding)."""
        return self.from_server[self.held_from :] if self.holding else []

    def held_answer(self, query: str) -> bool:
        """Whether the messages held back hold a whole run that set ``query``
        in the page's URL: Python's answer to a click, from start to end."""
        asked = False
        for message in self.held_messages():
            kind = message.WhichOneof("type")
            if kind == "page_info_changed":
                asked = query in message.page_info_changed.query_string
            elif (
                kind == "script_finished"
                and asked
                and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
            ):
                return True
        return False

    def release(self) -> None:
        self.holding = False
        held, self.held = self.held, []
        assert self.page_side is not None
        for message in held:
            self.page_side.send(message)


def _current_test() -> pytest.Item | None:
    return _RUNNING.get("item")


_RUNNING: dict[str, pytest.Item] = {}
CALL_FAILED = pytest.StashKey[bool]()
TRACE_COUNT = pytest.StashKey[int]()


def _trace_name(item: pytest.Item) -> str:
    return re.sub(r"[^\w.\[\]-]+", "_", item.name)


@contextmanager
def traced(context: BrowserContext) -> Iterator[BrowserContext]:
    """Record a trace of ``context``; keep it as artifacts/traces/<test>.zip
    only when the test failed, then close the context. Failed: an exception
    (not a skip) left the ``with`` block, or the test's call failed before its
    fixtures' teardown closed the context.

    A DOM snapshot at each action by default: the trace viewer draws the page
    before and after each. E2E_TRACES=full adds the screencast (a film strip),
    which made the browser tests half as slow again on two busy cores (the
    snapshots cost about a tenth); E2E_TRACES=0 records nothing."""
    mode = os.environ.get("E2E_TRACES", "dom")
    tracing = mode != "0"
    if tracing:
        context.tracing.start(screenshots=mode == "full", snapshots=True)
    failed = False
    try:
        yield context
    except BaseException as error:
        failed = not isinstance(error, (pytest.skip.Exception, KeyboardInterrupt))
        raise
    finally:
        item = _current_test()
        if item is not None and item.stash.get(CALL_FAILED, False):
            failed = True
        path = None
        if tracing and failed and item is not None:
            count = item.stash.get(TRACE_COUNT, 0) + 1
            item.stash[TRACE_COUNT] = count
            name = _trace_name(item)
            TRACES.mkdir(parents=True, exist_ok=True)
            path = TRACES / (f"{name}.zip" if count == 1 else f"{name}-{count}.zip")
        if tracing:
            with suppress(Error):  # a browser gone: the test's own error matters
                context.tracing.stop(path=path)
        context.close()


@contextmanager
def visiting(browser: Browser, base: str, viewport: dict[str, int]) -> Iterator[Visit]:
    """A fresh browser context at ``viewport`` that blocks off-host requests."""
    touch = viewport["width"] < 1000
    with traced(
        browser.new_context(viewport=viewport, has_touch=touch, is_mobile=False)
    ) as context:
        yield _visit(context, base)


def _visit(context: BrowserContext, base: str) -> Visit:
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
    return visit


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
def pytest_runtest_protocol(item, nextitem):
    """Which test runs: ``traced`` names its trace after it; its traces from
    an earlier run go."""
    _RUNNING["item"] = item
    for old in TRACES.glob("*.zip"):
        if re.fullmatch(re.escape(_trace_name(item)) + r"(-\d+)?", old.stem):
            old.unlink()
    try:
        yield
    finally:
        _RUNNING.pop("item", None)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Screenshot on failure, next to the others; the call's outcome noted for
    ``traced``, which the fixtures' teardown runs after it."""
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.stash[CALL_FAILED] = report.failed
    if report.when == "call" and report.failed:
        for name in ("visit", "desktop", "tablet"):
            found = item.funcargs.get(name)
            if isinstance(found, Visit):
                found.screenshot(f"FAILED-{item.name}")
