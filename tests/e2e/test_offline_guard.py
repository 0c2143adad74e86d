"""The guard every browser test relies on for "offline": in a real browser, a
request that would leave the machine is aborted and recorded, while the app's own
go through (Playwright's driver matches ``MAY_LEAVE``, a JavaScript regex)."""

from __future__ import annotations

import pytest

from harness.browser import visiting
from tests.e2e.conftest import VIEWPORTS

pytestmark = pytest.mark.e2e
FETCH_ALL = """urls => Promise.all(urls.map(url => fetch(url, {mode: "no-cors"})
    .then(() => "loaded", () => "failed")))"""


def test_requests_off_the_machine_are_blocked_and_recorded(browser, app_url):
    leaving = [
        "https://tile.openstreetmap.org/0/0/0.png",
        "http://localhost.example.org/x",
    ]
    with visiting(browser, app_url, VIEWPORTS["desktop"]) as visit:
        page = visit.page
        page.goto(f"{app_url}/_stcore/health")  # a page of the app's, no script
        outcome = page.evaluate(FETCH_ALL, [f"{app_url}/_stcore/health", *leaving])
        assert outcome == ["loaded", "failed", "failed"]
        assert visit.blocked == leaving
