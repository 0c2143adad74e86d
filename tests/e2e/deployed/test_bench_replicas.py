"""bench/replicas.py's measurements still run and report, each once, on the
deploy tests' nginx and processes (CI runs this instead of ``bench/replicas.py
--smoke``, which started three deployments of its own). It checks that each
measurement yields its figures and the report prints them, not what the figures
are: the kill test's behaviour is test_failover.py's to assert."""

from __future__ import annotations

import math

import pytest

from bench.replicas import kill_test, load_step, markdown
from harness.readers import PICK_EVERY_S, room
from tests.e2e.deployed.support import run_async, until_warm

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("deploy")]


def test_the_replicas_benchmark_measures_and_reports(deployment):
    url, first = deployment
    # Each reader's first pick comes within PICK_EVERY_S (at a random moment):
    # a shorter step could end before any (3 s did, on busy cores).
    step = run_async(load_step(url, 4, PICK_EVERY_S + 1))
    assert step["held"] == 4
    assert step["picks"] > 0
    assert 0 < step["p95"] < math.inf
    # Past the first picks (PICK_EVERY_S), process 2 is killed.
    kill = run_async(kill_test(url, 4, 12, first, 2))
    until_warm(url, "2")  # the next test finds it back and warm
    assert kill["readers"] >= 4  # more if the first four sat on one process
    assert kill["killed_replica"] == "2"
    rooms = [{"processes": 2, **run_async(room(url, 4))}]
    assert rooms[0]["got_the_app"] == 4
    text = markdown([{"processes": 2, **step}], {"processes": 2, **kill}, rooms)
    assert "| 2 | 4 | 4 | " in text  # processes, readers, sessions held
    assert "process 2 killed with SIGKILL" in text
