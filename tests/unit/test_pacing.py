"""Pacing a session's rerun requests (issue 18): the budget, and the wrapper
around Streamlit's ``AppSession.handle_backmsg`` with its contract."""

from __future__ import annotations

import asyncio
import inspect

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.runtime.app_session import AppSession, AppSessionState
from streamlit.web import cli

from components import pacing, server
from tests.unit.pacing_doubles import (
    Clock,
    FakeSession,
    in_own_loop,
    rerun,
    watch_deliveries,
)
from trip.pacing import RunBudget


def test_the_burst_passes_then_runs_wait_their_turn():
    clock = Clock()
    budget = RunBudget(burst=3, per_second=2.0, clock=clock)
    assert [budget.take() for _ in range(3)] == [0.0, 0.0, 0.0]
    assert budget.take() == pytest.approx(0.5)
    assert budget.take() == pytest.approx(1.0)  # queued behind the one before
    clock.now += 10  # a quiet spell refills the burst, no more
    assert [budget.take() for _ in range(3)] == [0.0, 0.0, 0.0]
    assert budget.take() > 0


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
