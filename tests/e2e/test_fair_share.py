"""One client cannot slow the others (issue 18): a socket that sends a rerun
every 20 ms gets its runs paced, and its requests still arrive (merged, later).
Which of several merged presses shows is Streamlit's to decide when it merges
them with a run's own pending request; tests/unit/test_pacing.py checks ours."""

from __future__ import annotations

import asyncio
import concurrent.futures

import pytest
import websockets
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from harness.protocol import STOPS, TIMEOUT_S, Session, stream_url
from harness.servers import serve_app
from trip.pacing import BURST, PER_SECOND

pytestmark = pytest.mark.e2e

SENT = 100
EVERY_S = 0.02


async def flood_and_count(url: str) -> tuple[int, float, bool]:
    """Send ``SENT`` reruns 20 ms apart, counting the runs the server starts
    (one ``new_session`` message each); then wait for a run to finish after
    the last request. Runs started, seconds the flood took, whether a run
    finished after the last request."""
    flooder = Session(stream_url(url))
    await flooder.connect()
    stops = list(STOPS)
    started = 0
    all_sent = asyncio.Event()
    finished = False

    async def read() -> None:
        """Count run starts; end at the first run that finishes once everything
        is sent: the requests that waited their turn were delivered."""
        nonlocal started, finished
        while True:
            message = ForwardMsg()
            message.ParseFromString(await flooder.socket.recv())
            kind = message.WhichOneof("type")
            if kind == "new_session":
                started += 1
            elif (
                kind == "script_finished"
                and all_sent.is_set()
                and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
            ):
                finished = True
                return

    reader = asyncio.create_task(read())
    loop = asyncio.get_running_loop()
    began = loop.time()
    for number in range(SENT):
        await flooder.send_rerun(flooder.selection(stops[number % len(stops)]))
        await asyncio.sleep(EVERY_S)  # the flood's pace: load generation
    took = loop.time() - began
    all_sent.set()
    # The last requests wait for their turn, merged into one.
    await asyncio.wait_for(reader, 30)
    await flooder.close()
    return started, took, finished


def test_a_flooding_socket_gets_its_runs_paced_and_its_last_request_honoured(
    app_url,
):
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        started, took, finished = pool.submit(
            asyncio.run, flood_and_count(app_url)
        ).result()
    allowed = BURST + PER_SECOND * took + 2  # the burst, the rate, the last one
    # The flood's pace is the load it makes, not a wait for a state: a slower
    # machine sends more slowly and the budget grows with the time it took;
    # the flood must still exceed the budget, or nothing would be paced.
    assert allowed < SENT, f"the flood took {took:.1f} s: within the budget"
    assert started <= allowed, f"{started} runs for {SENT} requests in {took:.1f} s"
    assert finished  # the requests that waited were delivered, none dropped


async def press_as_first_request(drawn_on: str, url: str) -> tuple[int, list[str]]:
    """A reader's process died and their frontend reconnected to another: the
    new session's first request is a press on a stop's button, drawn by the
    process at ``drawn_on``. The runs the server at ``url`` started, and the
    stops each finished run showed selected, up to the one that shows the
    pressed stop (three runs at most); a lost press ends in a run's timeout."""
    drawn = Session(stream_url(drawn_on))
    await drawn.connect()  # learns the buttons' ids, which every session shares
    await drawn.close()
    reconnected = Session(stream_url(url))
    reconnected.buttons = drawn.buttons
    reconnected.socket = await websockets.connect(
        reconnected.url, subprotocols=["streamlit"], origin=url, max_size=2**25
    )
    await reconnected.send_rerun(reconnected.selection("ulsan"))
    shown: list[str] = []
    while "ulsan" not in shown and len(shown) < 3:
        reconnected.selected = ""
        await asyncio.wait_for(reconnected._until_finished(), TIMEOUT_S)
        shown.append(reconnected.selected)
    await reconnected.close()
    return reconnected.started, shown


def test_the_first_press_after_a_reconnect_is_not_lost(app_url):
    """Issue 18: the first click after a failover was lost (Streamlit calls a
    widget's callback only for widgets the session has drawn). The page is
    drawn first (a run of its own), then the press is honoured. The client
    need not see the drawing run finish: when the press's run starts before
    the drawing run's messages went out, Streamlit drops them and marks that
    run as ended early (``ForwardMsgQueue.clear``), so what it shows is
    ["", "ulsan"] or ["ulsan"]; the runs started are two either way."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        started, shown = pool.submit(
            asyncio.run, press_as_first_request(app_url, app_url)
        ).result()
    assert shown[-1] == "ulsan"
    assert set(shown) <= {"", "ulsan"}
    assert started == 2, f"{started} runs for a first request that presses"


def test_a_fresh_process_honours_the_first_press_it_ever_gets(app_url):
    """The same after a restart: nginx sends the reconnected reader to a process
    that has not run the app yet, and the click is the first message it gets.
    The pacer is installed before Streamlit serves (components/server.py); when
    app.py's first run installed it, this press went by unpaced and was lost."""
    with serve_app() as fresh, concurrent.futures.ThreadPoolExecutor(1) as pool:
        _, shown = pool.submit(
            asyncio.run, press_as_first_request(app_url, fresh)
        ).result()
    # The press is honoured (a lost one ends in a run's timeout). The run that
    # draws the page comes first unless it outlasts the pacer's wait for it
    # (FIRST_RUN_S); the press would then cut it short, drawn with the press.
    assert shown[-1] == "ulsan"
    assert set(shown) <= {"", "ulsan"}
