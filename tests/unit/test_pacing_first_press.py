"""A new session's first press (issue 18, after a failover): the pacer lets the
run that draws the page go first and the press after it, once the pressed
widget is drawn, since Streamlit calls callbacks only for drawn widgets."""

from __future__ import annotations

import asyncio
import inspect

from streamlit.runtime.app_session import AppSession, AppSessionState

from components import pacing
from tests.unit.pacing_doubles import (
    FakeSession,
    Seen,
    in_own_loop,
    rerun,
    watch_retries,
)
from trip.pacing import RunBudget


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
