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
import os
import signal
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from deploy.serve import launched, replica_pid
from harness.readers import PICK_EVERY_S, join_all, room
from harness.stats import quantile


def deployed(replicas: int, port: int, first_port: int):
    """deploy.serve with limits opened wide: every reader comes from 127.0.0.1."""
    return launched(replicas, port, first_port, wide_open=True)


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
