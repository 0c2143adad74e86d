"""The benchmark's measurements still run and report, each once, on the suite's
app server and browser. CI runs these instead of ``bench/run.py --smoke``, whose
own servers and browsers took two of its ten minutes. They check that each
measurement yields its figures and the report prints them, never what the
figures are: timing is the benchmark's to print (bench/RESULTS.md)."""

from __future__ import annotations

import concurrent.futures
import math
from urllib.parse import urlparse

import pytest

from bench import layout_shift
from bench.browser_figures import clicks, loads, other_picks, same_tab
from bench.report import report
from bench.server_figures import script_times, served_figures
from deploy.serve import replica_pid
from harness.browser import FIRST_RUN_MS
from tests.e2e.conftest import VIEWPORTS, visiting

pytestmark = pytest.mark.e2e
# The cold start of a server of its own (bench/server_figures.py's
# server_figures, start_app and a first page, as the test command's servers).
NOT_MEASURED = {"health": math.nan, "first_page": math.nan}


def measured(values: list[float]) -> bool:
    """Figures that were taken: some, each a time that ended."""
    return bool(values) and all(0 <= value < math.inf for value in values)


def test_the_benchmark_measures_ours_and_reports_it(browser, app_url):
    # The server's first run is not a figure (bench/run.py also runs it first).
    with visiting(browser, app_url, VIEWPORTS["desktop"]) as visit:
        visit.open("/", FIRST_RUN_MS)
    results = {
        "loads": {"ours": loads(browser, app_url, True, 1)},
        "same_tab": same_tab(browser, app_url, 1),
        "clicks": {"ours": clicks(browser, app_url, 1, True)},
        "picks": other_picks(browser, app_url, 1),
        "script": script_times(1),
    }
    # The suite's server (a server of its own, for the cold start, took half
    # this test's time), driven with asyncio in a thread of its own:
    # Playwright's sync API keeps an event loop running in this one.
    pid = replica_pid(urlparse(app_url).port)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        serving = pool.submit(served_figures, app_url, pid, True, True, 0)
        results["server"] = {"ours": {"cold": NOT_MEASURED, **serving.result()}}
    ours = results["loads"]["ours"]
    assert measured(ours["cold"] + ours["warm"])
    assert ours["requests"][0] > 0
    assert measured(results["same_tab"])
    assert measured(results["clicks"]["ours"]["shown"])
    assert results["clicks"]["ours"]["remounts"] == [0]
    picks = results["picks"]
    assert measured(picks["button"] + picks["picker"] + picks["chart"])
    assert measured(results["script"])
    server = results["server"]["ours"]
    assert server["saturation"] > 0
    (level,) = server["levels"].values()
    assert measured(level["latencies"])
    assert level["errors"] == []

    text = report(results, 1, smoke=True)
    assert "| ours | " in text
    assert "| ours (in the map's frame) | " in text
    assert "ours / bare = –" in text  # the floors were not measured
    assert "| 1 | 5 | " in text  # one reader for five seconds


def test_layout_shift_is_measured(browser, app_url):
    """Warm: a cold load and then the same page again, every step of the cold
    measurement and one more."""
    shift = layout_shift.measure(
        browser, app_url, "/?lang=de", (820, 1180), warm=True, verbose=False
    )
    assert 0 <= shift < math.inf
