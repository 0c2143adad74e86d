"""Streamlit's own websocket protocol, without a browser.

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
    # Runs the server started for this socket (``new_session`` messages: Streamlit
    # keeps them when a new run drops an older run's unsent drawing).
    started: int = 0
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
            if kind == "new_session":
                self.started += 1
            elif kind == "page_info_changed":
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
