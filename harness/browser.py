"""Debian's chromium through Playwright, with nothing off the machine: a launch
with our flags, and ``visiting``, a fresh context at a viewport that blocks
off-host requests and keeps what the page logged as errors (``Visit``)."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    Response,
    Route,
)

from harness.page import (
    DONE,
    DRAWN,
    MAP_FRAME,
    MAP_SIZED,
    PAGE_PROBE,
    SKELETON,
)
from harness.servers import ROOT

# The browser readers use, which the benchmark measures in; and Debian's
# chromium-headless-shell, Chromium's engine without the browser around it (the
# old headless mode, which Playwright itself runs for headless Chromium), which
# the browser tests run in. One cold page load took 1.0 s of CPU for a Streamlit
# hello-world page against 2.6 s in the full browser, and 3.7 s against 5.9 s
# for our overview; the browser tests took 30 % less time (bench/browser_cpu.py
# prints these figures).
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
HEADLESS_SHELL = os.environ.get(
    "CHROMIUM_SHELL_PATH", "/usr/bin/chromium-headless-shell"
)
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
# Loopback's host names (as urlparse gives them: IPv6 without brackets), and the
# schemes of what a page makes itself: requests that stay on this machine.
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
PAGE_OWN = ("data:", "blob:", "about:")
SHOTS = ROOT / "artifacts" / "screenshots"
# How long a page's run may take. A fresh server's first run imports pandas,
# altair and folium and fills the caches: 50 s were measured on two cores with a
# load of 20, so tests that open a new server pass FIRST_RUN_MS.
SETTLE_MS = 30_000
FIRST_RUN_MS = 120_000
# A failed load is logged twice: as this console text and as a response; the
# response carries the URL, so failures are judged there.
FAILED_LOAD = "Failed to load resource"


def launch_chromium(playwright: Playwright, executable: str = CHROMIUM) -> Browser:
    """Debian's chromium (or ``executable``: HEADLESS_SHELL), headless, with
    nothing of its own going online."""
    return playwright.chromium.launch(
        executable_path=executable, args=list(CHROMIUM_ARGS)
    )


# The requests that may leave the machine: every URL but loopback's and the
# page's own (data:, blob:, about:). Playwright's driver matches this pattern, so
# only these requests reach the guard in Python, which decides (``stays_local``);
# routing "**/*" sent each request to Python and back (~60 a page load).
_OWN = "|".join(re.escape(scheme) for scheme in PAGE_OWN)
_LOOPBACK = "|".join(
    re.escape(f"[{host}]" if ":" in host else host) for host in LOCAL_HOSTS
)
MAY_LEAVE = re.compile(
    rf"^(?!(?:{_OWN})|(?:https?|wss?)://(?:{_LOOPBACK})(?::\d+)?(?:[/?#]|$))"
)


def stays_local(url: str) -> bool:
    """Whether a request stays on this machine (loopback, or no network at all)."""
    if url.startswith(PAGE_OWN):
        return True
    return (urlparse(url).hostname or "") in LOCAL_HOSTS


def block_off_host(context: BrowserContext, blocked: Callable[[str], None]) -> None:
    """Abort every request of ``context`` that would leave the machine, telling
    ``blocked`` its URL; the others go on untouched."""

    def guard(route: Route) -> None:
        if stays_local(route.request.url):
            route.continue_()
        else:
            blocked(route.request.url)
            route.abort()

    context.route(MAY_LEAVE, guard)


@dataclass
class Visit:
    """A page, what it tried to fetch from elsewhere, and what it logged as errors."""

    page: Page
    base: str
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)

    def open(self, path: str = "/", timeout_ms: float = SETTLE_MS) -> Page:
        self.page.goto(self.base + path)
        self.settle(timeout_ms)
        return self.page

    def settle(self, timeout_ms: float = SETTLE_MS) -> None:
        """Wait until Streamlit has finished the script run and drawn its elements:
        a run has drawn something (``DRAWN``), and "notRunning" comes before lazy
        elements (charts, tables, widgets) replace their loading skeletons."""
        self.page.wait_for_selector(DRAWN, state="attached", timeout=timeout_ms)
        self.page.wait_for_selector(DONE, state="attached", timeout=timeout_ms)
        self.page.wait_for_selector(SKELETON, state="detached", timeout=timeout_ms)

    def map_frame(self):
        return self.page.frame_locator(MAP_FRAME)

    def map_sized(self, timeout_ms: float = SETTLE_MS) -> None:
        """Wait until the map's frame has its height, before a test measures where
        the map is (``MAP_SIZED``)."""
        self.page.wait_for_function(MAP_SIZED, arg=MAP_FRAME, timeout=timeout_ms)

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


@contextmanager
def closing(context: BrowserContext) -> Iterator[BrowserContext]:
    """A context closed afterwards, recording nothing."""
    try:
        yield context
    finally:
        context.close()


@contextmanager
def visiting(
    browser: Browser,
    base: str,
    viewport: dict[str, int],
    record: Callable[
        [BrowserContext], AbstractContextManager[BrowserContext]
    ] = closing,
) -> Iterator[Visit]:
    """A fresh browser context at ``viewport`` (touch below 1000 px wide) that
    blocks off-host requests; ``record`` wraps the context and closes it (the
    browser tests' ``traced`` keeps a trace of a failed test)."""
    touch = viewport["width"] < 1000
    with record(
        browser.new_context(viewport=viewport, has_touch=touch, is_mobile=False)
    ) as context:
        yield _visit(context, base)


def _visit(context: BrowserContext, base: str) -> Visit:
    page = context.new_page()
    visit = Visit(page, base)

    def console(message: ConsoleMessage) -> None:
        if message.type == "error" and not message.text.startswith(FAILED_LOAD):
            visit.console_errors.append(message.text)

    def response(answer: Response) -> None:
        if answer.status >= 400:
            visit.failed_responses.append(answer.url)

    block_off_host(context, visit.blocked.append)
    page.on("console", console)
    page.on("response", response)
    return visit
