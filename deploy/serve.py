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

import argparse
import contextlib
import importlib.util
import logging
import os
import secrets
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from deploy.packs import Packs
from trip.paths import TRIPS_DIR

LOG = logging.getLogger("deploy")
ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).with_name("nginx.conf.j2")
MIME_TYPES = Path("/etc/nginx/mime.types")
# nginx's JavaScript module (Debian's libnginx-mod-http-js): signs the route cookie.
NJS_MODULE = Path("/usr/lib/nginx/modules/ngx_http_js_module.so")
ROUTE_JS = Path(__file__).with_name("route.js")
ROUTE_SECRET = "route-secret.conf"  # in the run folder
COOKIE = "trip_route"
FIRST_PORT = 8601
HEALTH = "/_stcore/health"
# Where embeds may sit besides our own origin (CSP frame-ancestors): the ministry's
# sites; more with --embed-origin.
EMBED_ORIGINS = ("https://www.smwa.sachsen.de", "https://medienservice.sachsen.de")


@dataclass(frozen=True)
class Replica:
    port: int
    down: bool = False

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"


@dataclass(frozen=True)
class Settings:
    """What nginx.conf is made of; every limit can be set from the command line."""

    replicas: tuple[Replica, ...]
    run: Path
    host: str = "0.0.0.0"
    port: int = 8080
    root: Path = ROOT
    embed_origins: tuple[str, ...] = EMBED_ORIGINS
    # Per client address. One address may be a whole room (venue Wi-Fi, a
    # newsroom, the ministry's NAT): 50 readers plus a quarter for second tabs
    # and reconnects whose old socket has not closed yet. One address can still
    # hold no more than a sixth of max_sessions (issue 18).
    sessions_per_client: int = 64
    # The sessions the processes hold in total before readers get the static pack.
    max_sessions: int = 400
    # Requests per address to the proxied pages (the websocket, health checks and
    # static files are not counted): a first page makes 6 (8 on /briefing,
    # bench/replicas.py counts them), so the burst lets a projected link be opened
    # by 50 readers at once (50 x 8); the rate refills it in 10 s. Reruns go over
    # the websocket, paced per session (components/pacing.py), not through this.
    requests_per_s: int = 40
    request_burst: int = 400
    # Three of Streamlit's websocket pings (.streamlit/config.toml) without a
    # word from the process: it hangs; its sockets are closed.
    stream_timeout_s: int = 90
    worker_connections: int = 4096
    static_only: bool = False
    # Off (``--restart never``) when one process runs per container: its
    # supervisor (the kubelet) restarts the container, not serve.py the process.
    restart: bool = True
    trips: Path = TRIPS_DIR
    pack_interval: float = 2.0  # seconds between looks for edited trips
    # What nginx serves from disk; staged() may point them at world-readable copies.
    streamlit_static: Path = field(default_factory=lambda: streamlit_static())
    app_static: Path | None = None  # None: root/static
    packs: Path | None = None  # None: run/pack

    @property
    def app_static_dir(self) -> Path:
        return self.app_static or self.root / "static"

    @property
    def packs_dir(self) -> Path:
        return self.packs or self.run / "pack"

    @property
    def csp(self) -> str:
        return content_security_policy(self.embed_origins)

    @property
    def csp_embed(self) -> str:
        """For the embed view (``?embed=true``): any site may frame it, as a
        newsroom's article does; it shows the map and a selection, nothing more."""
        return content_security_policy(("*",))


def streamlit_static() -> Path:
    """Streamlit's frontend files, found without importing Streamlit here."""
    spec = importlib.util.find_spec("streamlit")
    if spec is None or spec.origin is None:
        raise SystemExit("streamlit is not installed: pip install -r requirements.txt")
    return Path(spec.origin).parent / "static"


def content_security_policy(embed_origins: Sequence[str] = ()) -> str:
    """Our own origin only. Streamlit's frontend needs inline styles, and inline and
    evaluated scripts (its components, Vega's expressions, the map in its frame);
    OpenStreetMap's tiles are the one outside origin, for the opt-in tiles toggle."""
    ancestors = " ".join(("'self'", *embed_origins))
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob: https://tile.openstreetmap.org",
            "font-src 'self' data:",
            "connect-src 'self'",
            "frame-src 'self' blob: data:",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors {ancestors}",
        )
    )


NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def prepare_run(run: Path) -> None:
    """The folder nginx runs from: its temp folders made, and readable by its
    workers (an unprivileged user when nginx starts as root), who serve the packs;
    a new route secret."""
    run.mkdir(parents=True, exist_ok=True)
    run.chmod(0o755)
    for part in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (run / "tmp" / part).mkdir(parents=True, exist_ok=True)
    write_route_secret(run / ROUTE_SECRET)


def write_route_secret(path: Path) -> None:
    """A new random secret that signs the route cookie (deploy/route.js), as an
    nginx include readable by its owner only: the user nginx's master runs as and
    reads its configuration as. Written once at start, so every reload (a
    failover) keeps it and the cookies readers hold stay valid.

    What it protects, honestly: only the choice of process. A forged cookie would
    pick a replica, nothing more (the cookie grants no rights; the per-client and
    total limits still hold). Whoever can read it (root, the deploy user, the
    memory of nginx's workers, which hold the parsed configuration) could do that
    much; it never leaves the machine and is never sent to a client.
    """
    partial = path.with_name(path.name + ".new")
    partial.unlink(missing_ok=True)
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(f'js_var $route_secret "{secrets.token_hex(32)}";\n')
    partial.replace(path)


def world_readable(path: Path) -> bool:
    """Whether any user may reach ``path`` and read everything in it: each folder
    above it searchable by others, each folder in it listable, each file
    readable. Group and ACL grants are not counted: a copy is always safe."""
    path = path.resolve()
    if not all(parent.stat().st_mode & stat.S_IXOTH for parent in path.parents):
        return False
    if not path.exists():
        return path.parent.stat().st_mode & stat.S_IWOTH == 0  # made later, 0755
    if path.is_file():
        return bool(path.stat().st_mode & stat.S_IROTH)
    for folder, _, files in os.walk(path):
        if stat.S_IMODE(os.stat(folder).st_mode) & 0o005 != 0o005:
            return False
        for name in files:
            if not os.stat(os.path.join(folder, name)).st_mode & stat.S_IROTH:
                return False
    return True


def copy_readable(source: Path, target: Path) -> None:
    """``source`` copied to ``target``, every folder 0755 and file 0644."""
    shutil.copytree(source, target, copy_function=shutil.copyfile)
    for folder, _, files in os.walk(target):
        os.chmod(folder, 0o755)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o644)


def staged(settings: Settings, staging: Path) -> Settings:
    """``settings`` with whatever nginx's workers could not read served from a
    copy in ``staging`` (a 0755 folder outside the checkout).

    As root nginx starts its workers as ``nobody``; a checkout in root's home (or
    any 0700 folder) is closed to them, and every static file was a 403. Copies
    keep the least privilege: the workers stay ``nobody`` rather than run as the
    files' owner (root), and no folder of the checkout is opened up. As a plain
    user the workers are that user and read what it reads: nothing is copied.
    """
    if os.geteuid() != 0:
        return settings
    changes: dict[str, Path] = {}
    sources = {
        "app_static": settings.app_static_dir,
        "streamlit_static": settings.streamlit_static,
    }
    for name, source in sources.items():
        if not world_readable(source):
            copy_readable(source, staging / name)
            changes[name] = staging / name
    if not world_readable(settings.packs_dir):
        changes["packs"] = staging / "pack"
    if changes:
        staging.chmod(0o755)
        LOG.warning(
            "serving %s from %s: closed to nginx's workers", ", ".join(changes), staging
        )
    return replace(settings, **changes)


def nginx_command(conf: Path, *options: str) -> list[str]:
    """nginx with our configuration; errors before it is read go to stderr."""
    return [NGINX, "-e", "stderr", "-c", str(conf), *options]


def connection_script() -> str:
    """The tag nginx puts first in Streamlit's page: static/connection.js, with
    its words from the catalog in both languages (it picks the reader's)."""
    from trip.i18n import t
    from trip.text import html_text

    words = {
        "busy": lambda lang: t(lang, "connection.busy"),
        "pack": lambda lang: t(lang, "connection.pack"),
        "idle": lambda lang: t(lang, "connection.idle"),
    }
    attributes = " ".join(
        f'data-{kind}-{lang}="{html_text(say(lang))}"'
        for kind, say in words.items()
        for lang in ("de", "en")
    )
    return f'<script src="/app/static/connection.js" {attributes}></script>'


def nginx_string(text: str) -> str:
    """``text`` as a single-quoted nginx string with no variables in it (a
    ``$`` in HTML text is written as its character reference)."""
    escaped = text.replace("\\", "\\\\").replace("'", "\\'").replace("$", "&#36;")
    return f"'{escaped}'"


def nginx_conf(settings: Settings) -> str:
    template = jinja2.Template(
        TEMPLATE.read_text("utf-8"), undefined=jinja2.StrictUndefined
    )
    return template.render(
        **{name: getattr(settings, name) for name in settings.__dataclass_fields__},
        app_static_dir=settings.app_static_dir,
        packs_dir=settings.packs_dir,
        csp=settings.csp,
        csp_embed=settings.csp_embed,
        cookie=COOKIE,
        mime_types=MIME_TYPES,
        connection_script=nginx_string("<head>" + connection_script()),
        njs_module=NJS_MODULE,
        route_js=ROUTE_JS,
        route_secret_conf=settings.run / ROUTE_SECRET,
    )


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


def parse(argv: Sequence[str] | None = None) -> Settings:
    parser = argparse.ArgumentParser(prog="python -m deploy.serve")
    parser.add_argument("--replicas", type=int, default=2, help="Streamlit processes")
    parser.add_argument("--host", default="0.0.0.0")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--first-port", type=int, default=FIRST_PORT)
    parser.add_argument("--run-dir", type=Path, default=ROOT / ".deploy")
    parser.add_argument("--max-sessions", type=int, default=Settings.max_sessions)
    parser.add_argument(
        "--sessions-per-client", type=int, default=Settings.sessions_per_client
    )
    parser.add_argument("--requests-per-s", type=int, default=Settings.requests_per_s)
    parser.add_argument("--request-burst", type=int, default=Settings.request_burst)
    parser.add_argument(
        "--embed-origin",
        action="append",
        default=[],
        help="another origin that may embed the app (CSP frame-ancestors)",
    )
    parser.add_argument(
        "--trips-dir",
        type=Path,
        default=Path(os.environ.get("TRIPS_DIR", TRIPS_DIR)),
        help="the folder of trip folders (default: $TRIPS_DIR or data/trips)",
    )
    parser.add_argument(
        "--restart",
        choices=("always", "never"),
        default="always",
        help="a Streamlit process that dies: restart it (always), or exit so that "
        "the container's supervisor restarts the container (never; one process "
        "per pod on Kubernetes)",
    )
    parser.add_argument(
        "--pack-interval",
        type=float,
        default=2.0,
        help="seconds between looks for edited trips (their packs are rebuilt)",
    )
    parser.add_argument(
        "--static-only",
        action="store_true",
        help="serve only the briefing packs (a spike beyond capacity)",
    )
    args = parser.parse_args(argv)
    return Settings(
        replicas=tuple(Replica(args.first_port + n) for n in range(args.replicas)),
        run=args.run_dir.resolve(),
        host=args.host,
        port=args.port,
        embed_origins=(*EMBED_ORIGINS, *args.embed_origin),
        sessions_per_client=args.sessions_per_client,
        max_sessions=args.max_sessions,
        requests_per_s=args.requests_per_s,
        request_burst=args.request_burst,
        static_only=args.static_only,
        restart=args.restart == "always",
        trips=args.trips_dir.resolve(),
        pack_interval=args.pack_interval,
    )


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
        wait_healthy([url, *(f"http://127.0.0.1:{p}" for p in ports)], process, run)
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
