"""What the deploy tests share: free consecutive ports, one more nginx from our
template, HTTP requests and waits on a state."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import dataclasses
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from deploy.nginx import nginx_command, nginx_conf, prepare_run
from deploy.settings import COOKIE, Replica, Settings
from deploy.staging import staged
from harness.protocol import FAILURES, Session, route_cookie, stream_url


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


def run_async(coroutine):
    """``asyncio.run`` in a thread of its own: Playwright's sync API keeps an event
    loop running in this one once a browser test has started."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def get(url: str, headers: dict[str, str] | None = None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return answer.status, answer.headers, answer.read()


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


def status_of(url: str, gzipped: bool = True) -> tuple[int, dict[str, str], bytes]:
    """Any answer, an error's too: its status, headers and body."""
    try:
        status, headers, body = get(url, {"Accept-Encoding": "gzip"} if gzipped else {})
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()
    return status, dict(headers), body


def until(check, what: str, timeout: float = 90):
    """Polls ``check`` until it returns something true; fails after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not (found := check()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.3)  # polling a state over HTTP, bounded by the deadline
    return found


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


def routed_to(url: str, cookie: str) -> str:
    """The process nginx sends a reader with route cookie ``cookie`` to."""
    _, headers, _ = get(url + "/_stcore/health", {"Cookie": f"{COOKIE}={cookie}"})
    return headers["X-Replica"]


def until_routed_to(url: str, replica: str) -> str:
    """Until nginx sends new readers to process ``replica``: a deployment's
    processes all take readers (the fixture), a killed one is back (after a
    kill test, for the next test). Asked with new cookies each time, not with
    one a reader had: a reader that joined while nginx counted one process as
    failed was sent to the other, and its cookie's own process is not that one.
    Returns the cookie that was sent there."""
    seen: list[str] = []

    def back() -> str:
        for _ in range(8):  # eight new cookies: all on one process 1 in 256
            try:
                cookie = route_cookie(url)  # "": the page came from the packs
                seen.append(routed_to(url, cookie) if cookie else "no cookie")
            except OSError as error:  # nginx reloading
                seen.append(repr(error))
            if seen[-1] == replica:
                return cookie
        return ""

    try:
        return until(back, f"process {replica} back")
    except AssertionError as timeout:
        raise AssertionError(f"{timeout}; routed to: {Counter(seen)}") from None


def replica_of(url: str, cookie: str) -> str:
    """The process a reader with route cookie ``cookie`` ran the app on: its
    socket's first run, to the end."""

    async def run() -> str:
        session = Session(stream_url(url), cookie=cookie)
        await session.connect()  # returns once the run has finished
        await session.close()
        return session.replica

    return run_async(run())


def until_warm(url: str, replica: str) -> None:
    """Until process ``replica`` takes readers and has run the app once. A
    restarted process's first run (imports, caches) can hold its event loop
    long enough for nginx to count it failed (max_fails=1) and send its readers
    to the other for a while: the route cookie tests that came next after a
    kill saw one cookie answered by both processes."""

    def warmed() -> bool:
        try:
            ran_on = replica_of(url, until_routed_to(url, replica))
        except FAILURES:  # refused or cut while nginx counted it failed
            return False
        return ran_on == replica  # else nginx sent it to the other

    until(warmed, f"process {replica} has run the app")
