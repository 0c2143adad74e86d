"""Pacing a session's rerun requests (issue 18): the budget, and the wrapper
around Streamlit's ``AppSession.handle_backmsg`` with its contract."""

from __future__ import annotations

import asyncio
import concurrent.futures
import inspect

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.runtime.app_session import AppSession, AppSessionState
from streamlit.web import cli

from components import pacing, server
from trip.pacing import RunBudget


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


def test_the_burst_passes_then_runs_wait_their_turn():
    clock = Clock()
    budget = RunBudget(burst=3, per_second=2.0, clock=clock)
    assert [budget.take() for _ in range(3)] == [0.0, 0.0, 0.0]
    assert budget.take() == pytest.approx(0.5)
    assert budget.take() == pytest.approx(1.0)  # queued behind the one before
    clock.now += 10  # a quiet spell refills the burst, no more
    assert [budget.take() for _ in range(3)] == [0.0, 0.0, 0.0]
    assert budget.take() > 0


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


def test_a_merged_request_keeps_a_button_press_and_takes_the_newest_rest():
    """Contract with ``_coalesce_widget_states`` (Streamlit's private merge):
    a press only the older request holds is kept."""
    older = rerun("pick-alpha", trigger=True, page="old")
    newer = rerun("stop_picker", page="new")
    both = pacing.merged(older, newer)
    widgets = {w.id: w for w in both.rerun_script.widget_states.widgets}
    assert widgets["pick-alpha"].trigger_value is True
    assert widgets["stop_picker"].string_value == "stop_picker"
    assert both.rerun_script.page_script_hash == "new"


def test_of_two_merged_presses_the_newer_is_handled_last():
    both = pacing.merged(
        rerun("pick-alpha", trigger=True), rerun("pick-beta", trigger=True)
    )
    assert [w.id for w in both.rerun_script.widget_states.widgets] == [
        "pick-alpha",
        "pick-beta",
    ]


def test_the_wrapped_method_is_still_streamlit_s_handle_backmsg():
    """Contract: the method we wrap takes (self, msg) and is where every
    BackMsg of a session arrives."""
    method = inspect.unwrap(AppSession.handle_backmsg)
    assert list(inspect.signature(method).parameters)[:2] == ["self", "msg"]
    source = inspect.getsource(AppSession)
    assert "def handle_backmsg(self, msg: BackMsg)" in source
    assert '"rerun_script"' in source
    assert '"clear_cache"' in source


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


def test_past_the_budget_requests_wait_merge_and_arrive(monkeypatch):
    handled: list[tuple[FakeSession, BackMsg]] = []
    monkeypatch.setattr(
        AppSession, "handle_backmsg", lambda s, m: handled.append((s, m))
    )
    pacing.install(lambda: RunBudget(burst=2, per_second=20))
    session = FakeSession()

    async def send_all() -> int:
        for number in range(6):
            AppSession.handle_backmsg(session, rerun(f"w{number}", trigger=True))
        passed_at_once = len(handled)
        while len(handled) < 3:  # the merged request arrives on its turn
            await asyncio.sleep(0.01)
        return passed_at_once

    assert in_own_loop(asyncio.wait_for(send_all(), 5)) == 2
    assert len(handled) == 3
    last = [w.id for w in handled[-1][1].rerun_script.widget_states.widgets]
    assert last == ["w2", "w3", "w4", "w5"]  # four presses, one request, in order


def test_clear_cache_from_a_browser_is_not_honoured(monkeypatch):
    handled: list[BackMsg] = []
    monkeypatch.setattr(AppSession, "handle_backmsg", lambda s, m: handled.append(m))
    pacing.install()
    message = BackMsg()
    message.clear_cache = True
    AppSession.handle_backmsg(FakeSession(), message)
    heartbeat = BackMsg()
    heartbeat.app_heartbeat = True
    AppSession.handle_backmsg(FakeSession(), heartbeat)
    assert handled == [heartbeat]


def test_install_wraps_once(monkeypatch):
    monkeypatch.setattr(AppSession, "handle_backmsg", AppSession.handle_backmsg)
    pacing.install()
    wrapped = AppSession.handle_backmsg
    pacing.install()
    assert AppSession.handle_backmsg is wrapped


def test_the_server_command_paces_before_streamlit_serves(monkeypatch):
    """``python -m components.server`` installs the pacer before Streamlit's
    command starts serving: a fresh process's very first message (a failed-over
    reader's click) is paced too, not only those after the app's first run."""
    monkeypatch.setattr(
        AppSession, "handle_backmsg", inspect.unwrap(AppSession.handle_backmsg)
    )
    started: list[tuple[str, bool]] = []

    def streamlit_command(prog_name: str) -> None:
        paced = getattr(AppSession.handle_backmsg, "paced", False)
        started.append((prog_name, paced))

    monkeypatch.setattr(cli, "main", streamlit_command)
    server.main()
    assert started == [("streamlit", True)]


def test_a_run_past_its_budget_yields_to_a_reader_and_runs_again_after(monkeypatch):
    """The flooder's run (past its budget) is stopped when a reader's request
    (within its budget) arrives, waits while the reader's run runs, and is
    delivered again once it is done."""
    handled: list[tuple[FakeSession, str]] = []

    def record(session, message):
        handled.append((session, message.rerun_script.widget_states.widgets[0].id))
        session._state = AppSessionState.APP_IS_RUNNING

    monkeypatch.setattr(AppSession, "handle_backmsg", record)
    monkeypatch.setattr(pacing, "STARTING_S", 0.0)
    deliveries = watch_deliveries(monkeypatch)
    pacing.install(lambda: RunBudget(burst=1, per_second=50))
    flooder, reader = FakeSession(), FakeSession()

    async def scene() -> None:
        AppSession.handle_backmsg(flooder, rerun("flood-1"))  # within its burst
        flooder._state = AppSessionState.APP_NOT_RUNNING
        AppSession.handle_backmsg(flooder, rerun("flood-2"))  # past it: waits
        while len(handled) < 2:  # its turn comes, nobody else runs: it runs
            await asyncio.sleep(0.005)
        AppSession.handle_backmsg(reader, rerun("click"))
        assert flooder.stops == 1  # the yielding run is stopped at once
        flooder._state = AppSessionState.APP_NOT_RUNNING
        # The stopped run's turn comes, twice, while the reader's runs: each
        # time the moment it would run again, were it not to wait.
        turns = deliveries.counts.get(flooder, 0) + 2
        await deliveries.reach(flooder, turns, unless=lambda: len(handled) > 3)
        assert [name for _, name in handled] == ["flood-1", "flood-2", "click"]
        reader._state = AppSessionState.APP_NOT_RUNNING  # the reader's run ends
        while len(handled) < 4:
            await asyncio.sleep(0.005)

    in_own_loop(asyncio.wait_for(scene(), 5))
    assert handled[-1] == (flooder, "flood-2")  # the stopped run runs again


def paced_recording(monkeypatch) -> tuple[list[list[tuple[str, bool]]], Seen]:
    """The pacer installed over a handler that records each request's widgets
    (id, pressed) and marks its session running; and the pacer's looks."""
    handled: list[list[tuple[str, bool]]] = []
    retries = Seen()

    def record(session, message):
        widgets = message.rerun_script.widget_states.widgets
        handled.append([(w.id, w.trigger_value) for w in widgets])
        session._state = AppSessionState.APP_IS_RUNNING
        retries.poke()

    monkeypatch.setattr(AppSession, "handle_backmsg", record)
    monkeypatch.setattr(pacing, "RETRY_S", 0.005)
    pacing.install(lambda: RunBudget(burst=10, per_second=1))
    return handled, retries


def test_a_new_session_s_first_press_waits_for_the_run_that_draws_it(monkeypatch):
    """After a failover the reader's first request is a press in a session that
    has drawn nothing: it goes to Streamlit as a plain run first, then, once
    that run has finished, as the press."""
    handled, retries = paced_recording(monkeypatch)
    reader = FakeSession()
    press = rerun("pick-beta", trigger=True)
    press.rerun_script.widget_states.widgets.add(id="stop_picker", string_value="x")

    async def scene() -> None:
        AppSession.handle_backmsg(reader, press)
        assert handled == [[("stop_picker", False)]]  # drawn first, no press
        assert reader._state == AppSessionState.APP_IS_RUNNING
        # Every RETRY_S the pacer looks whether that run still runs, the moment
        # the press would go: twice it finds it running and looks again later.
        watch_retries(asyncio.get_running_loop(), retries)
        await retries.reach("when_drawn", 2, unless=lambda: len(handled) > 1)
        assert len(handled) == 1  # the press waits while that run runs
        reader.session_state.drawn.add("pick-beta")  # the run draws the button
        reader._state = AppSessionState.APP_NOT_RUNNING  # and finishes
        while len(handled) < 2:
            await asyncio.sleep(0.005)

    in_own_loop(asyncio.wait_for(scene(), 5))
    assert ("pick-beta", True) in handled[1]


def test_a_first_run_too_short_to_be_seen_running_lets_the_press_through(
    monkeypatch,
):
    """The run that draws the page can start and end between two of the
    pacer's looks; the press then goes at the next look, not at the deadline
    (it waited out the deadline before, and on a busy machine arrived during a
    later run, where it was lost: CI's failover test)."""
    handled, _ = paced_recording(monkeypatch)
    monkeypatch.setattr(pacing, "FIRST_RUN_S", 600.0)
    reader = FakeSession()

    async def scene() -> None:
        AppSession.handle_backmsg(reader, rerun("pick-beta", trigger=True))
        reader.session_state.drawn.add("pick-beta")  # drawn and done before
        reader._state = AppSessionState.APP_NOT_RUNNING  # the pacer's first look
        while len(handled) < 2:
            await asyncio.sleep(0.005)

    in_own_loop(asyncio.wait_for(scene(), 5))
    assert handled == [[], [("pick-beta", True)]]


def test_the_press_waits_while_the_pressed_widget_is_not_drawn(monkeypatch):
    """A finished run that has not drawn the pressed widget (a run stopped
    early) does not release the press: its callback would not be called."""
    handled, retries = paced_recording(monkeypatch)
    reader = FakeSession()

    async def scene() -> None:
        AppSession.handle_backmsg(reader, rerun("pick-beta", trigger=True))
        reader._state = AppSessionState.APP_NOT_RUNNING  # ended, nothing drawn
        watch_retries(asyncio.get_running_loop(), retries)
        await retries.reach("when_drawn", 2, unless=lambda: len(handled) > 1)
        assert len(handled) == 1
        reader.session_state.drawn.add("pick-beta")  # the next run draws it
        while len(handled) < 2:
            await asyncio.sleep(0.005)

    in_own_loop(asyncio.wait_for(scene(), 5))
    assert handled[1] == [("pick-beta", True)]


def test_streamlit_calls_callbacks_only_for_widgets_the_session_has_drawn():
    """Contract: what the first-press workaround works around
    (``SessionState._call_callbacks`` skips a widget without metadata)."""
    from streamlit.runtime.state.session_state import SessionState

    source = inspect.getsource(SessionState._call_callbacks)
    assert "if metadata is None or metadata.disabled:" in source
    # What the pacer looks at to know the pressed widget is drawn.
    assert "widget_metadata.get(widget_id)" in inspect.getsource(
        SessionState._get_widget_metadata
    )
    assert "_get_widget_metadata(widget_id)" in inspect.getsource(
        SessionState.get_widget_metadata
    )
    assert isinstance(inspect.getattr_static(AppSession, "session_state"), property)
