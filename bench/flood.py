"""One client floods, the others read: what a flood costs the others (issue 18).

    .venv/bin/python bench/flood.py [--readers 4] [--flooders 3] [--seconds 20]

Starts the app (one process, as ``scripts/run.sh`` does), then measures the
readers' click times (one selection a second each, bench/load.py) twice: alone,
and while ``--flooders`` sockets send a rerun every 20 ms without waiting for
its end (what a script does to a websocket). Prints p50, p95 and the worst of
both, and how much the flood raised the readers' p95. Asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import time

import psutil

from bench import load
from harness.protocol import STOPS, Session, stream_url
from harness.servers import start_app
from harness.stats import quantile

FLOOD_EVERY_S = 0.02


async def flood(url: str, until: float) -> int:
    """Send reruns every 20 ms until ``until``, reading whatever comes back;
    how many were sent."""
    session = Session(stream_url(url))
    await session.connect()
    sent = 0

    async def drain() -> None:
        with contextlib.suppress(Exception):
            while True:
                await session.socket.recv()

    reader = asyncio.create_task(drain())
    stops = list(STOPS)
    message_for = session.selection
    try:
        while time.perf_counter() < until:
            widgets = message_for(stops[sent % len(stops)])
            await session.send_rerun(widgets)
            sent += 1
            await asyncio.sleep(FLOOD_EVERY_S)
    finally:
        reader.cancel()
        await session.close()
    return sent


async def measure(url: str, readers: int, flooders: int, seconds: float) -> dict:
    until = time.perf_counter() + seconds + 5  # the readers join first
    floods = [asyncio.create_task(flood(url, until)) for _ in range(flooders)]
    await asyncio.sleep(1 if flooders else 0)
    tally = await load._concurrent(url, readers, 1.0, seconds)
    sent = sum(await asyncio.gather(*floods)) if floods else 0
    return {"latencies": tally.latencies, "errors": tally.errors, "sent": sent}


def line(name: str, figures: dict) -> str:
    values = figures["latencies"]
    return (
        f"| {name} | {len(values)} | {quantile(values, 50):.3f} | "
        f"{quantile(values, 95):.3f} | {max(values):.3f} | "
        f"{len(figures['errors'])} | {figures['sent']} | {figures['cpu']:.1f} |"
    )


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far."""
    used = psutil.Process(pid).cpu_times()
    return used.user + used.system


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench/flood.py")
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--flooders", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    with start_app() as (url, process):
        load.warm(url)
        results = []
        for flooders in (0, args.flooders):
            before = cpu_seconds(process.pid)
            results.append(
                asyncio.run(measure(url, args.readers, flooders, args.seconds))
            )
            results[-1]["cpu"] = cpu_seconds(process.pid) - before
    alone, flooded = results
    print(f"{args.readers} readers, one click a second each, {args.seconds:.0f} s\n")
    print(
        "| readers' clicks | n | p50 s | p95 s | worst s | errors | flood reruns "
        "| server CPU s |"
    )
    print("|---|---|---|---|---|---|---|---|")
    print(line("alone", alone))
    print(line(f"with {args.flooders} sockets flooding", flooded))
    ratio = quantile(flooded["latencies"], 95) / quantile(alone["latencies"], 95)
    print(f"\np95 with the flood / alone: {ratio:.2f} times")


if __name__ == "__main__":
    main()
