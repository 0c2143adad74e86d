"""deploy/: Debian's nginx in front of two Streamlit processes, on loopback (issue 11).

What a reader gets through nginx (headers, compression, cache, the packs), that a
session sticks to its process, that killing a process loses only its readers and
gives them their view back, and that limits and the static fallback hold.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import dataclasses
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import websockets
from playwright.sync_api import expect

from bench.load import Session, stream_url
from bench.replicas import kill_test
from deploy.serve import (
    COOKIE,
    NGINX,
    Replica,
    Settings,
    launched,
    nginx_command,
    nginx_conf,
    prepare_run,
    replica_pid,
)
from tests.e2e.conftest import MAP_FRAME, VIEWPORTS, serve_folder, visiting

pytestmark = pytest.mark.e2e

if not Path(NGINX).exists():
    pytest.skip("nginx is not installed", allow_module_level=True)


def free_ports(count: int) -> int:
    """The first of ``count`` consecutive free loopback ports."""
    for _ in range(50):
        first = 20000 + secrets.randbelow(20000)
        taken = False
        for port in range(first, first + count):
            with socket.socket() as sock:
                try:
                    sock.bind(("127.0.0.1", port))
                except OSError:
                    taken = True
        if not taken:
            return first
    raise RuntimeError("no free ports")


@pytest.fixture(scope="module")
def deployment() -> Iterator[tuple[str, int]]:
    """nginx and two processes; yields nginx's URL and the first process's port."""
    port, first = free_ports(1), free_ports(2)
    with launched(2, port, first, wide_open=True) as url:
        yield url, first


def run_async(coroutine):
    """``asyncio.run`` in a thread of its own: Playwright's sync API keeps an event
    loop running in this one once a browser test has started."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def get(url: str, headers: dict[str, str] | None = None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return answer.status, answer.headers, answer.read()


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


def replica_of(url: str, cookie: str) -> str:
    async def run() -> str:
        session = Session(stream_url(url), cookie=cookie)
        await session.connect()
        await session.close()
        return session.replica

    return run_async(run())


def test_a_session_sticks_to_its_process(deployment):
    url, _ = deployment
    cookie = secrets.token_hex(16)
    assert len({replica_of(url, cookie) for _ in range(4)}) == 1
    spread = {replica_of(url, secrets.token_hex(16)) for _ in range(16)}
    assert spread == {"1", "2"}


def test_a_killed_process_loses_only_its_readers_and_they_get_their_view_back(
    deployment,
):
    url, first = deployment
    kill = run_async(kill_test(url, 8, 15, first, 2))
    assert 0 < kill["on_killed"] < kill["readers"]  # readers on both sides
    assert kill["killed_readers_were_on_it"]
    assert kill["others_errors"] == 0
    assert kill["reconnected"] == kill["on_killed"]
    assert kill["view_back"] == kill["on_killed"]


@contextlib.contextmanager
def another_nginx(
    replicas: tuple[Replica, ...], **changes
) -> Iterator[tuple[str, Path]]:
    """One more nginx from our template, on a port (an origin) of its own; yields
    its URL and the folder it serves ``/pack/`` from."""
    # Not pytest's tmp_path: nginx's workers (nobody, under root) must read it.
    run = Path(tempfile.mkdtemp(prefix="nginx-"))
    prepare_run(run)
    (run / "pack").mkdir()
    (run / "pack" / "index.html").write_text("packs", "utf-8")
    port = changes.pop("port", None) or free_ports(1)
    settings = Settings(replicas=replicas, run=run, host="127.0.0.1", port=port)
    (run / "nginx.conf").write_text(
        nginx_conf(dataclasses.replace(settings, **changes)), "utf-8"
    )
    process = subprocess.Popen(nginx_command(run / "nginx.conf", "-g", "daemon off;"))
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                get(url + "/pack/")
                break
            except OSError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
        yield url, run / "pack"
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(run, ignore_errors=True)


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
                markers = visit.page.frame_locator(MAP_FRAME).locator(".stop-marker")
                markers.nth(5).wait_for(timeout=20_000)
        visit.page.wait_for_timeout(500)
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


def test_a_reader_whose_process_dies_gets_the_view_back(deployment, browser):
    """What a reader sees: Streamlit's frontend reconnects by itself, nginx sends
    it to a live process, and the URL brings the selection back."""
    url, first = deployment
    with visiting(browser, url, VIEWPORTS["desktop"]) as visit:
        page = visit.open("/?stop=seoul&lang=en")
        selected = page.get_by_role("button", name="4 Seoul")
        expect(selected).to_have_attribute("data-testid", "stBaseButton-primary")
        assert [c for c in page.context.cookies() if c["name"] == COOKIE]
        # The same cookie, so the same process as the page's websocket.
        replica = int(page.request.get(url + "/_stcore/health").headers["x-replica"])
        os.kill(replica_pid(first + replica - 1), signal.SIGKILL)
        started = time.monotonic()
        # The frontend notices ("Connecting" in its status corner), reconnects and
        # reruns the page with its URL; until then it shows the old page.
        status = page.get_by_test_id("stStatusWidget")
        expect(status).to_contain_text("onnecting", timeout=10_000)
        expect(status.filter(has_text="onnecting")).to_have_count(0, timeout=30_000)
        visit.settle()
        expect(selected).to_have_attribute(
            "data-testid", "stBaseButton-primary", timeout=30_000
        )
        markers = visit.map_frame().locator(".stop-marker")
        expect(markers).to_have_count(6, timeout=20_000)
        assert "stop=seoul" in page.url
        visit.screenshot("after-replica-died")
        recovered = time.monotonic() - started
        assert recovered < 30
