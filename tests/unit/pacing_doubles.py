"""Stand-ins and probes the pacing tests share: a clock, a rerun request, a
session, and ``Seen``, the state a test waits for instead of a time."""

from __future__ import annotations

import asyncio
import concurrent.futures

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.runtime.app_session import AppSessionState

from components import pacing


def in_own_loop(coroutine):
    """``asyncio.run`` in a thread of its own: when the browser tests ran
    first in this process, Playwright's sync API keeps a loop running in this
    thread, and ``asyncio.run`` refuses to start another there."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def rerun(widget: str, *, trigger: bool = False, page: str = "") -> BackMsg:
    message = BackMsg()
    state = message.rerun_script.widget_states.widgets.add()
    state.id = widget
    if trigger:
        state.trigger_value = True
    else:
        state.string_value = widget
    message.rerun_script.page_script_hash = page
    return message


class Seen:
    """Calls of a pacer step, by what they were for: the state a test waits
    for instead of a time."""

    def __init__(self) -> None:
        self.counts: dict[object, int] = {}
        self.changed = asyncio.Event()

    def note(self, what: object) -> None:
        self.counts[what] = self.counts.get(what, 0) + 1
        self.changed.set()

    def poke(self) -> None:
        """Something else happened: ``reach`` looks at its ``unless`` again."""
        self.changed.set()

    async def reach(self, what: object, count: int, *, unless=lambda: False) -> None:
        """Until ``what`` has been seen ``count`` times, or ``unless()``; the
        call seen last has returned by then (one thread, one loop)."""
        while self.counts.get(what, 0) < count and not unless():
            self.changed.clear()
            await self.changed.wait()


def watch_deliveries(monkeypatch) -> Seen:
    """Each time a session's request past its budget has its turn
    (``_Pacer._deliver``): the moment it runs, unless another session runs."""
    seen = Seen()
    deliver = pacing._Pacer._deliver

    def watched(self, session, turns) -> None:
        deliver(self, session, turns)
        seen.note(session)

    monkeypatch.setattr(pacing._Pacer, "_deliver", watched)
    return seen


def watch_retries(loop: asyncio.AbstractEventLoop, seen: Seen) -> None:
    """Each callback the pacer schedules on ``loop``, by its name, in ``seen``."""
    call_later = loop.call_later

    def watched(delay, callback, *args, **kwargs):
        seen.note(getattr(callback, "__name__", callback))
        return call_later(delay, callback, *args, **kwargs)

    loop.call_later = watched  # type: ignore[method-assign]


class FakeState:
    """Stands in for a session's SessionState: which widgets it has drawn."""

    def __init__(self) -> None:
        self.drawn: set[str] = set()

    def get_widget_metadata(self, widget_id: str) -> object | None:
        return object() if widget_id in self.drawn else None


class FakeSession:
    """Stands in for an AppSession: its run state, the widgets it has drawn,
    and stops asked of it."""

    def __init__(self) -> None:
        self._state = AppSessionState.APP_NOT_RUNNING
        self.session_state = FakeState()
        self.stops = 0

    def request_script_stop(self) -> None:
        self.stops += 1
