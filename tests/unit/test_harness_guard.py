"""The browser tests' offline guard: Playwright's driver routes only the URLs
``MAY_LEAVE`` matches to the guard, so it must match every URL that would leave
the machine (nothing slips past) and none of the app's own."""

import pytest

from harness.browser import MAY_LEAVE, stays_local

LOCAL = [
    "http://127.0.0.1:8501/",
    "http://127.0.0.1:8501/_stcore/stream",
    "ws://127.0.0.1:8501/_stcore/stream",
    "http://localhost:8501/app/static/leaflet.js?v=1",
    "http://[::1]:8501/#top",
    "http://localhost",
    "data:image/png;base64,AAAA",
    "blob:http://127.0.0.1:8501/1b2c",
    "about:blank",
]
LEAVING = [
    "https://tile.openstreetmap.org/0/0/0.png",
    "https://fonts.googleapis.com/css2?family=Inter",
    "http://localhost.example.org/x",
    "http://127.0.0.1.nip.io/",
    "http://127.0.0.1@example.org/",
    "http://localhost:8501@example.org/",
    "wss://example.org/socket",
    "ftp://example.org/file",
    "//example.org/x",
]


@pytest.mark.parametrize("url", LOCAL)
def test_the_app_s_own_requests_are_not_routed(url):
    assert stays_local(url)
    assert not MAY_LEAVE.match(url)


@pytest.mark.parametrize("url", LEAVING)
def test_every_request_that_would_leave_reaches_the_guard(url):
    assert not stays_local(url)
    assert MAY_LEAVE.match(url)
