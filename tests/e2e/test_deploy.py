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
import gzip
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import sysconfig
import tempfile
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import websockets
from playwright.sync_api import expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from deploy.serve import (
    COOKIE,
    NGINX,
    Replica,
    Settings,
    answers,
    launched,
    nginx_command,
    nginx_conf,
    prepare_run,
    replica_pid,
    staged,
)
from harness.page import MAP_FRAME
from harness.protocol import FAILURES, STOPS, TIMEOUT_S, Session, stream_url
from harness.readers import join_all, room
from harness.servers import serve_folder
from tests.e2e.conftest import VIEWPORTS, until_seen, visiting

# One worker for all of deploy/'s tests (pyproject.toml: --dist loadgroup): they
# share one deployment, and kill and flood processes of their own.
pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("deploy")]

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


# The route cookie as nginx issues it: a random id and its HMAC (deploy/route.js).
SIGNED = re.compile(
    rf"{COOKIE}=([0-9a-f]{{32}}\.[A-Za-z0-9_-]{{43}}); Path=/; HttpOnly; SameSite=Lax"
)


def issued_cookie(url: str, sent: str = "") -> str:
    """The signed route cookie nginx sets with a page (``sent``: the one the
    browser holds); fails when it sets none or an unsigned one."""
    _, headers, _ = get(url + "/", {"Cookie": f"{COOKIE}={sent}"} if sent else {})
    issued = SIGNED.fullmatch(headers.get("Set-Cookie", ""))
    assert issued, headers.get("Set-Cookie")
    return issued.group(1)


def test_issue_18_a_route_cookie_nginx_signed_keeps_a_session_on_its_process(
    deployment,
):
    url, _ = deployment
    cookies = [issued_cookie(url) for _ in range(12)]
    assert len(set(cookies)) == len(cookies)
    _, headers, _ = get(url + "/", {"Cookie": f"{COOKIE}={cookies[0]}"})
    assert "Set-Cookie" not in headers  # kept: nothing new to set
    where = {}
    for cookie in cookies:
        (where[cookie],) = {replica_of(url, cookie) for _ in range(2)}
    # The cookie decides, not the address (loopback: one address for all).
    assert set(where.values()) == {"1", "2"}


def test_issue_18_a_route_cookie_nginx_did_not_sign_does_not_choose_the_process(
    deployment,
):
    """Made up, forged or garbled: routed as with no cookie (by address), and a
    new signed cookie is issued."""
    url, _ = deployment
    by_address = replica_of(url, "")
    # Made-up values, which nginx used to hash as sent: they chose either process.
    chosen = [secrets.token_hex(16) for _ in range(12)]
    assert {replica_of(url, value) for value in chosen} == {by_address}
    signed_id, mac = issued_cookie(url).split(".")
    other_mac = mac[:-1] + ("A" if mac[-1] != "A" else "B")
    forged = [
        f"{secrets.token_hex(16)}.{mac}",  # another id with a real signature
        f"{signed_id}.{other_mac}",  # a real id, a signature one letter off
        signed_id,  # the id alone
        f"{signed_id}.{mac}x",
        "x" * 300,
    ]
    for value in forged:
        assert replica_of(url, value) == by_address, value
    for value in chosen + forged:
        assert issued_cookie(url, sent=value) not in (value, f"{signed_id}.{mac}")


def routed_to(url: str, cookie: str) -> str:
    """The process nginx sends a reader with route cookie ``cookie`` to."""
    _, headers, _ = get(url + "/_stcore/health", {"Cookie": f"{COOKIE}={cookie}"})
    return headers["X-Replica"]


def wait_until_back(url: str, cookie: str, replica: str) -> None:
    """deploy/serve.py restarts a killed process and puts it back in nginx:
    readers with ``cookie``, which chose ``replica``, are sent to it again.
    Waited for before the next test, which expects both processes."""

    def back() -> bool:
        try:
            return routed_to(url, cookie) == replica
        except OSError:  # nginx reloading
            return False

    until(back, f"process {replica} back")


async def pick(session: Session, stop: str) -> None:
    """A pick and its answer: the runs up to the one that shows ``stop``
    selected. A session the pacer has not seen (components/pacing.py: the
    first session in a process ran its page before the pacer was installed)
    gets its first press in a second run, after one that draws the page."""
    await session.send_rerun(session.selection(stop))
    async with asyncio.timeout(TIMEOUT_S):
        while session.selected != stop:
            session.selected = ""
            await session._until_finished()


async def kill_between_picks(url: str, first_port: int, readers: int) -> dict:
    """The kill test of bench/replicas.py, each step waiting for the one before
    instead of a schedule: readers join (on both processes) and each picks a
    stop and gets its answer; with no pick in flight, the second process is
    killed; then each picks again. Which readers were on it, which lost their
    socket, and where those reconnected (with the URL they had) and what they
    saw selected."""
    joined, _ = await join_all(url, readers, on_every=2)
    stops = list(STOPS)
    for number, reader in enumerate(joined):
        reader.picked = stops[number % len(stops)]
        await pick(reader.session, reader.picked)
    on_victim = {id(reader) for reader in joined if reader.replica == "2"}
    cookies = {reader.replica: reader.cookie for reader in joined}
    os.kill(replica_pid(first_port + 1), signal.SIGKILL)
    lost, others_errors = set(), []
    for number, reader in enumerate(joined):
        stop = stops[(number + 1) % len(stops)]
        try:
            await pick(reader.session, stop)
            reader.picked = stop
        except FAILURES as error:
            if id(reader) not in on_victim:
                others_errors.append(repr(error))
            lost.add(id(reader))
            await reader.rejoin(time.perf_counter())
    for reader in joined:
        with contextlib.suppress(*FAILURES):
            await reader.session.close()
    return {
        "readers": len(joined),
        "cookies": cookies,
        "on_victim": on_victim,
        "lost": lost,
        "others_errors": others_errors,
        "reconnects": [reader.reconnects for reader in joined if reader.reconnects],
    }


def test_a_killed_process_loses_only_its_readers_and_they_get_their_view_back(
    deployment,
):
    url, first = deployment
    kill = run_async(kill_between_picks(url, first, 8))
    assert 0 < len(kill["on_victim"]) < kill["readers"]  # readers on both sides
    assert kill["lost"] == kill["on_victim"]
    assert kill["others_errors"] == []
    moved = [reconnects[-1] for reconnects in kill["reconnects"]]
    assert len(moved) == len(kill["on_victim"])
    for reconnect in moved:
        assert reconnect["after_s"] is not None  # reconnected
        assert reconnect["from"] == "2"
        assert reconnect["view_back"]
    wait_until_back(url, kill["cookies"]["2"], "2")


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
    # As serve.py does: from a private checkout, what nginx's workers cannot
    # read is served from a copy (the test command run from root's home).
    (run / "staging").mkdir()
    settings = staged(dataclasses.replace(settings, **changes), run / "staging")
    (run / "nginx.conf").write_text(nginx_conf(settings), "utf-8")
    process = subprocess.Popen(nginx_command(run / "nginx.conf", "-g", "daemon off;"))
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                get(url + "/pack/")
                break
            except OSError:  # polling nginx's first answer, bounded by the deadline
                assert time.monotonic() < deadline, "nginx did not start"
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


CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'


def served_the_app(first_port: int, count: int) -> None:
    """Each process has run the app, as in a deployment in use (a killed one
    is restarted afresh). app.py's first run installs the pacer
    (components/pacing.py), so a process's very first message bypasses it: a
    button press then is lost, the failover case the pacer is there for."""

    async def run_once(port: int) -> None:
        session = Session(f"ws://127.0.0.1:{port}/_stcore/stream")
        await session.connect()
        await session.close()

    for port in range(first_port, first_port + count):
        until(lambda port=port: answers(f"http://127.0.0.1:{port}"), f"process {port}")
        run_async(run_once(port))


def test_a_reader_whose_process_dies_gets_the_view_back(deployment, browser):
    """What a reader sees: Streamlit's frontend reconnects by itself and nginx
    sends it to a live process. The old page stays on screen meanwhile, and
    the new process's session runs nothing until the reader's next click
    (Streamlit resumes a session it knows; this one it does not). That click's
    request carries the URL: the first run there draws the view the reader
    had, then the click is honoured (tests/e2e/test_fair_share.py, the first
    press after a reconnect). Both are read from the new socket's messages,
    since the old page on screen would show the first all the same."""
    url, first = deployment
    with visiting(browser, url, VIEWPORTS["desktop"]) as visit:
        page = visit.page
        sockets: list[list[ForwardMsg]] = []

        def listen(socket) -> None:
            received: list[ForwardMsg] = []
            sockets.append(received)
            socket.on(
                "framereceived",
                lambda data: received.append(ForwardMsg.FromString(data)),
            )

        page.on("websocket", listen)
        visit.open("/?stop=seoul&lang=en")
        expect(page.get_by_role("button", name="4 Seoul")).to_have_attribute(
            "data-testid", "stBaseButton-primary"
        )
        (cookie,) = [c["value"] for c in page.context.cookies() if c["name"] == COOKIE]
        # The same cookie, so the same process as the page's websocket.
        replica = int(routed_to(url, cookie))
        assert len(sockets) == 1
        served_the_app(first, 2)
        # The reconnection's steps, each observed: the frontend notices and
        # opens a new socket (it has left CONNECTED by then), and is connected.
        # A click before that would be lost: its buttons stay enabled.
        with page.expect_websocket(timeout=60_000):
            os.kill(replica_pid(first + replica - 1), signal.SIGKILL)
        expect(page.locator(CONNECTED)).to_be_attached(timeout=60_000)
        page.get_by_role("button", name="5 Ulsan").click()
        page.wait_for_url("**stop=ulsan**", timeout=60_000)
        drawn = until_seen(
            page,
            lambda: next((got for got in sockets[1:] if "ulsan" in picked_on(got)), 0),
            "the click's run on a new socket",
        )
        assert picked_on(drawn) == ["seoul", "ulsan"]  # the view back, then the click
        visit.settle()
        expect(page.get_by_role("button", name="5 Ulsan")).to_have_attribute(
            "data-testid", "stBaseButton-primary"
        )
        expect(visit.map_frame().locator(".stop-marker")).to_have_count(6)
        visit.screenshot("after-replica-died")
    wait_until_back(url, cookie, str(replica))


def picked_on(received: list[ForwardMsg]) -> list[str]:
    """The stops whose buttons a socket's messages drew as the selected one."""
    picked = []
    for message in received:
        if message.WhichOneof("type") != "delta":
            continue
        element = message.delta.new_element
        button = element.button if element.WhichOneof("type") == "button" else None
        if button and "-pick-" in button.id and button.type == "primary":
            picked.append(button.id.rsplit("-pick-", 1)[1])
    return picked


def status_of(url: str, gzipped: bool = True) -> tuple[int, dict[str, str], bytes]:
    """Any answer, an error's too: its status, headers and body."""
    try:
        status, headers, body = get(url, {"Accept-Encoding": "gzip"} if gzipped else {})
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()
    return status, dict(headers), body


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


# What a checkout needs to run deploy/ (no .venv: this Python runs it).
CHECKOUT = ("app.py", ".streamlit", "pages", "components", "trip", "data", "static")
DRAFT = "zz-draft"  # a half-edited trip folder: its stops.csv is broken


def private_checkout(owner: str | None = None) -> Path:
    """The app copied into a 0700 folder (a clone in root's home, or in a plain
    user's), with a broken draft trip beside the bundled ones."""
    private = Path(tempfile.mkdtemp(prefix="private-"))
    checkout = private / "checkout"
    root = Path(__file__).resolve().parents[2]
    checkout.mkdir()
    for name in (*CHECKOUT, "deploy"):
        if (root / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__")
            shutil.copytree(root / name, checkout / name, ignore=ignore)
        else:
            shutil.copy(root / name, checkout / name)
    trips = checkout / "data" / "trips"
    default = tomllib.loads((trips / "trips.toml").read_text("utf-8"))["default"]
    shutil.copytree(trips / default, trips / DRAFT)
    stops = trips / DRAFT / "stops.csv"
    header, first, *rest = stops.read_text("utf-8").splitlines(keepends=True)
    cells = first.split(",")
    cells[header.split(",").index("lat")] = "95"
    stops.write_text("".join([header, ",".join(cells), *rest]), "utf-8")
    (checkout / ".deploy").mkdir()
    if owner is not None:
        shutil.chown(private, owner)
        for folder, folders, files in os.walk(private):
            for name in [*folders, *files]:
                shutil.chown(Path(folder) / name, owner)
    private.chmod(0o700)
    return checkout


def until(check, what: str, timeout: float = 90):
    """Polls ``check`` until it returns something true; fails after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not (found := check()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.3)  # polling a state over HTTP, bounded by the deadline
    return found


@pytest.fixture(scope="module")
def from_private_folder() -> Iterator[tuple[str, Path]]:
    """deploy/ from a checkout nginx's workers (nobody, under root) cannot enter;
    yields nginx's URL and the checkout."""
    checkout = private_checkout()
    run = checkout / ".deploy"
    options = ["--run-dir", str(run), "--pack-interval", "0.5"]
    port, first = free_ports(1), free_ports(1)
    try:
        with launched(1, port, first, root=checkout, options=options) as url:
            yield url, checkout
    finally:
        shutil.rmtree(checkout.parent, ignore_errors=True)


def test_issue_18_static_files_are_served_from_a_private_folder(from_private_folder):
    url, checkout = from_private_folder
    assert stat.S_IMODE(checkout.parent.stat().st_mode) == 0o700
    status, headers, body = status_of(
        url + "/app/static/vendor/leaflet-1.9.4/leaflet.js"
    )
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    basemap = url + "/app/static/basemap/natural-earth-50m.geojson"
    status, headers, body = status_of(basemap)
    assert status == 200
    assert headers["Content-Type"] == "application/geo+json"
    assert headers["Content-Encoding"] == "gzip"
    size = (checkout / "static" / "basemap" / "natural-earth-50m.geojson").stat()
    assert len(body) < size.st_size / 2
    assert gzip.decompress(body).startswith(b"{")


def pack_of(url: str, name: str) -> bytes:
    return status_of(f"{url}/pack/{name}", gzipped=False)[2]


def test_issue_18_a_broken_trip_never_stops_deploy_and_the_others_packs_serve(
    from_private_folder,
):
    url, checkout = from_private_folder
    for lang in ("de", "en"):
        pack = until(
            lambda lang=lang: (
                (p := pack_of(url, f"briefing-{lang}.html")) and len(p) > 100_000 and p
            ),
            f"the default trip's {lang} pack",
        )
        assert f'<html lang="{lang}">'.encode() in pack
    draft = until(
        lambda: (
            b"not available" in (p := pack_of(url, f"{DRAFT}-briefing-en.html")) and p
        ),
        "the draft's page",
    )
    assert b"This pack is not available right now." in draft
    index = pack_of(url, "")
    assert f'href="{DRAFT}-briefing-de.html"'.encode() in index
    log = (checkout / ".deploy" / "serve.log").read_text("utf-8")
    assert f"{DRAFT} is broken" in log
    assert "stops.csv" in log


def test_issue_18_an_edited_trip_s_pack_is_fresh_without_a_restart(
    from_private_folder,
):
    url, checkout = from_private_folder
    trips = checkout / "data" / "trips"
    other = sorted(
        folder.name
        for folder in trips.iterdir()
        if (folder / "trip.csv").exists() and folder.name != DRAFT
    )[0]
    name = f"{other}-briefing-en.html"
    until(lambda: len(pack_of(url, name)) > 100_000, "the first pack")
    stops = trips / other / "stops.csv"
    header, *rows = stops.read_text("utf-8").splitlines(keepends=True)
    column = header.split(",").index("name_en")
    cells = rows[0].split(",")
    cells[column] = "Freshly Edited Place"
    stops.write_text("".join([header, ",".join(cells), *rows[1:]]), "utf-8")
    pack = until(
        lambda: b"Freshly Edited Place" in (p := pack_of(url, name)) and p,
        "the edited pack",
    )
    assert b'<html lang="en">' in pack


def python_for(user: str) -> tuple[str, dict[str, str]]:
    """A Python ``user`` may run with this one's packages: this one, or (when it
    lives in root's 0700 home, as pyenv's does) the system's of the same version
    with this environment's packages on its path; a skip if there is neither."""
    candidates = [(sys.executable, {})]
    system = (
        Path("/usr/bin") / f"python{sys.version_info.major}.{sys.version_info.minor}"
    )
    if system.exists():
        paths = {"PYTHONPATH": sysconfig.get_paths()["purelib"]}
        candidates.append((str(system), paths))
    for python, env in candidates:
        ran = subprocess.run(
            ["runuser", "-u", user, "--", python, "-c", "import streamlit, jinja2"],
            env={**os.environ, **env},
            capture_output=True,
        )
        if ran.returncode == 0:
            return python, env
    pytest.skip(f"no Python with this project's packages that {user} may run")


def test_issue_18_deploy_runs_from_a_plain_user_s_private_folder():
    """As a plain user nginx's workers are that user: they read its files."""
    user = "nobody"
    if os.geteuid() != 0:
        pytest.skip("needs root to run as another user")
    python, env = python_for(user)
    checkout = private_checkout(owner=user)
    run = checkout / ".deploy"
    options = ["--run-dir", str(run)]
    port, first = free_ports(1), free_ports(1)
    try:
        with launched(
            1,
            port,
            first,
            root=checkout,
            options=options,
            env={**env, "HOME": str(run)},
            user=user,
            python=python,
        ) as url:
            leaflet = url + "/app/static/vendor/leaflet-1.9.4/leaflet.js"
            assert status_of(leaflet)[0] == 200
            pack = "briefing-de.html"
            until(lambda: len(pack_of(url, pack)) > 100_000, "the default pack")
            status, _, page = status_of(url + "/", gzipped=False)
            assert status == 200
            assert b'<div id="root">' in page  # Streamlit's page, through nginx
            pid = int((run / "nginx.pid").read_text())
            assert Path(f"/proc/{pid}").stat().st_uid == pwd.getpwnam(user).pw_uid
    finally:
        shutil.rmtree(checkout.parent, ignore_errors=True)


def test_a_reader_past_the_session_limit_gets_a_line_and_the_pack(deployment, browser):
    """Issue 18: the reader past nginx's sessions per address saw grey
    placeholders for ever; now a line says the app is busy and links the pack."""
    _, first = deployment
    replicas = (Replica(first), Replica(first + 1))
    with (
        another_nginx(replicas, sessions_per_client=1) as (url, _),
        visiting(browser, url, VIEWPORTS["desktop"]) as holder,
        visiting(browser, url, VIEWPORTS["desktop"]) as refused,
    ):
        holder.open("/?lang=en")
        assert holder.page.locator("#trip-connection").count() == 0
        refused.page.goto(url + "/?lang=en")
        line = refused.page.locator('#trip-connection[data-kind="busy"]')
        expect(line).to_contain_text("The app is busy right now", timeout=30_000)
        expect(line.get_by_role("link")).to_have_attribute("href", "/pack/")
        holder.page.close()  # a session frees up: the waiting reader gets in
        refused.settle()
        expect(line).to_have_count(0, timeout=30_000)


HEALTH, HOST_CONFIG = "/_stcore/health", "/_stcore/host-config"


def test_an_idle_tab_lets_go_of_its_session_and_resumes_its_view(deployment, browser):
    """Issue 18: idle tabs held their sessions for an hour. Now a tab untouched
    for ten minutes closes its websocket, does not reconnect on its own, and
    comes back to the same view at the reader's next touch."""
    url, _ = deployment
    with visiting(browser, url, VIEWPORTS["desktop"]) as visit:
        page = visit.page
        page.clock.install()
        sockets = []
        page.on("websocket", lambda socket: sockets.append(socket))
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        visit.open("/?lang=en&stop=ulsan")
        opened = len(sockets)
        assert opened >= 1
        since = len(requests)
        page.clock.fast_forward("10:01")
        line = page.locator('#trip-connection[data-kind="idle"]')
        expect(line).to_contain_text("Paused because nobody used the page")
        if not sockets[-1].is_closed():
            sockets[-1].wait_for_event("close", timeout=10_000)
        page.clock.fast_forward("01:00")  # Streamlit's reconnect timers all fire
        # Its reconnection pings health and host-config together, health first;
        # paused, the page holds the health check back. The ping's host-config
        # request shows the attempt was made, and comes after the health
        # request had that left the page (nor can a socket open before both).
        if not any(ping.endswith(HOST_CONFIG) for ping in requests[since:]):
            page.wait_for_event(
                "request", lambda request: request.url.endswith(HOST_CONFIG)
            )
        assert not [ping for ping in requests[since:] if ping.endswith(HEALTH)]
        assert len(sockets) == opened  # no new socket while nobody is there
        with page.expect_websocket(timeout=30_000):
            page.mouse.click(5, 300)
        expect(line).to_have_count(0)
        visit.settle()
        assert "stop=ulsan" in page.url
        expect(page.get_by_text("5 · Ulsan (울산) (selected)")).to_be_visible()
