"""One client cannot slow the others: a session's rerun requests are paced
before Streamlit acts on them (issue 18).

Streamlit acts on every ``rerun_script`` message a websocket sends, at once:
it interrupts the session's run and starts another, each with a new script
thread and the messages that open a run. Nothing upstream bounds that rate (the
server has no per-session limit, and nginx cannot look inside a websocket), so
three sockets sending a rerun every 20 ms took over a core and raised other
readers' p95 by 1.7 times (``bench/flood.py``).

This wraps ``AppSession.handle_backmsg`` (streamlit/runtime/app_session.py).
Within a session's budget (``trip.pacing.RunBudget``) a request passes as it
came. Past it, the request waits for its turn and then for a moment when no
other session runs a request within its budget; if one arrives meanwhile, the
run past its budget is stopped and runs again later. Requests arriving while
one waits merge into it (the newest wins, a button press is kept, as
Streamlit merges requests during a run: ``_coalesce_widget_states`` in
streamlit/runtime/scriptrunner_utils/script_requests.py), so nothing a reader
sends is lost, only later. ``clear_cache`` is not honoured: it empties every
reader's caches, and no page of ours offers it. The contract tests in
tests/unit/test_pacing.py and test_pacing_first_press.py fail if Streamlit
changes these places.
"""

from __future__ import annotations

import asyncio
import functools
import weakref
from collections.abc import Callable
from dataclasses import dataclass

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.runtime.app_session import AppSession, AppSessionState
from streamlit.runtime.scriptrunner_utils.script_requests import (
    _coalesce_widget_states,
    _has_active_trigger_value,
)

from trip.pacing import RunBudget

# How soon a request past its budget looks again for a moment when no other
# session runs.
RETRY_S = 0.05
# How long a new session's press waits at most for the run that draws its
# widgets; then it goes anyway (a widget no longer on the page never will be).
FIRST_RUN_S = 30.0


@dataclass
class _Turns:
    """A session's budget; the request past it waiting for its turn, if any;
    and the one running now, if it ran past the budget (it yields to others)."""

    budget: RunBudget
    waiting: BackMsg | None = None
    scheduled: bool = False
    yielding: BackMsg | None = None
    # When a request within the budget went to Streamlit: its run counts as
    # running from then, before Streamlit reports it started.
    passed_at: float = float("-inf")


_TURNS: weakref.WeakKeyDictionary[AppSession, _Turns] = weakref.WeakKeyDictionary()


# A run within its budget counts as running this long after its request passed,
# until Streamlit reports it started (a script thread of its own starts first).
STARTING_S = 0.25


def _presses(msg: BackMsg) -> bool:
    """Whether a rerun request carries a button press (or another trigger)."""
    return any(
        _has_active_trigger_value(state)
        for state in msg.rerun_script.widget_states.widgets
    )


def _running(session: AppSession) -> bool:
    return session._state == AppSessionState.APP_IS_RUNNING


def _busy(session: AppSession, turns: _Turns, now: float) -> bool:
    """Running, or about to, a request within its budget."""
    return turns.yielding is None and (
        _running(session) or now - turns.passed_at < STARTING_S
    )


def merged(older: BackMsg, newer: BackMsg) -> BackMsg:
    """One rerun request for two: the newer one, keeping a button press or
    other trigger that only the older one holds. Presses kept from the older
    come first: Streamlit calls callbacks in this order, so the newest press
    has the last word (two picks on the timeline: the later one shows)."""
    states = _coalesce_widget_states(
        older.rerun_script.widget_states, newer.rerun_script.widget_states
    )
    result = BackMsg()
    result.CopyFrom(newer)
    if states is not None:
        newest = {state.id for state in newer.rerun_script.widget_states.widgets}
        ordered = sorted(states.widgets, key=lambda state: state.id in newest)
        del result.rerun_script.widget_states.widgets[:]
        result.rerun_script.widget_states.widgets.extend(ordered)
    return result


class _Pacer:
    """Within its budget a session's request passes at once, and stops any run
    of another session that is past its budget (it runs again later). Past
    the budget, a request waits for its turn, and then for a moment when no
    other session runs."""

    def __init__(
        self,
        original: Callable[[AppSession, BackMsg], None],
        budget: Callable[[], RunBudget],
    ) -> None:
        self.original = original
        self.budget = budget

    def handle(self, session: AppSession, msg: BackMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "clear_cache":
            return
        if kind != "rerun_script":
            self.original(session, msg)
            return
        if session not in _TURNS and _presses(msg):
            self._first_run_then(session, msg)
            return
        turns = _TURNS.get(session) or _TURNS.setdefault(session, _Turns(self.budget()))
        if turns.waiting is not None:
            turns.waiting = merged(turns.waiting, msg)
            return
        wait = turns.budget.take()
        if not wait:
            turns.yielding = None
            turns.passed_at = asyncio.get_running_loop().time()
            self._stop_yielding_runs(but=session)
            self.original(session, msg)
            return
        turns.waiting = msg
        self._schedule(session, turns, wait)

    def _first_run_then(self, session: AppSession, msg: BackMsg) -> None:
        """A new session whose first request presses a button: a reader whose
        process died, reconnected to another one, clicking. Streamlit calls a
        widget's callback only for widgets its session has drawn before (their
        metadata, ``SessionState._call_callbacks``), so the press would be lost:
        another process cannot resume the old session (streamlit/streamlit#8901
        resumes one only within its process). The page runs first without the
        press, drawing the widgets; the press follows once the widgets it
        presses are drawn and no run is under way. Both are states that last,
        looked at every RETRY_S: a run is not watched for, since a short one
        can start and end between two looks (a press then waited out the
        whole deadline, and on a busy machine arrived during a later run)."""
        first = BackMsg()
        first.CopyFrom(msg)
        pressed = [
            w.id
            for w in msg.rerun_script.widget_states.widgets
            if _has_active_trigger_value(w)
        ]
        kept = [
            w
            for w in msg.rerun_script.widget_states.widgets
            if not _has_active_trigger_value(w)
        ]
        del first.rerun_script.widget_states.widgets[:]
        first.rerun_script.widget_states.widgets.extend(kept)
        self.handle(session, first)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + FIRST_RUN_S

        def when_drawn() -> None:
            state = session.session_state
            drawn = all(state.get_widget_metadata(w) is not None for w in pressed)
            if (drawn and not _running(session)) or loop.time() > deadline:
                self.handle(session, msg)
            else:
                loop.call_later(RETRY_S, when_drawn)

        loop.call_later(RETRY_S, when_drawn)

    def _schedule(self, session: AppSession, turns: _Turns, delay: float) -> None:
        if not turns.scheduled:
            turns.scheduled = True
            asyncio.get_running_loop().call_later(delay, self._deliver, session, turns)

    def _deliver(self, session: AppSession, turns: _Turns) -> None:
        turns.scheduled = False
        if turns.waiting is None:
            return
        now = asyncio.get_running_loop().time()
        if any(
            other is not session and _busy(other, others, now)
            for other, others in list(_TURNS.items())
        ):
            self._schedule(session, turns, RETRY_S)
            return
        turns.yielding, turns.waiting = turns.waiting, None
        self.original(session, turns.yielding)

    def _stop_yielding_runs(self, but: AppSession) -> None:
        for other, others in list(_TURNS.items()):
            if other is but or others.yielding is None or not _running(other):
                continue
            other.request_script_stop()
            stopped, others.yielding = others.yielding, None
            others.waiting = (
                merged(stopped, others.waiting) if others.waiting else stopped
            )
            self._schedule(other, others, RETRY_S)


def install(budget: Callable[[], RunBudget] = RunBudget) -> None:
    """Wrap ``AppSession.handle_backmsg`` once per process (app.py calls this
    on every run; after the first, it returns at once). ``budget`` makes each
    session's budget."""
    if getattr(AppSession.handle_backmsg, "paced", False):
        return
    pacer = _Pacer(AppSession.handle_backmsg, budget)

    @functools.wraps(pacer.original)
    def handle_backmsg(session: AppSession, msg: BackMsg) -> None:
        pacer.handle(session, msg)

    handle_backmsg.paced = True  # type: ignore[attr-defined]
    AppSession.handle_backmsg = handle_backmsg  # type: ignore[method-assign]
