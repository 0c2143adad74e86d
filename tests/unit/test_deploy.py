"""deploy/: the nginx configuration as deploy.serve writes it (issue 11), the
supervisor and the staging of what nginx's workers cannot read (issue 18)."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import tempfile
import tomllib
from pathlib import Path

import pytest

from deploy.nginx import (
    NGINX,
    NJS_MODULE,
    nginx_command,
    nginx_conf,
    nginx_string,
    prepare_run,
)
from deploy.serve import Supervisor
from deploy.settings import (
    COOKIE,
    Replica,
    Settings,
    content_security_policy,
    parse,
)
from deploy.staging import staged, world_readable
from trip.i18n import t
from trip.text import html_text

ROOT = Path(__file__).resolve().parents[2]


def settings(tmp_path: Path, **changes) -> Settings:
    changes.setdefault("replicas", (Replica(8601), Replica(8602)))
    return Settings(run=tmp_path, **changes)


def directives(conf: str, name: str) -> list[str]:
    return re.findall(rf"^\s*{name}\s+([^;]*);", conf, re.M)


def test_the_csp_allows_only_our_origin_and_the_opt_in_tiles():
    csp = content_security_policy(("https://www.smwa.sachsen.de",))
    sources = {part.split()[0]: part.split()[1:] for part in csp.split("; ")}
    outside = {
        source
        for name, values in sources.items()
        if name != "frame-ancestors"
        for source in values
        if source.startswith("http")
    }
    assert outside == {"https://tile.openstreetmap.org"}
    assert sources["default-src"] == ["'self'"]
    assert sources["object-src"] == ["'none'"]
    assert sources["frame-ancestors"] == ["'self'", "https://www.smwa.sachsen.de"]


def test_only_the_embed_view_may_sit_in_any_site_s_frame(tmp_path):
    """Issue 16: a newsroom's article may frame ``?embed=true``; the full app stays
    with our origin and the listed sites."""
    conf = nginx_conf(settings(tmp_path))
    embed = re.search(r'map "\$arg_embed:\$uri" \$csp \{(.*?)\}', conf, re.S).group(1)
    default = re.search(r'default "([^"]*)"', embed).group(1)
    for_embed = re.search(r'"~\*\^true:" "([^"]*)"', embed).group(1)
    for_component = re.search(r'"~\^\[\^:\]\*:/component/" "([^"]*)"', embed).group(1)
    assert for_component == for_embed
    assert default.endswith(
        "frame-ancestors 'self' https://www.smwa.sachsen.de "
        "https://medienservice.sachsen.de"
    )
    assert for_embed.endswith("frame-ancestors 'self' *")
    assert directives(conf, "add_header Content-Security-Policy") == [
        "$csp always"
    ] * len(directives(conf, "add_header Content-Security-Policy"))


def test_every_process_is_an_upstream_and_sessions_stick(tmp_path):
    conf = nginx_conf(settings(tmp_path))
    upstream = re.search(r"upstream streamlit \{(.*?)\}", conf, re.S).group(1)
    assert directives(upstream, "server") == [
        "127.0.0.1:8601 max_fails=1 fail_timeout=5s",
        "127.0.0.1:8602 max_fails=1 fail_timeout=5s",
    ]
    assert directives(conf, "hash") == ["$route_key consistent"]
    assert f"$cookie_{COOKIE}" in conf
    assert "proxy_set_header Upgrade $http_upgrade" in conf


def test_issue_18_only_a_route_cookie_nginx_signed_picks_the_process(tmp_path):
    """The hash key is the id of a cookie nginx signed (deploy/route.js), else the
    client address; never the cookie as sent, which a client could choose."""
    conf = nginx_conf(settings(tmp_path))
    first = re.search(r"^\s*(\w+)\s+([^;]*);", conf, re.M)
    assert first.groups() == ("load_module", str(NJS_MODULE))
    assert directives(conf, "js_import") == [
        f"route from {ROOT / 'deploy' / 'route.js'}"
    ]
    assert directives(conf, "js_var") == [f"$route_sent $cookie_{COOKIE}"]
    assert set(directives(conf, "js_set")) == {
        "$route_id route.verified",
        "$route_issued route.issued",
    }
    assert directives(conf, "hash") == ["$route_key consistent"]
    key = re.search(r"map (\S+) \$route_key \{(.*?)\}", conf, re.S)
    assert key.group(1) == "$route_id"
    assert directives(key.group(2), '""') == ["$remote_addr"]
    cookie = re.search(r"map (\S+) \$route_cookie \{(.*?)\}", conf, re.S)
    assert cookie.group(1) == "$route_id"
    issued = re.search(r'^\s*""\s+(.*);$', cookie.group(2), re.M).group(1)
    assert issued == f'"{COOKIE}=$route_issued; Path=/; HttpOnly; SameSite=Lax"'


def test_issue_18_the_route_secret_is_private_new_at_start_and_kept_on_reload(
    tmp_path,
):
    prepare_run(tmp_path)
    supervisor = Supervisor(settings(tmp_path))
    conf = supervisor.write_conf().read_text("utf-8")
    (secret_file,) = (Path(d) for d in directives(conf, "include") if "secret" in d)
    assert secret_file.parent == tmp_path
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    written = secret_file.read_text("utf-8")
    secret = re.fullmatch(r'js_var \$route_secret "([0-9a-f]{64})";\n', written)
    assert secret, written
    assert secret.group(1) not in conf
    supervisor.mark(8602, down=True)  # a failover: a reload with the same secret
    assert (
        "8602 max_fails=1 fail_timeout=5s down" in (tmp_path / "nginx.conf").read_text()
    )
    assert secret_file.read_text("utf-8") == written
    prepare_run(tmp_path)  # the next start
    assert secret_file.read_text("utf-8") != written
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600


def test_issue_18_the_websocket_outlives_streamlit_s_pings_and_not_a_hung_process(
    tmp_path,
):
    """An open tab answers Streamlit's pings, so only a process that stopped
    pinging meets nginx's timeouts; an hour left its readers on a frozen page."""
    with (ROOT / ".streamlit" / "config.toml").open("rb") as file:
        ping = tomllib.load(file)["server"]["websocketPingInterval"]
    conf = nginx_conf(settings(tmp_path))
    stream = re.search(r"location = /_stcore/stream \{(.*?)\n        \}", conf, re.S)
    for timeout in ("proxy_read_timeout", "proxy_send_timeout"):
        (value,) = directives(stream.group(1), timeout)
        assert 2 * ping < int(value.removesuffix("s")) <= 120, timeout


def test_a_process_taken_out_is_marked_down(tmp_path):
    conf = nginx_conf(
        settings(tmp_path, replicas=(Replica(8601), Replica(8602, down=True)))
    )
    assert "server 127.0.0.1:8602 max_fails=1 fail_timeout=5s down;" in conf


def test_every_location_sends_the_security_headers(tmp_path):
    """nginx drops a server's add_header in a location that has its own, so each
    location must carry them all."""
    conf = nginx_conf(settings(tmp_path))
    locations = re.findall(r"location [^{]*\{(.*?)\n        \}", conf, re.S)
    assert len(locations) >= 6
    for body in locations:
        if "return 302" in body and "proxy_pass" not in body:
            continue  # a redirect has no page to protect
        assert "Content-Security-Policy" in body
        assert "X-Content-Type-Options" in body


def test_issue_18_geojson_is_served_as_geojson_so_it_is_gzipped(tmp_path):
    conf = nginx_conf(settings(tmp_path))
    types = re.search(r"types \{(.*?)\}", conf, re.S).group(1)
    assert directives(types, "application/geo\\+json") == ["geojson"]
    assert "application/geo+json" in directives(conf, "gzip_types")[0]


def test_issue_18_nginx_s_own_error_pages_carry_the_security_headers(tmp_path):
    """A 400 or 414 is made before any location is chosen: the server's own
    add_header is what it gets."""
    conf = nginx_conf(settings(tmp_path))
    server = re.search(r"\n    server \{(.*)\n    \}", conf, re.S).group(1)
    outside = re.sub(r"location [^{]*\{.*?\n        \}", "", server, flags=re.S)
    for header in ("Content-Security-Policy", "X-Content-Type-Options"):
        assert directives(outside, f"add_header {header}"), header


def test_static_only_serves_the_packs(tmp_path):
    conf = nginx_conf(settings(tmp_path, static_only=True))
    main = re.search(r"location / \{(.*?)\n        \}", conf, re.S).group(1)
    assert "return 302 /pack/" in main
    assert "proxy_pass" not in main


def test_the_command_line_sets_the_limits():
    chosen = parse(["--replicas", "4", "--max-sessions", "800", "--embed-origin", "x"])
    assert [r.port for r in chosen.replicas] == [8601, 8602, 8603, 8604]
    assert chosen.max_sessions == 800
    assert chosen.embed_origins[-1] == "x"
    assert chosen.restart
    assert not parse(["--restart", "never"]).restart


class Died:
    """A Streamlit process that has exited."""

    pid = 1
    returncode = 1

    def poll(self) -> int:
        return 1


def test_issue_18_with_restart_never_a_dead_process_ends_serve(tmp_path, monkeypatch):
    """One process per pod: the kubelet restarts the container, serve.py does not
    restart the process behind its back (two supervisors)."""
    started = []
    supervisor = Supervisor(settings(tmp_path, replicas=(Replica(8601),)))
    monkeypatch.setattr(supervisor, "start_replica", started.append)
    supervisor.processes[8601] = Died()
    supervisor.watch(8601)
    assert started == [8601]  # the default: serve.py restarts it
    supervisor.settings = parse(["--replicas", "1", "--restart", "never"])
    supervisor.processes[8601] = Died()
    with pytest.raises(SystemExit, match="8601 exited"):
        supervisor.watch(8601)
    assert started == [8601]


def closed_tree(tmp_path: Path) -> Path:
    """A static folder inside a 0700 folder, as a clone in root's home is."""
    private = tmp_path / "private"
    (private / "static" / "vendor").mkdir(parents=True)
    (private / "static" / "vendor" / "a.js").write_text("a", "utf-8")
    (private / "static" / "vendor" / "a.js").chmod(0o600)
    private.chmod(0o700)
    return private / "static"


@pytest.mark.skipif(os.geteuid() != 0, reason="as a plain user nothing is staged")
def test_issue_18_what_nginx_s_workers_cannot_read_is_served_from_a_copy(
    tmp_path, request
):
    static = closed_tree(tmp_path)
    assert not world_readable(static)
    # Not pytest's tmp_path: its folders are 0700 too.
    staging = Path(tempfile.mkdtemp(prefix="staging-"))
    request.addfinalizer(lambda: shutil.rmtree(staging))
    staging.chmod(0o755)
    readable = staging / "readable"
    readable.mkdir(mode=0o755)
    chosen = settings(
        tmp_path,
        app_static=static,
        streamlit_static=readable,
        packs=tmp_path / "private" / "pack",
    )
    served = staged(chosen, staging)
    assert served.app_static_dir == staging / "app_static"
    assert served.packs_dir == staging / "pack"
    assert served.streamlit_static == readable  # readable as it was: not copied
    copy = staging / "app_static" / "vendor" / "a.js"
    assert copy.read_text("utf-8") == "a"
    assert world_readable(served.app_static_dir)
    assert stat.S_IMODE(staging.stat().st_mode) == 0o755
    conf = nginx_conf(served)
    assert f"alias {staging}/app_static/;" in conf
    assert f"alias {staging}/pack/;" in conf


@pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed")
@pytest.mark.parametrize("static_only", [False, True])
def test_nginx_accepts_the_configuration(tmp_path, static_only):
    prepare_run(tmp_path)
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        nginx_conf(settings(tmp_path, port=18080, static_only=static_only)), "utf-8"
    )
    test = subprocess.run(nginx_command(conf, "-t"), capture_output=True, text=True)
    assert test.returncode == 0, test.stderr


def test_the_connection_script_goes_first_into_streamlit_s_page_only(tmp_path):
    """static/connection.js (the busy line, idle tabs) is put into the app's
    page, with the catalog's words; components' own pages stay as they are."""
    conf = nginx_conf(settings(tmp_path))
    app = conf[conf.index("location / {") :]
    app = app[: app.index("\n        }")]
    component = conf[conf.index("location /component/ {") :]
    component = component[: component.index("\n        }")]
    assert "sub_filter '<head>' '<head><script src=\"/app/static/connection.js\"" in app
    assert 'proxy_set_header Accept-Encoding "";' in app
    assert "sub_filter" not in component
    assert t("en", "connection.busy") in conf
    assert html_text(t("de", "connection.idle")) in conf


def test_nginx_strings_carry_no_variables_or_stray_quotes():
    assert nginx_string("it's $5 \\ more") == "'it\\'s &#36;5 \\\\ more'"
