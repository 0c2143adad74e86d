"""Readers through deploy/'s nginx, over Streamlit's websocket protocol: a
``Reader`` is a browser tab (nginx's route cookie, a URL, a socket) that picks a
stop every 5 s and reconnects as Streamlit's frontend does; ``join_all`` joins
many, ``room`` has many open the same link at once. bench/replicas.py measures
with them, tests/e2e/deployed/ asserts with them."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import random
import re
import statistics
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field

import websockets

from deploy.settings import COOKIE
from harness.protocol import (
    FAILURES,
    STOPS,
    TIMEOUT_S,
    Session,
    route_cookie,
    stream_url,
)
from harness.stats import quantile

PICK_EVERY_S = 5.0


@dataclass
class Reader:
    """One browser tab: a cookie, a URL (query string) and a socket."""

    url: str
    cookie: str = ""  # nginx's, from the first page (join)
    session: Session | None = None
    latencies: list[tuple[float, float]] = field(default_factory=list)  # (at, s)
    errors: list[tuple[float, str]] = field(default_factory=list)
    picked: str = ""
    replica: str = ""
    reconnects: list[dict] = field(default_factory=list)

    async def join(self, query: str = "") -> float:
        if not self.cookie:  # the page first, as a browser loads it: the cookie
            self.cookie = await asyncio.to_thread(route_cookie, self.url)
        self.session = Session(stream_url(self.url), cookie=self.cookie)
        self.session.query_string = query
        took = await self.session.connect()
        self.replica = self.session.replica
        return took

    async def read(self, until: float, rejoin: bool) -> None:
        """Pick a stop every 5 s; when the socket drops, reconnect with the URL
        the tab shows (as Streamlit's frontend does) and check the view."""
        stops = list(STOPS)
        await asyncio.sleep(random.uniform(0, PICK_EVERY_S))
        index = random.randrange(len(stops))
        while time.perf_counter() < until:
            began = time.perf_counter()
            index += 1
            stop = stops[index % len(stops)]
            try:
                took = await self.session.rerun(self.session.selection(stop))
                self.latencies.append((began, took))
                self.picked = stop
            except FAILURES as error:
                self.errors.append((began, repr(error)[:120]))
                if rejoin:
                    await self.rejoin(began)
            await asyncio.sleep(max(0.0, PICK_EVERY_S - (time.perf_counter() - began)))
        with contextlib.suppress(*FAILURES):
            await self.session.close()

    async def rejoin(self, lost_at: float) -> None:
        query, before = self.session.query_string, self.replica
        for attempt in range(20):
            try:
                took = await self.join(query)
            except FAILURES:
                await asyncio.sleep(0.5 * (attempt + 1))
                continue
            self.reconnects.append(
                {
                    "after_s": time.perf_counter() - lost_at,
                    "first_run_s": took,
                    "from": before,
                    "to": self.replica,
                    "view_back": self.session.selected == self.picked,
                }
            )
            return
        self.reconnects.append({"after_s": None, "view_back": False})


async def join_all(
    url: str, readers: int, on_every: int = 0
) -> tuple[list[Reader], list[float]]:
    """Join ``readers`` readers; with ``on_every`` (a process count), keep joining
    (up to four times as many) until every process holds at least one, since the
    cookies are random (nginx's) and the kill test needs readers on both sides."""
    joined, joins = [], []
    for attempt in range(readers * (4 if on_every else 1)):
        spread = {r.replica for r in joined}
        if attempt >= readers and len(spread) >= on_every:
            break
        reader = Reader(url)
        try:
            joins.append(await reader.join())
        except FAILURES:
            continue
        joined.append(reader)
    return joined, joins


# What a first page asks of nginx's rate-limited location (everything but the
# static files, the health check and the websocket), as Chromium loads the
# overview through deploy/ (counted in nginx's access log: 6 requests; /briefing
# makes 8, with Streamlit's base-path probes and the calendar and pack
# downloads): the page, Streamlit's host config and favicon; once the first run
# has drawn the map, its component's page (twice: mounted, then sized) and script.
# A process serves a component only once a run has imported it.
PAGE = ("/", "/_stcore/host-config", "/favicon.png")
MAP_COMPONENT = "/component/streamlit_folium.st_folium/"
MAP_PAGE = (MAP_COMPONENT + "index.html", MAP_COMPONENT + "index.html")


def fetch_all(url: str, paths: list[str], cookie: str = "") -> tuple[str, str]:
    """``paths`` requested in order, as a browser does (a script a component's
    page names is requested after it); the route cookie the answers set (or
    ``cookie``), and what failed: "" or the HTTP status."""
    paths = list(paths)
    while paths:
        path = paths.pop(0)
        headers = {"Cookie": f"{COOKIE}={cookie}"} if cookie else {}
        request = urllib.request.Request(url + path, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as answer:
                body = answer.read()
                issued = answer.headers.get("Set-Cookie", "")
        except urllib.error.HTTPError as error:
            return cookie, f"{path} {error.code}"
        if issued.startswith(f"{COOKIE}="):
            cookie = issued.split(";")[0].split("=", 1)[1]
        if path.startswith(MAP_COMPONENT) and path.endswith(".html"):
            for name in re.findall(rb'src="\./([^"]+\.js)"', body):
                if (script := MAP_COMPONENT + name.decode()) not in paths:
                    paths.append(script)
    return cookie, ""


async def room(url: str, readers: int) -> dict:
    """``readers`` people behind one address (loopback) open the same link at
    once: each loads the first page's HTTP requests (and gets its cookie), opens
    the websocket, waits for the first run's end and loads the map's frame.
    Counts who got the app, and what the others got: an HTTP status (429 over
    the request rate, 503 over the sessions) or an error."""
    took: list[float] = []
    failed: Counter[str] = Counter()
    sessions: list[Session] = []
    loop = asyncio.get_running_loop()
    # A thread per reader: their pages are requested at once, not six at a time.
    pool = concurrent.futures.ThreadPoolExecutor(readers)

    async def reader() -> None:
        began = time.perf_counter()
        cookie, failure = await loop.run_in_executor(pool, fetch_all, url, PAGE)
        if failure:
            failed[failure.split(" ")[-1]] += 1
            return
        session = Session(stream_url(url), cookie=cookie)
        try:
            await session.connect()
        except websockets.InvalidStatus as refused:
            failed[f"websocket {refused.response.status_code}"] += 1
            return
        except FAILURES as error:
            failed[type(error).__name__] += 1
            return
        sessions.append(session)
        _, failure = await loop.run_in_executor(pool, fetch_all, url, MAP_PAGE, cookie)
        if failure:
            failed[failure.split(" ")[-1]] += 1
            return
        took.append(time.perf_counter() - began)

    with pool:
        await asyncio.gather(*(reader() for _ in range(readers)))
    spread = Counter(session.replica for session in sessions)
    for session in sessions:
        with contextlib.suppress(*FAILURES):
            await session.close()
    return {
        "readers": readers,
        "got_the_app": len(took),
        "failed": dict(sorted(failed.items())),
        "first_page_p50": statistics.median(took) if took else float("nan"),
        "first_page_p95": quantile(took, 95),
        "first_page_max": max(took, default=float("nan")),
        "spread": dict(sorted(spread.items())),
    }
