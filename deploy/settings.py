"""What deploy/serve.py runs with: the processes, the limits, the policy, and the
command line that sets them. Plain data; nothing here starts anything."""

from __future__ import annotations

import argparse
import importlib.util
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from trip.paths import TRIPS_DIR

ROOT = Path(__file__).resolve().parent.parent
COOKIE = "trip_route"
FIRST_PORT = 8601
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
