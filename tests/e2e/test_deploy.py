"""deploy/: Debian's nginx in front of two Streamlit processes, on loopback (issue 11).

What a reader gets through nginx (headers, compression, cache, the packs), that a
session sticks to its process, that killing a process loses only its readers and
gives them their view back, and that limits and the static fallback hold.
"""

from __future__ import annotations

import asyncio
import re
import secrets
import shutil
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

from bench.load import Session, stream_url
from bench.replicas import kill_test
from deploy.serve import COOKIE, Replica, Settings, launched, nginx_conf
from tests.e2e.conftest import MAP_FRAME, VIEWPORTS, visiting

pytestmark = pytest.mark.e2e

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
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

    return asyncio.run(run())


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
    kill = asyncio.run(kill_test(url, 8, 15, first + 1, "2"))
    assert kill["on_killed"] > 0
    assert kill["others_errors"] == 0
    assert kill["reconnected"] == kill["on_killed"]
    assert kill["view_back"] == kill["on_killed"]


@pytest.fixture
def strict_nginx(deployment) -> Iterator[tuple[str, str]]:
    """A second nginx in front of the same processes, with small limits, and one
    more whose processes are gone (the ports of nothing)."""
    _, first = deployment
    # Not pytest's tmp_path: nginx's workers (nobody, under root) must read it.
    tmp_path = Path(tempfile.mkdtemp(prefix="nginx-"))
    tmp_path.chmod(0o755)
    port = free_ports(1)
    started = []
    urls = []
    for name, replicas in (
        ("strict", (Replica(first), Replica(first + 1))),
        ("gone", (Replica(free_ports(1)),)),
    ):
        run = tmp_path / name
        for part in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (run / "tmp" / part).mkdir(parents=True)
        (run / "pack").mkdir()
        (run / "pack" / "index.html").write_text("packs", "utf-8")
        settings = Settings(
            replicas=replicas,
            run=run,
            host="127.0.0.1",
            port=port,
            sessions_per_client=2,
            requests_per_s=1,
            request_burst=2,
        )
        (run / "nginx.conf").write_text(nginx_conf(settings), "utf-8")
        command = [NGINX, "-e", "stderr", "-c", str(run / "nginx.conf")]
        started.append(subprocess.Popen([*command, "-g", "daemon off;"]))
        urls.append(f"http://127.0.0.1:{port}")
        port = free_ports(1)
    for url in urls:
        deadline = time.monotonic() + 10
        while True:
            try:
                get(url + "/pack/")
                break
            except OSError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
    try:
        yield urls[0], urls[1]
    finally:
        for process in started:
            process.terminate()
            process.wait(timeout=10)
        shutil.rmtree(tmp_path, ignore_errors=True)


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

    assert asyncio.run(open_sessions()) == ["open", "open", 503]
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
