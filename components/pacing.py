"""One client cannot slow the others: a session's rerun requests are paced
before Streamlit acts on them (issue 18).

Streamlit acts on every ``rerun_script`` message a websocket sends, at once:
it interrupts the session's run and starts another, each with a new script
thread and the messages that open a run. Nothing upstream bounds that rate (the
server has no per-session limit, and nginx cannot look inside a websocket), so
three sockets sending a rerun every 20 ms took over a core and raised other
readers' p95 by 1.7 times (``bench/flood.py``).

This wraps ``AppSession.handle_backmsg`` (streamlit/runtime/app_session.py):
within a session's budget (``trip.pacing.RunBudget``) a request passes as it
came; past it, the request waits for its turn, and requests arriving meanwhile
merge into the waiting one (the newest wins, a button press is kept, as
Streamlit merges requests during a run: ``_coalesce_widget_states`` in
streamlit/runtime/scriptrunner_utils/script_requests.py). Nothing a reader
sends is lost, only later. ``clear_cache`` is not honoured: it empties every
reader's caches, and no page of ours offers it. The contract tests in
tests/unit/test_pacing.py fail if Streamlit changes either place.
"""

from __future__ import annotations

import asyncio
import functools
import weakref
from collections.abc import Callable
from dataclasses import dataclass

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.scriptrunner_utils.script_requests import (
    _coalesce_widget_states,
)

from trip.pacing import RunBudget


@dataclass
class _Turns:
    """A session's budget, and the request waiting for its turn, if any."""

    budget: RunBudget
    waiting: BackMsg | None = None


_TURNS: weakref.WeakKeyDictionary[AppSession, _Turns] = weakref.WeakKeyDictionary()


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


def install(budget: Callable[[], RunBudget] = RunBudget) -> None:
    """Wrap ``AppSession.handle_backmsg`` once per process (app.py calls this
    on every run; after the first, it returns at once). ``budget`` makes each
    session's budget."""
    if getattr(AppSession.handle_backmsg, "paced", False):
        return
    original = AppSession.handle_backmsg

    @functools.wraps(original)
    def handle_backmsg(session: AppSession, msg: BackMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "clear_cache":
            return
        if kind != "rerun_script":
            original(session, msg)
            return
        turns = _TURNS.get(session) or _TURNS.setdefault(session, _Turns(budget()))
        if turns.waiting is not None:
            turns.waiting = merged(turns.waiting, msg)
            return
        wait = turns.budget.take()
        if not wait:
            original(session, msg)
            return
        turns.waiting = msg

        def deliver() -> None:
            waiting, turns.waiting = turns.waiting, None
            if waiting is not None:
                original(session, waiting)

        asyncio.get_running_loop().call_later(wait, deliver)

    handle_backmsg.paced = True  # type: ignore[attr-defined]
    AppSession.handle_backmsg = handle_backmsg  # type: ignore[method-assign]
