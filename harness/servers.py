"""Servers on loopback for tests and benchmarks: the app (or another script of
ours) under ``streamlit run``, and a plain folder, each on a free port, stopped
afterwards. A server is ready when its health endpoint answers, never after a
fixed wait."""

from __future__ import annotations

import functools
import http.server
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT_S = 60


class AppDidNotStart(RuntimeError):
    """``streamlit run`` exited, or its health endpoint did not answer in time;
    the message holds the server's output."""


def free_port() -> int:
    """A loopback port nobody listens on now (the OS's pick: two processes
    asking at once get different ones)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve_app(script: str = "app.py", data_dir: Path | None = None) -> Iterator[str]:
    """A Streamlit server for the app (or another script of ours, run with the
    project on its path) on a free loopback port, stopped afterwards."""
    with start_app(script, data_dir) as (url, _):
        yield url


@contextmanager
def start_app(
    script: str = "app.py",
    data_dir: Path | None = None,
    options: tuple[str, ...] = (),
) -> Iterator[tuple[str, subprocess.Popen]]:
    """``serve_app`` with the server's process (the benchmark reads its memory);
    ``options`` are more ``streamlit run`` flags, after ours."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if data_dir is not None:  # in the default trip's place
        env["TRIP_DATA_DIR"] = str(data_dir)
    # A file, not a pipe: nobody reads the log while the server runs, and a full
    # pipe would stall a server under load.
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed below
    # The app as deploy/serve.py and scripts/run.sh start it (the pacer installed
    # before it serves: components/server.py); another script (a benchmark's
    # floor, a probe) with Streamlit's own command, nothing of ours added.
    command = "components.server" if script == "app.py" else "streamlit"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            command,
            "run",
            script,
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--server.fileWatcherType",
            "none",
            *options,
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _until_healthy(url, server, log)
        yield url, server
    finally:
        if server.poll() is None:
            server.terminate()
        server.wait(timeout=20)
        log.close()


def _until_healthy(url: str, server: subprocess.Popen, log) -> None:
    """Poll /_stcore/health until it answers 200; raise ``AppDidNotStart`` with
    the server's output once it exited or ``START_TIMEOUT_S`` passed."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                server.wait(timeout=20)
                log.seek(0)
                output = log.read().decode(errors="replace")
                raise AppDidNotStart(f"streamlit did not start:\n{output}") from None
            time.sleep(0.05)  # polling the health endpoint, bounded by the deadline


class _QuietFiles(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        """No line per request in the output."""


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """A plain file server for ``folder`` on a free loopback port (an origin of
    its own, no headers of ours); yields its base URL."""
    handler = functools.partial(_QuietFiles, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
