"""One command for a press day on one machine: nginx in front of N Streamlit processes.

    python -m deploy.serve --replicas 4 --port 8080

- starts N Streamlit processes on loopback ports, each the app as ``scripts/run.sh``
  runs it;
- builds the briefing pack of every trip in both languages (the static fallback, at
  ``/pack/``) in the background, once nginx answers, and again whenever a trip's
  data changes (``deploy/packs.py``); a broken trip never stops it;
- writes ``nginx.conf`` from ``deploy/nginx.conf.j2`` and runs Debian's nginx with it
  (sticky sessions, websocket upgrade, static files, compression, cache and
  security headers, request and connection limits);
- checks each process's ``/_stcore/health`` every second; a process that fails is
  taken out of nginx (a graceful reload: open sessions on the others stay), restarted,
  and put back once it answers again (``--restart never``: serve.py exits instead,
  for a container whose supervisor, the kubelet, restarts it).

As root, nginx's workers run as ``nobody``: what they serve (the app's ``static/``,
Streamlit's frontend, the packs) must be readable by any user. From a private
folder (a clone in root's home) it is served from a world-readable copy instead.

Ctrl+C (or SIGTERM) stops nginx and the processes. Everything it writes goes to
``--run-dir`` (default ``.deploy/``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from deploy.nginx import NJS_MODULE, nginx_command, nginx_conf, prepare_run
from deploy.packs import Packs
from deploy.settings import ROOT, Settings, parse
from deploy.staging import staged

LOG = logging.getLogger("deploy")
HEALTH = "/_stcore/health"


class Supervisor:
    """Starts, watches and stops nginx and the Streamlit processes."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.processes: dict[int, subprocess.Popen] = {}
        self.nginx: subprocess.Popen | None = None
        self.failures: dict[int, int] = {}
        self.stopping = threading.Event()
        self.staging: Path | None = None

    # -- Streamlit processes -------------------------------------------------
    def start_replica(self, port: int) -> None:
        log = (self.settings.run / f"streamlit-{port}.log").open("ab")
        self.processes[port] = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "components.server",  # the pacer installed before it serves
                "run",
                "app.py",
                "--server.address",
                "127.0.0.1",
                "--server.port",
                str(port),
                "--server.headless",
                "true",
            ],
            cwd=self.settings.root,
            env={**os.environ, "TRIPS_DIR": str(self.settings.trips)},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    # -- nginx ---------------------------------------------------------------
    def write_conf(self) -> Path:
        conf = self.settings.run / "nginx.conf"
        conf.write_text(nginx_conf(self.settings), "utf-8")
        return conf

    def start_nginx(self) -> None:
        if not NJS_MODULE.exists():
            raise SystemExit(
                f"{NJS_MODULE} is missing: apt-get install libnginx-mod-http-js"
            )
        conf = self.write_conf()
        test = subprocess.run(
            nginx_command(conf, "-t", "-q"), capture_output=True, text=True
        )
        if test.returncode != 0:
            raise SystemExit(f"nginx.conf does not pass nginx -t:\n{test.stderr}")
        self.nginx = subprocess.Popen(
            nginx_command(conf, "-g", "daemon off;"), start_new_session=True
        )

    def mark(self, port: int, down: bool) -> None:
        """Take a process out of nginx or put it back: a graceful reload."""
        replicas = tuple(
            replace(r, down=down) if r.port == port else r
            for r in self.settings.replicas
        )
        if replicas == self.settings.replicas:
            return
        self.settings = replace(self.settings, replicas=replicas)
        self.write_conf()
        if self.nginx is not None:
            self.nginx.send_signal(signal.SIGHUP)
        state = "out of" if down else "back in"
        LOG.warning("replica %s: %s nginx", port, state)

    # -- the loop ------------------------------------------------------------
    # -- the packs ----------------------------------------------------------
    def keep_packs_fresh(self, packs: Packs) -> None:
        """The background loop: every few seconds, rebuild what changed."""
        while not self.stopping.is_set():
            try:
                packs.refresh()
            except Exception:  # the loop outlives any surprise; the log says it
                LOG.exception("packs: refresh failed")
            self.stopping.wait(self.settings.pack_interval)

    def run(self) -> None:
        prepare_run(self.settings.run)
        self.staging = Path(tempfile.mkdtemp(prefix="trip-deploy-"))
        self.settings = staged(self.settings, self.staging)
        if not self.settings.static_only:
            for replica in self.settings.replicas:
                self.start_replica(replica.port)
        packs = Packs(self.settings.packs_dir, self.settings.trips)
        packs.announce()  # every pack's page answers at once: "being prepared"
        self.start_nginx()
        threading.Thread(
            target=self.keep_packs_fresh, args=(packs,), name="packs", daemon=True
        ).start()
        url = f"http://{self.settings.host}:{self.settings.port}/"
        LOG.warning("serving %s (%d processes)", url, len(self.settings.replicas))
        while True:
            time.sleep(1)
            if self.nginx is not None and self.nginx.poll() is not None:
                raise SystemExit("nginx stopped")
            if not self.settings.static_only:
                for replica in self.settings.replicas:
                    self.watch(replica.port)

    def watch(self, port: int) -> None:
        process = self.processes[port]
        if process.poll() is None and answers(f"http://127.0.0.1:{port}"):
            self.failures[port] = 0
            self.mark(port, down=False)
            return
        self.failures[port] = self.failures.get(port, 0) + 1
        if process.poll() is not None and not self.settings.restart:
            raise SystemExit(
                f"replica {port} exited ({process.returncode}); --restart never: "
                "the container's supervisor restarts it"
            )
        if process.poll() is not None:  # died: out of nginx at once, then restart
            self.mark(port, down=True)
            LOG.warning("replica %s: exited (%s), restarting", port, process.returncode)
            self.start_replica(port)
        elif self.failures[port] >= 3:  # alive but not answering
            self.mark(port, down=True)

    def stop(self) -> None:
        self.stopping.set()
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        for process in [*self.processes.values(), self.nginx]:
            if process is not None:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)


@contextlib.contextmanager
def launched(
    replicas: int,
    port: int,
    first_port: int,
    wide_open: bool = False,
    *,
    root: Path = ROOT,
    options: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    user: str | None = None,
    python: str = sys.executable,
) -> Iterator[str]:
    """This command in a process of its own, for tests and the benchmark: yields
    nginx's URL once nginx and every process answer; stops it all afterwards.
    ``wide_open`` lifts the per-client limits (on loopback every reader is one
    client). ``root`` is the checkout it runs from, ``user`` whom it runs as
    (``runuser``, as root); ``--run-dir`` in ``options`` replaces the temporary
    one; its ``serve.log`` has the command's output."""
    if "--run-dir" in options:
        run = Path(options[list(options).index("--run-dir") + 1])
    else:
        run = Path(tempfile.mkdtemp(prefix="deploy-"))
        options = [*options, "--run-dir", str(run)]
    limits = ["--max-sessions", "60000", "--sessions-per-client", "60000"]
    limits += ["--requests-per-s", "60000", "--request-burst", "60000"]
    command = [python, "-m", "deploy.serve", "--replicas", str(replicas)]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    command += ["--first-port", str(first_port), *options]
    if user is not None:
        command = ["runuser", "-u", user, "--", *command]
    with (run / "serve.log").open("w") as log:
        process = subprocess.Popen(
            command + (limits if wide_open else []),
            cwd=root,
            env={**os.environ, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        ports = [first_port + n for n in range(replicas)]
        # The processes first, then nginx: nginx asked before a process is up
        # counts it failed for fail_timeout (max_fails=1), and a reader joining
        # meanwhile is sent to the other process, its cookie's own being this one.
        wait_healthy([*(f"http://127.0.0.1:{p}" for p in ports), url], process, run)
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def answers(url: str) -> bool:
    """Whether a Streamlit process (or nginx in front of them) at ``url`` says it
    is healthy within two seconds."""
    try:
        with urllib.request.urlopen(url + HEALTH, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def wait_healthy(
    urls: list[str], process: subprocess.Popen, run: Path, timeout: float = 180
) -> None:
    until = time.monotonic() + timeout
    for url in urls:
        while True:
            if process.poll() is not None:
                log = (run / "serve.log").read_text("utf-8", errors="replace")
                raise RuntimeError(f"deploy.serve exited:\n{log[-2000:]}")
            if answers(url):
                break
            if time.monotonic() > until:
                raise TimeoutError(f"{url} did not answer")
            time.sleep(0.2)


def replica_pid(port: int) -> int:
    """The Streamlit process serving ``port``, as this command started it."""
    found = subprocess.run(
        ["pgrep", "-f", "--", f"--server.port {port}"], capture_output=True, text=True
    ).stdout.split()
    if len(found) != 1:
        raise RuntimeError(f"expected one process on port {port}, found {found}")
    return int(found[0])


def main(argv: Sequence[str] | None = None) -> None:
    logging.basicConfig(format="%(asctime)s %(message)s", level=logging.INFO)
    supervisor = Supervisor(parse(argv))

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        supervisor.run()
    except KeyboardInterrupt:
        pass
    finally:
        supervisor.stop()


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    main()
