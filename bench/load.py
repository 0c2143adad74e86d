"""Load over Streamlit's websocket protocol (harness/protocol.py): readers who
pick a stop at a pace, back-to-back reruns at saturation, a first page's time.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field

from harness.protocol import FAILURES, STOPS, Session, stream_url


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    runs: int = 0
    received: int = 0  # bytes the server sent for the measured selections
    joins: list[float] = field(default_factory=list)  # a new session's first run


async def _reader(session: Session, every_s: float, until: float, tally: Tally) -> None:
    """A reader who picks another stop every `every_s` seconds until `until`."""
    stops = list(STOPS)
    await asyncio.sleep(random.uniform(0, every_s))  # readers do not click in step
    index = random.randrange(len(stops))
    while time.perf_counter() < until:
        began = time.perf_counter()
        index += 1
        try:
            before = session.received
            tally.latencies.append(
                await session.rerun(session.selection(stops[index % len(stops)]))
            )
            tally.received += session.received - before
            tally.runs += 1
        except FAILURES as e:
            tally.errors.append(repr(e)[:200])
        await asyncio.sleep(max(0.0, every_s - (time.perf_counter() - began)))
    await session.close()


async def _concurrent(url: str, readers: int, every_s: float, seconds: float) -> Tally:
    """`readers` sessions join one after another, then all select for `seconds`."""
    tally = Tally()
    joined = []
    for _ in range(readers):
        session = Session(stream_url(url))
        try:
            tally.joins.append(await session.connect())
        except FAILURES as e:
            tally.errors.append(f"connect: {e!r}"[:200])
        else:
            joined.append(session)
    until = time.perf_counter() + seconds
    await asyncio.gather(*(_reader(s, every_s, until, tally) for s in joined))
    return tally


def concurrent(url: str, readers: int, every_s: float, seconds: float) -> Tally:
    """Readers selecting every `every_s` s for `seconds` (after all have joined)."""
    return asyncio.run(_concurrent(url, readers, every_s, seconds))


async def _warm(url: str) -> None:
    session = Session(stream_url(url))
    await session.connect()
    for stop in STOPS:
        await session.rerun(session.selection(stop))
    await session.close()


def warm(url: str) -> None:
    """Pick every stop once, so that measured runs find the server's caches warm."""
    asyncio.run(_warm(url))


async def _saturate(url: str, readers: int, seconds: float) -> float:
    """Script runs per second when `readers` sessions rerun back to back."""
    sessions = [Session(stream_url(url)) for _ in range(readers)]
    for session in sessions:
        await session.connect()
    runs = 0
    stops = list(STOPS)
    until = time.perf_counter() + seconds

    async def loop(session: Session, offset: int) -> None:
        nonlocal runs
        index = offset
        while time.perf_counter() < until:
            index += 1
            await session.rerun(session.selection(stops[index % len(stops)]))
            runs += 1

    start = time.perf_counter()
    await asyncio.gather(*(loop(s, i) for i, s in enumerate(sessions)))
    elapsed = time.perf_counter() - start
    for session in sessions:
        await session.close()
    return runs / elapsed


def saturate(url: str, readers: int = 10, seconds: float = 15) -> float:
    return asyncio.run(_saturate(url, readers, seconds))


async def _first_page(url: str) -> float:
    session = Session(stream_url(url))
    took = await session.connect()
    await session.close()
    return took


def first_page(url: str) -> float:
    """Seconds from opening a session to the end of the first page's run."""
    return asyncio.run(_first_page(url))
