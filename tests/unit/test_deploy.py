"""deploy/: the nginx configuration as deploy.serve writes it (issue 11)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from deploy.serve import (
    COOKIE,
    NGINX,
    Replica,
    Settings,
    content_security_policy,
    nginx_command,
    nginx_conf,
    parse,
    prepare_run,
)


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


ROOT = Path(__file__).resolve().parents[2]


def k8s() -> dict[str, dict]:
    import yaml

    documents = yaml.safe_load_all((ROOT / "deploy" / "k8s.yaml").read_text("utf-8"))
    return {document["kind"]: document for document in documents}


def test_the_manifest_has_the_same_shape_as_the_local_deploy():
    kinds = k8s()
    assert set(kinds) == {"Deployment", "Service", "PodDisruptionBudget", "Ingress"}
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
    assert int(notes[prefix + "proxy-read-timeout"]) >= 3600
    assert int(notes[prefix + "limit-connections"]) == Settings.sessions_per_client
    assert int(notes[prefix + "limit-rps"]) == Settings.requests_per_s
    backend = kinds["Ingress"]["spec"]["rules"][0]["http"]["paths"][0]["backend"]
    assert backend["service"]["name"] == kinds["Service"]["metadata"]["name"]


def test_the_image_runs_the_same_command_on_the_manifest_s_port():
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text("utf-8")
    (container,) = k8s()["Deployment"]["spec"]["template"]["spec"]["containers"]
    assert f"EXPOSE {container['ports'][0]['containerPort']}" in dockerfile
    assert "python -m deploy.serve" in dockerfile
    assert "/_stcore/health" in dockerfile
    assert "USER app" in dockerfile
    copied = set(re.findall(r"^COPY (\S+)", dockerfile, re.M))
    for needed in ("app.py", "pages/", "components/", "trip/", "data/", "static/"):
        assert needed in copied
