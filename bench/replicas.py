"""Load across replicas: deploy/'s nginx in front of 1, 2 and 4 Streamlit processes.

    .venv/bin/python bench/replicas.py            # the full run (about 15 minutes)
    .venv/bin/python bench/replicas.py --smoke    # one of everything, seconds

On loopback, bounded. For each process count, readers join through nginx (each
with the route cookie nginx issues with a first page, as browsers get one) and
pick a stop every 5 s; the figures are sessions held, p50/p95/max of a pick and
how the sessions spread over the processes. Then the kill test: with readers on
every process, one process is killed (SIGKILL). Readers on the others must see
nothing; the killed one's readers reconnect, as Streamlit's frontend does, with
the URL they had, and must get their view back: the stop they had picked is
selected again. Then a room behind one address with the limits as deployed: 50
readers open the same link at once (the first page's HTTP requests, the websocket,
the first run, the map's frame); the figures are how many got the app, what the
others got, and p50/p95/max of the first page. Prints Markdown; --out appends it
to a file (bench/RESULTS.md keeps the last full run by hand).
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextlib
import os
import random
import re
import signal
import statistics
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import websockets  # noqa: E402

from bench.load import (  # noqa: E402
    FAILURES,
    STOPS,
    TIMEOUT_S,
    Session,
    route_cookie,
    stream_url,
)
from deploy.serve import launched, replica_pid  # noqa: E402
from deploy.settings import COOKIE  # noqa: E402

PICK_EVERY_S = 5.0


def deployed(replicas: int, port: int, first_port: int):
    """deploy.serve with limits opened wide: every reader comes from 127.0.0.1."""
    return launched(replicas, port, first_port, wide_open=True)


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


def quantile(values: list[float], q: float) -> float:
    """The q-th percentile; a single value is its own, none is NaN (a short
    smoke run can have one pick in a window)."""
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


async def load_step(url: str, readers: int, seconds: float) -> dict:
    joined, joins = await join_all(url, readers)
    until = time.perf_counter() + seconds
    await asyncio.gather(*(r.read(until, rejoin=False) for r in joined))
    took = [s for r in joined for _, s in r.latencies]
    errors = sum(len(r.errors) for r in joined)
    return {
        "readers": readers,
        "held": sum(1 for r in joined if not r.errors),
        "picks": len(took),
        "errors": errors,
        "p50": statistics.median(took) if took else float("nan"),
        "p95": quantile(took, 95),
        "max": max(took, default=float("nan")),
        "join_p95": quantile(joins, 95),
        "spread": dict(sorted(Counter(r.replica for r in joined).items())),
    }


async def kill_test(
    url: str, readers: int, seconds: float, first_port: int, processes: int
) -> dict:
    """Kill the last process (``X-Replica`` numbers them from 1) once every reader
    has picked at least once, and see who notices."""
    joined, _ = await join_all(url, readers, on_every=processes)
    victim, victim_port = str(processes), first_port + processes - 1
    start = time.perf_counter()
    until = start + seconds
    kill_at = start + max(seconds / 3, PICK_EVERY_S * 1.5)

    async def kill() -> None:
        await asyncio.sleep(kill_at - time.perf_counter())
        os.kill(replica_pid(victim_port), signal.SIGKILL)

    await asyncio.gather(kill(), *(r.read(until, rejoin=True) for r in joined))
    on_victim = [r for r in joined if r.reconnects or r.errors]
    others = [r for r in joined if r not in on_victim]
    before = [s for r in others for at, s in r.latencies if at < kill_at]
    after = [s for r in others for at, s in r.latencies if at >= kill_at]
    moved = [c for r in on_victim for c in r.reconnects]
    return {
        "readers": len(joined),
        "on_killed": len(on_victim),
        "killed_replica": victim,
        "killed_readers_were_on_it": all(
            c.get("from") == victim for c in moved if c.get("from")
        ),
        "others_errors": sum(len(r.errors) for r in others),
        "others_p95_before": quantile(before, 95),
        "others_p95_after": quantile(after, 95),
        "reconnected": sum(1 for c in moved if c.get("after_s") is not None),
        "view_back": sum(1 for c in moved if c.get("view_back")),
        "reconnect_p95": quantile(
            [c["after_s"] for c in moved if c.get("after_s") is not None], 95
        ),
        "landed_on": dict(sorted(Counter(c.get("to") for c in moved).items())),
    }


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


def markdown(steps: list[dict], kill: dict, rooms: list[dict]) -> str:
    lines = [
        "## Replicas behind nginx (bench/replicas.py)",
        "",
        "| processes | readers | sessions held | picks | errors | p50 | p95 | max "
        "| join p95 | sessions per process |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for step in steps:
        lines.append(
            f"| {step['processes']} | {step['readers']} | {step['held']} "
            f"| {step['picks']} | {step['errors']} | {step['p50'] * 1000:.0f} ms "
            f"| {step['p95'] * 1000:.0f} ms | {step['max'] * 1000:.0f} ms "
            f"| {step['join_p95'] * 1000:.0f} ms | {step['spread']} |"
        )
    lines += [
        "",
        f"Kill test ({kill['processes']} processes, {kill['readers']} readers, "
        f"process {kill['killed_replica']} killed with SIGKILL):",
        f"- readers on the killed process: {kill['on_killed']}; reconnected "
        f"{kill['reconnected']}, view back (their stop selected again) "
        f"{kill['view_back']}, reconnect p95 {kill['reconnect_p95']:.2f} s, landed on "
        f"processes {kill['landed_on']}",
        f"- readers on the other processes: {kill['others_errors']} errors; pick p95 "
        f"{kill['others_p95_before'] * 1000:.0f} ms before the kill, "
        f"{kill['others_p95_after'] * 1000:.0f} ms after",
        "",
        "One room behind one address, the default limits (a projected link opened "
        "by all at once: each reader loads the first page's HTTP requests, opens "
        "the websocket and waits for the first run):",
        "",
        "| processes | readers | got the app | failed | first page p50 | p95 | max "
        "| sessions per process |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for one in rooms:
        lines.append(
            f"| {one['processes']} | {one['readers']} | {one['got_the_app']} "
            f"| {one['failed'] or 0} | {one['first_page_p50']:.2f} s "
            f"| {one['first_page_p95']:.2f} s | {one['first_page_max']:.2f} s "
            f"| {one['spread']} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    counts = (2,) if args.smoke else (1, 2, 4)
    ladder = (6,) if args.smoke else (100, 200, 400)
    seconds = 8 if args.smoke else 60
    port, first = 8190, 8700
    steps = []
    for processes in counts:
        with deployed(processes, port, first) as url:
            for readers in ladder:
                step = asyncio.run(load_step(url, readers, seconds))
                steps.append({"processes": processes, **step})
                print(steps[-1], flush=True)
    processes = 2 if args.smoke else 4
    with deployed(processes, port, first) as url:
        kill = asyncio.run(
            kill_test(
                url,
                8 if args.smoke else 100,
                15 if args.smoke else 60,
                first,
                processes,
            )
        )
        kill["processes"] = processes
        print(kill, flush=True)
    rooms = []
    for processes, readers in ((2, 50),) if args.smoke else ((2, 50), (4, 50)):
        # The limits as deployed: one address, not opened wide.
        with launched(processes, port, first) as url:
            rooms.append({"processes": processes, **asyncio.run(room(url, readers))})
            print(rooms[-1], flush=True)
    text = markdown(steps, kill, rooms)
    sys.stdout.write(text)
    if args.out:
        with args.out.open("a", encoding="utf-8") as out:
            out.write(text)


if __name__ == "__main__":
    main()
