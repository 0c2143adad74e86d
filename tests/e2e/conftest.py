"""Browser fixtures: the app on loopback, Debian's chromium-headless-shell (harness/
browser.py says why), nothing off the machine;
built on harness/ (servers, browser, page), which the benchmark shares.

Modelled on streamlit's e2e_playwright/conftest.py: free port, poll /_stcore/health,
wait on the app's script state, never on sleeps. A test shows that something did
not happen by waiting for the next state that would carry it. Every browser
context records a Playwright trace; a failed test's are kept under
artifacts/traces/ (``playwright show-trace artifacts/traces/<test>.zip``;
``traced`` says what they hold).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Error,
    Page,
    WebSocketRoute,
    sync_playwright,
)
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from harness import browser as chromium
from harness.browser import HEADLESS_SHELL, Visit, launch_chromium
from harness.servers import ROOT, serve_app

TRACES = ROOT / "artifacts" / "traces"
VIEWPORTS = {
    "desktop": {"width": 1920, "height": 1080},
    "landscape": {"width": 1180, "height": 820},
    "tablet": {"width": 820, "height": 1180},
}


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    with serve_app() as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = launch_chromium(playwright, HEADLESS_SHELL)
        yield launched
        launched.close()


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

    By default the actions, with their timing, the console and the network
    (nearly free), and a screenshot of the failure beside it
    (``pytest_runtest_makereport``). E2E_TRACES=dom adds a DOM snapshot at each
    action, which the trace viewer draws before and after each: it cost 0.5 to
    1.3 s of CPU per page load (a sixth; measured with one test's load at a
    time), so CI goes without. E2E_TRACES=full adds the screencast too (a film
    strip: the browser tests half as slow again on two busy cores);
    E2E_TRACES=0 records nothing."""
    mode = os.environ.get("E2E_TRACES", "actions")
    tracing = mode != "0"
    if tracing:
        context.tracing.start(
            screenshots=mode == "full", snapshots=mode in ("dom", "full")
        )
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


def visiting(browser: Browser, base: str, viewport: dict[str, int]):
    """``harness.browser.visiting`` with a trace of the test (``traced``)."""
    return chromium.visiting(browser, base, viewport, record=traced)


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


# Servers a module starts once for its tests (scope="module"): the tests that use
# one go to one xdist worker (pyproject.toml: --dist loadgroup), or each worker
# would start its own.
MODULE_SERVERS = {"hostile": "hostile-data", "probe_url": "probe-app"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Group the tests of a module's server before xdist reads the groups."""
    for item in items:
        for fixture, group in MODULE_SERVERS.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(pytest.mark.xdist_group(group))


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
