"""deploy/: a session sticks to its process (nginx's signed route cookie), killing
a process loses only its readers and gives them their view back, and a reader past
the session limit or idle gets a line and the view back later (issues 11, 18)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import signal
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from deploy.nginx import NGINX
from deploy.serve import replica_pid
from deploy.settings import COOKIE, Replica
from harness.protocol import FAILURES, STOPS, TIMEOUT_S, Session
from harness.readers import join_all
from tests.e2e.conftest import VIEWPORTS, until_seen, visiting
from tests.e2e.deployed.support import (
    another_nginx,
    get,
    issued_cookie,
    replica_of,
    run_async,
    until_warm,
)

# One worker for all of deploy/'s tests (pyproject.toml: --dist loadgroup): they
# share one deployment (conftest.py), and kill and flood processes of their own.
pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("deploy")]

if not Path(NGINX).exists():
    pytest.skip("nginx is not installed", allow_module_level=True)


def test_issue_18_a_route_cookie_nginx_signed_keeps_a_session_on_its_process(
    deployment,
):
    url, _ = deployment
    cookies = [issued_cookie(url) for _ in range(12)]
    assert len(set(cookies)) == len(cookies)
    _, headers, _ = get(url + "/", {"Cookie": f"{COOKIE}={cookies[0]}"})
    assert "Set-Cookie" not in headers  # kept: nothing new to set
    where = {}
    for cookie in cookies:
        (where[cookie],) = {replica_of(url, cookie) for _ in range(2)}
    # The cookie decides, not the address (loopback: one address for all).
    assert set(where.values()) == {"1", "2"}


def test_issue_18_a_route_cookie_nginx_did_not_sign_does_not_choose_the_process(
    deployment,
):
    """Made up, forged or garbled: routed as with no cookie (by address), and a
    new signed cookie is issued."""
    url, _ = deployment
    by_address = replica_of(url, "")
    # Made-up values, which nginx used to hash as sent: they chose either process.
    chosen = [secrets.token_hex(16) for _ in range(12)]
    assert {replica_of(url, value) for value in chosen} == {by_address}
    signed_id, mac = issued_cookie(url).split(".")
    other_mac = mac[:-1] + ("A" if mac[-1] != "A" else "B")
    forged = [
        f"{secrets.token_hex(16)}.{mac}",  # another id with a real signature
        f"{signed_id}.{other_mac}",  # a real id, a signature one letter off
        signed_id,  # the id alone
        f"{signed_id}.{mac}x",
        "x" * 300,
    ]
    for value in forged:
        assert replica_of(url, value) == by_address, value
    for value in chosen + forged:
        assert issued_cookie(url, sent=value) not in (value, f"{signed_id}.{mac}")


def replica_header(response: dict) -> str:
    """``X-Replica`` of a handshake's answer as Chromium's DevTools report it."""
    headers = {name.lower(): value for name, value in response["headers"].items()}
    return headers.get("x-replica", "")


async def pick(session: Session, stop: str) -> None:
    """A pick and its answer: the runs up to the one that shows ``stop``
    selected. A session whose first request is a press (a reader reconnected
    to another process) gets it in a second run, after one that draws the
    page (components/pacing.py)."""
    await session.send_rerun(session.selection(stop))
    async with asyncio.timeout(TIMEOUT_S):
        while session.selected != stop:
            session.selected = ""
            await session._until_finished()


async def kill_between_picks(url: str, first_port: int, readers: int) -> dict:
    """The kill test of bench/replicas.py, each step waiting for the one before
    instead of a schedule: readers join (on both processes) and each picks a
    stop and gets its answer; with no pick in flight, the second process is
    killed; then each picks again. Which readers were on it, which lost their
    socket, and where those reconnected (with the URL they had) and what they
    saw selected."""
    joined, _ = await join_all(url, readers, on_every=2)
    stops = list(STOPS)
    for number, reader in enumerate(joined):
        reader.picked = stops[number % len(stops)]
        await pick(reader.session, reader.picked)
    on_victim = {id(reader) for reader in joined if reader.replica == "2"}
    os.kill(replica_pid(first_port + 1), signal.SIGKILL)
    lost, others_errors = set(), []
    for number, reader in enumerate(joined):
        stop = stops[(number + 1) % len(stops)]
        try:
            await pick(reader.session, stop)
            reader.picked = stop
        except FAILURES as error:
            if id(reader) not in on_victim:
                others_errors.append(repr(error))
            lost.add(id(reader))
            await reader.rejoin(time.perf_counter())
    for reader in joined:
        with contextlib.suppress(*FAILURES):
            await reader.session.close()
    return {
        "readers": len(joined),
        "on_victim": on_victim,
        "lost": lost,
        "others_errors": others_errors,
        "reconnects": [reader.reconnects for reader in joined if reader.reconnects],
    }


def test_a_killed_process_loses_only_its_readers_and_they_get_their_view_back(
    deployment,
):
    url, first = deployment
    kill = run_async(kill_between_picks(url, first, 8))
    assert 0 < len(kill["on_victim"]) < kill["readers"]  # readers on both sides
    assert kill["lost"] == kill["on_victim"]
    assert kill["others_errors"] == []
    moved = [reconnects[-1] for reconnects in kill["reconnects"]]
    assert len(moved) == len(kill["on_victim"])
    for reconnect in moved:
        assert reconnect["after_s"] is not None  # reconnected
        assert reconnect["from"] == "2"
        assert reconnect["view_back"]
    until_warm(url, "2")


CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'


def test_a_reader_whose_process_dies_gets_the_view_back(deployment, browser):
    """What a reader sees: Streamlit's frontend reconnects by itself and nginx
    sends it to a live process. The old page stays on screen meanwhile, and
    the new process's session runs nothing until the reader's next click
    (Streamlit resumes a session it knows; this one it does not). That click's
    request carries the URL: the first run there draws the view the reader
    had, then the click is honoured (tests/e2e/test_fair_share.py, the first
    press after a reconnect). Both are read from the new socket's messages,
    since the old page on screen would show the first all the same."""
    url, first = deployment
    with visiting(browser, url, VIEWPORTS["desktop"]) as visit:
        page = visit.page
        sockets: list[list[ForwardMsg]] = []

        def listen(socket) -> None:
            received: list[ForwardMsg] = []
            sockets.append(received)
            socket.on(
                "framereceived",
                lambda data: received.append(ForwardMsg.FromString(data)),
            )

        page.on("websocket", listen)
        # The process each websocket is on, from nginx's answer to its handshake.
        handshakes: list[str] = []
        devtools = page.context.new_cdp_session(page)
        devtools.send("Network.enable")
        devtools.on(
            "Network.webSocketHandshakeResponseReceived",
            lambda event: handshakes.append(replica_header(event["response"])),
        )
        visit.open("/?stop=seoul&lang=en")
        expect(page.get_by_role("button", name="4 Seoul")).to_have_attribute(
            "data-testid", "stBaseButton-primary"
        )
        # The process the page's websocket is on, as nginx answered it. Asking
        # nginx later where the cookie goes could name the other one: after the
        # kill test, the restarted process's first run can hold its event loop
        # long enough for nginx to count it failed for a while.
        assert len(sockets) == 1
        (replica,) = (int(answered) for answered in handshakes)
        # The reconnection's steps, each observed: the frontend notices and
        # opens a new socket (it has left CONNECTED by then), and is connected.
        # A click before that would be lost: its buttons stay enabled.
        with page.expect_websocket(timeout=60_000):
            os.kill(replica_pid(first + replica - 1), signal.SIGKILL)
        expect(page.locator(CONNECTED)).to_be_attached(timeout=60_000)
        page.get_by_role("button", name="5 Ulsan").click()
        page.wait_for_url("**stop=ulsan**", timeout=60_000)
        drawn = until_seen(
            page,
            lambda: next((got for got in sockets[1:] if "ulsan" in picked_on(got)), 0),
            "the click's run on a new socket",
        )
        # The view back (seoul), then the click: two runs. When the click's run
        # starts before the first run's messages went out, Streamlit drops them
        # (ForwardMsgQueue.clear, as in test_fair_share.py's first press after a
        # reconnect), so the socket may show the click's run alone; the runs the
        # server started are two either way.
        assert picked_on(drawn)[-1] == "ulsan"
        assert set(picked_on(drawn)) <= {"seoul", "ulsan"}
        assert runs_started(drawn) == 2, picked_on(drawn)
        visit.settle()
        expect(page.get_by_role("button", name="5 Ulsan")).to_have_attribute(
            "data-testid", "stBaseButton-primary"
        )
        expect(visit.map_frame().locator(".stop-marker")).to_have_count(6)
        visit.screenshot("after-replica-died")
    until_warm(url, str(replica))


def runs_started(received: list[ForwardMsg]) -> int:
    """The runs the server started on a socket (a ``new_session`` message each,
    which Streamlit keeps when a newer run drops an older run's drawing)."""
    return sum(message.WhichOneof("type") == "new_session" for message in received)


def picked_on(received: list[ForwardMsg]) -> list[str]:
    """The stops whose buttons a socket's messages drew as the selected one."""
    picked = []
    for message in received:
        if message.WhichOneof("type") != "delta":
            continue
        element = message.delta.new_element
        button = element.button if element.WhichOneof("type") == "button" else None
        if button and "-pick-" in button.id and button.type == "primary":
            picked.append(button.id.rsplit("-pick-", 1)[1])
    return picked


def test_a_reader_past_the_session_limit_gets_a_line_and_the_pack(deployment, browser):
    """Issue 18: the reader past nginx's sessions per address saw grey
    placeholders for ever; now a line says the app is busy and links the pack."""
    _, first = deployment
    replicas = (Replica(first), Replica(first + 1))
    with (
        another_nginx(replicas, sessions_per_client=1) as (url, _),
        visiting(browser, url, VIEWPORTS["desktop"]) as holder,
        visiting(browser, url, VIEWPORTS["desktop"]) as refused,
    ):
        holder.open("/?lang=en")
        assert holder.page.locator("#trip-connection").count() == 0
        refused.page.goto(url + "/?lang=en")
        line = refused.page.locator('#trip-connection[data-kind="busy"]')
        expect(line).to_contain_text("The app is busy right now", timeout=30_000)
        expect(line.get_by_role("link")).to_have_attribute("href", "/pack/")
        holder.page.close()  # a session frees up: the waiting reader gets in
        refused.settle()
        expect(line).to_have_count(0, timeout=30_000)


HEALTH, HOST_CONFIG = "/_stcore/health", "/_stcore/host-config"


def test_an_idle_tab_lets_go_of_its_session_and_resumes_its_view(deployment, browser):
    """Issue 18: idle tabs held their sessions for an hour. Now a tab untouched
    for ten minutes closes its websocket, does not reconnect on its own, and
    comes back to the same view at the reader's next touch."""
    url, _ = deployment
    with visiting(browser, url, VIEWPORTS["desktop"]) as visit:
        page = visit.page
        page.clock.install()
        sockets = []
        page.on("websocket", lambda socket: sockets.append(socket))
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        visit.open("/?lang=en&stop=ulsan")
        opened = len(sockets)
        assert opened >= 1
        since = len(requests)
        page.clock.fast_forward("10:01")
        line = page.locator('#trip-connection[data-kind="idle"]')
        expect(line).to_contain_text("Paused because nobody used the page")
        if not sockets[-1].is_closed():
            sockets[-1].wait_for_event("close", timeout=10_000)
        page.clock.fast_forward("01:00")  # Streamlit's reconnect timers all fire
        # Its reconnection pings health and host-config together, health first;
        # paused, the page holds the health check back. The ping's host-config
        # request shows the attempt was made, and comes after the health
        # request had that left the page (nor can a socket open before both).
        if not any(ping.endswith(HOST_CONFIG) for ping in requests[since:]):
            page.wait_for_event(
                "request", lambda request: request.url.endswith(HOST_CONFIG)
            )
        assert not [ping for ping in requests[since:] if ping.endswith(HEALTH)]
        assert len(sockets) == opened  # no new socket while nobody is there
        with page.expect_websocket(timeout=30_000):
            page.mouse.click(5, 300)
        expect(line).to_have_count(0)
        visit.settle()
        assert "stop=ulsan" in page.url
        expect(page.get_by_text("5 · Ulsan (울산) (selected)")).to_be_visible()
