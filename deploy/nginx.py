"""nginx as deploy/serve.py runs it: the folder it runs from, the route secret,
its configuration from deploy/nginx.conf.j2, its command line."""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

import jinja2

from deploy.settings import COOKIE, Settings

TEMPLATE = Path(__file__).with_name("nginx.conf.j2")
MIME_TYPES = Path("/etc/nginx/mime.types")
# nginx's JavaScript module (Debian's libnginx-mod-http-js): signs the route cookie.
NJS_MODULE = Path("/usr/lib/nginx/modules/ngx_http_js_module.so")
ROUTE_JS = Path(__file__).with_name("route.js")
ROUTE_SECRET = "route-secret.conf"  # in the run folder
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
