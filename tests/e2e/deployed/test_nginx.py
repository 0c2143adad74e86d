"""deploy/: what a reader gets through nginx in front of two Streamlit processes
(issue 11): headers, compression, cache, the packs, nginx's own error pages, the
limits per client and the static fallback, the CSP in a browser, who may embed."""

from __future__ import annotations

import contextlib
import re
import socket
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import websockets
from playwright.sync_api import expect

from deploy.nginx import NGINX
from deploy.settings import COOKIE, Replica
from harness.page import MAP_FRAME
from harness.protocol import Session, stream_url
from harness.readers import room
from harness.servers import serve_folder
from tests.e2e.conftest import VIEWPORTS, visiting
from tests.e2e.deployed.support import (
    another_nginx,
    free_ports,
    get,
    run_async,
    status_of,
)

# One worker for all of deploy/'s tests (pyproject.toml: --dist loadgroup): they
# share one deployment (conftest.py), and kill and flood processes of their own.
pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("deploy")]

if not Path(NGINX).exists():
    pytest.skip("nginx is not installed", allow_module_level=True)


def test_a_page_comes_with_security_headers_and_a_route_cookie(deployment):
    url, _ = deployment
    status, headers, _ = get(url + "/")
    assert status == 200
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'self'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Set-Cookie"].startswith(f"{COOKIE}=")
    assert headers["X-Replica"] in {"1", "2"}
    assert "nginx/" not in headers["Server"]  # no version


def test_static_files_come_from_nginx_compressed_and_cached(deployment):
    url, _ = deployment
    leaflet = url + "/app/static/vendor/leaflet-1.9.4/leaflet.js"
    _, headers, body = get(leaflet, {"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip"
    assert "public" in headers["Cache-Control"]
    assert "X-Replica" not in headers  # not proxied
    assert len(body) < 60_000  # 147 KB uncompressed
    _, _, index = get(url + "/")
    bundle = re.search(rb'src="\.?(/?static/js/[^"]+\.js)"', index).group(1).decode()
    _, headers, _ = get(url + "/" + bundle.lstrip("/"), {"Accept-Encoding": "gzip"})
    assert "immutable" in headers["Cache-Control"]
    assert headers["Content-Encoding"] == "gzip"
    assert "X-Replica" not in headers


def test_the_briefing_packs_are_the_static_fallback(deployment):
    url, _ = deployment
    _, _, index = get(url + "/pack/")
    for lang in ("de", "en"):
        assert f'href="briefing-{lang}.html"'.encode() in index
        status, headers, pack = get(f"{url}/pack/briefing-{lang}.html")
        assert status == 200
        assert f'<html lang="{lang}">'.encode() in pack
        assert "Content-Security-Policy" in headers


@pytest.fixture
def strict_nginx(deployment) -> Iterator[tuple[str, str]]:
    """A second nginx in front of the same processes, with small limits, and one
    more whose processes are gone (the ports of nothing)."""
    _, first = deployment
    limits = {"sessions_per_client": 2, "requests_per_s": 1, "request_burst": 2}
    with (
        another_nginx((Replica(first), Replica(first + 1)), **limits) as (strict, _),
        another_nginx((Replica(free_ports(1)),)) as (gone, _),
    ):
        yield strict, gone


def test_limits_per_client_hold(strict_nginx):
    strict, _ = strict_nginx

    async def open_sessions() -> list[object]:
        outcomes = []
        sessions = []
        for _ in range(3):
            session = Session(stream_url(strict))
            try:
                await session.connect()
                sessions.append(session)
                outcomes.append("open")
            except websockets.InvalidStatus as refused:
                outcomes.append(refused.response.status_code)
        for session in sessions:
            await session.close()
        return outcomes

    assert run_async(open_sessions()) == ["open", "open", 503]
    statuses = []
    for _ in range(8):
        try:
            statuses.append(get(strict + "/_stcore/host-config")[0])
        except urllib.error.HTTPError as error:
            statuses.append(error.code)
    assert 429 in statuses


def test_issue_18_a_room_of_50_behind_one_address_gets_the_app(deployment):
    """A projected link opened by 50 readers at once on one address (loopback),
    under the default limits: every one loads the first page's requests, has
    its websocket accepted and its first run finished. Past the sessions per
    client (a small limit here) the next one is refused with 503."""
    _, first = deployment
    replicas = (Replica(first), Replica(first + 1))
    with another_nginx(replicas) as (url, _):
        at_once = run_async(room(url, 50))
    assert at_once["failed"] == {}
    assert at_once["got_the_app"] == 50
    assert set(at_once["spread"]) == {"1", "2"}  # each by its own signed cookie
    with another_nginx(replicas, sessions_per_client=5) as (url, _):
        one_more = run_async(room(url, 6))
    assert one_more["got_the_app"] == 5
    assert one_more["failed"] == {"websocket 503": 1}


def test_with_every_process_gone_readers_get_the_packs(strict_nginx):
    _, gone = strict_nginx

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as answer:
        opener.open(gone + "/?stop=ulsan", timeout=10)
    assert answer.value.code == 302
    assert answer.value.headers["Location"].endswith("/pack/")


def test_the_app_works_in_a_browser_under_the_csp(deployment, browser):
    """No Content-Security-Policy violation (Chromium logs each as a console
    error), the map draws its markers, nothing leaves the machine."""
    url, _ = deployment
    with visiting(browser, url, VIEWPORTS["desktop"]) as visit:
        for path in ("/?stop=ulsan", "/trade", "/briefing", "/sources"):
            visit.open(path)
            if path.startswith("/?"):
                frame = visit.map_frame()
                expect(frame.locator(".stop-marker")).to_have_count(6, timeout=20_000)
                # The land, fetched by the map's script after it has drawn.
                land = frame.locator(".leaflet-overlay-pane path").nth(60)
                expect(land).to_be_attached(timeout=20_000)
            # What the policy could refuse has been asked for: every frame's
            # document with its subresources, and its fonts; a refusal is
            # logged as the load is refused, and assert_clean waits for the
            # console messages logged so far.
            for frame in visit.page.frames:
                frame.wait_for_load_state("load")
                frame.evaluate("async () => { await document.fonts.ready; }")
            visit.assert_clean()


@contextlib.contextmanager
def plain_site(page: str) -> Iterator[str]:
    """Another site (its own origin, no CSP of ours) serving one page at /."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "index.html").write_text(page, encoding="utf-8")
        with serve_folder(Path(folder)) as url:
            yield url


def test_any_site_may_embed_the_embed_view_only_listed_ones_the_app(
    deployment, browser
):
    """CSP frame-ancestors: a page on another origin may frame the embed view
    (``?embed=true``, read-only), as a newsroom's article does; the full app only
    if the deployment lists that origin (``--embed-origin``)."""
    url, first = deployment
    replicas = (Replica(first), Replica(first + 1))
    listed_port = free_ports(1)
    listed = f"http://127.0.0.1:{listed_port}"
    page = (
        "<!doctype html><title>host</title>"
        f'<iframe id="listed" src="{listed}/" title="a"></iframe>'
        f'<iframe id="unlisted" src="{url}/" title="b"></iframe>'
        f'<iframe id="embed" src="{url}/?embed=true&amp;stop=ulsan" title="c" '
        'width="600" height="450"></iframe>'
    )
    with plain_site(page) as host:
        changes = {"embed_origins": (host,), "port": listed_port}
        with (
            another_nginx(replicas, **changes),
            visiting(browser, host, VIEWPORTS["desktop"]) as visit,
        ):
            refused: list[str] = []

            def note(message) -> None:
                if "frame-ancestors" in message.text:
                    refused.append(message.text)

            visit.page.on("console", note)
            # The refusal is the event waited for: the unlisted app's frame.
            with visit.page.expect_console_message(
                lambda message: "frame-ancestors" in message.text
            ):
                visit.page.goto(host + "/")
            for frame in ("#listed", "#embed"):
                app = visit.page.frame_locator(frame).locator('[data-testid="stApp"]')
                expect(app).to_be_attached(timeout=20_000)
            markers = (
                visit.page.frame_locator("#embed")
                .frame_locator(MAP_FRAME)
                .locator(".stop-marker")
            )
            expect(markers).to_have_count(6, timeout=20_000)
            assert any(url in text for text in refused), refused
            assert not any(listed in text for text in refused)
            assert not any("embed=true" in text for text in refused)


def raw_answer(url: str, request: bytes) -> str:
    """What nginx answers to bytes no client library would send."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer.decode("latin-1")


def test_issue_18_nginx_s_own_error_pages_carry_the_security_headers(deployment):
    url, _ = deployment
    bad = raw_answer(url, b"GET / HTTP/1.1\r\nHost: x\r\nBroken Header\r\n\r\n")
    long = raw_answer(url, b"GET /" + b"a" * 20_000 + b" HTTP/1.0\r\n\r\n")
    for answer, status in ((bad, "400"), (long, "414")):
        head = answer.split("\r\n\r\n")[0]
        assert head.split()[1] == status, head
        assert "Content-Security-Policy: default-src 'self'" in head
        assert "X-Content-Type-Options: nosniff" in head
    status, headers, _ = status_of(url + "/app/static/no-such-file.js")
    assert status == 404
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
