"""Sessions over Streamlit's own websocket protocol, without a browser.

Each `Session` speaks what the browser speaks: it connects to `/_stcore/stream`,
sends a `rerun_script` BackMsg with the page, the query string and the hashes
of the messages it already holds (so the server sends references, as it does to
a browser), and reads ForwardMsgs until `script_finished`. A selection is a
click on one of the timeline's stop buttons (ours) or a map click sent as the
map component's value (the st_folium apps).

What a session does not do: run the page's JavaScript. The browser's map sends
its first value after mounting and so causes a second run; a session does not.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
import urllib.request
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from deploy.settings import COOKIE
from trip.loading import load_trip

TIMEOUT_S = 30
# The stops a session picks, with their coordinates from the default trip's
# data: a st_folium app's click selects a stop only where its marker is (the
# hand-copied figures here once differed, and those clicks selected nothing).
CLICKED = ("tokyo", "sendai", "ulsan")
STOPS = {
    stop.stop_id: (stop.lat, stop.lon)
    for stop in load_trip().stops
    if stop.stop_id in CLICKED
}


class SessionError(Exception):
    """A run that failed: an exception or error panel shown, or no answer."""


FAILURES = (OSError, SessionError, TimeoutError, websockets.WebSocketException)


@dataclass
class Session:
    """One reader: a websocket and the state a browser would keep."""

    url: str
    socket: websockets.ClientConnection | None = None
    page_hash: str = ""
    query_string: str = ""
    cached: set[str] = field(default_factory=set)
    buttons: dict[str, str] = field(default_factory=dict)  # key suffix -> widget id
    map_id: str = ""
    received: int = 0
    # Behind deploy/'s nginx: the route cookie a browser keeps (it picks the
    # process), which process answered, and the stop the last run showed selected.
    cookie: str = ""
    replica: str = ""
    selected: str = ""

    async def connect(self) -> float:
        """Open the socket and run the first page; seconds to script_finished."""
        origin = self.url.replace("ws://", "http://").split("/_stcore")[0]
        self.socket = await websockets.connect(
            self.url,
            subprotocols=["streamlit"],
            origin=origin,
            max_size=2**25,
            open_timeout=TIMEOUT_S,
            ping_interval=None,
            additional_headers={"Cookie": f"{COOKIE}={self.cookie}"}
            if self.cookie
            else None,
        )
        response = self.socket.response
        self.replica = response.headers.get("X-Replica", "") if response else ""
        return await self.rerun([])

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()

    async def rerun(self, widgets: list[WidgetState]) -> float:
        """Send one rerun and wait for its end; seconds it took."""
        start = time.perf_counter()
        await self.send_rerun(widgets)
        await asyncio.wait_for(self._until_finished(), TIMEOUT_S)
        return time.perf_counter() - start

    async def send_rerun(self, widgets: list[WidgetState]) -> None:
        """Send one rerun, as a browser does on a click, without waiting."""
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = self.page_hash
        state.widget_states.widgets.extend(widgets)
        state.cached_message_hashes.extend(sorted(self.cached))
        state.context_info.timezone = "Europe/Berlin"
        state.context_info.locale = "de-DE"
        self.selected = ""
        await self.socket.send(message.SerializeToString())

    async def _until_finished(self) -> None:
        failure = ""
        while True:
            data = await self.socket.recv()
            self.received += len(data)
            message = ForwardMsg()
            message.ParseFromString(data)
            kind = message.WhichOneof("type")
            if message.metadata.cacheable and message.hash:
                self.cached.add(message.hash)
            if message.metadata.active_script_hash:
                self.page_hash = message.metadata.active_script_hash
            if kind == "page_info_changed":
                self.query_string = message.page_info_changed.query_string
            elif kind == "delta":
                failure = failure or self._read_element(message)
            elif kind == "script_finished":
                if message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                if failure:
                    raise SessionError(failure)
                return

    def _read_element(self, message: ForwardMsg) -> str:
        """Note widget ids; return what went wrong, if this element says so."""
        if message.delta.WhichOneof("type") != "new_element":
            return ""
        element = message.delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            return f"exception: {element.exception.type}"
        if kind == "alert" and element.alert.format == element.alert.ERROR:
            return "error panel shown"
        if kind == "button" and "-pick-" in element.button.id:
            stop = element.button.id.rsplit("-pick-", 1)[1]
            self.buttons[stop] = element.button.id
            if element.button.type == "primary":
                self.selected = stop
        if kind == "component_instance" and element.component_instance.id:
            self.map_id = element.component_instance.id
        return ""

    def selection(self, stop: str) -> list[WidgetState]:
        """What a browser sends when the reader picks `stop`."""
        widget = WidgetState()
        if self.buttons:
            widget.id = self.buttons[stop]
            widget.trigger_value = True
        else:
            lat, lon = STOPS[stop]
            widget.id = self.map_id
            widget.json_value = json.dumps(
                {"last_object_clicked": {"lat": lat, "lng": lon}}
            )
        return [widget]


def stream_url(http_url: str) -> str:
    return http_url.replace("http://", "ws://") + "/_stcore/stream"


def route_cookie(http_url: str, sent: str = "") -> str:
    """The route cookie deploy/'s nginx issues with a page (it signs it, so a
    client cannot make one up), as a browser keeps it; "" when it issues none (it
    kept ``sent``, or no nginx is in front)."""
    request = urllib.request.Request(
        http_url + "/", headers={"Cookie": f"{COOKIE}={sent}"} if sent else {}
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT_S) as answer:
        answer.read()
        header = answer.headers.get("Set-Cookie", "")
    name, _, rest = header.partition("=")
    return rest.split(";")[0] if name == COOKIE else ""


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
