"""deploy/ from a plain user's private folder: static files, a broken or edited
trip's pack, and the whole deployment run as that user (issue 18)."""

from __future__ import annotations

import gzip
import os
import pwd
import shutil
import stat
import subprocess
import sys
import sysconfig
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from deploy.nginx import NGINX
from deploy.serve import launched
from harness.servers import ROOT
from tests.e2e.deployed.support import free_ports, status_of, until

# One worker for all of deploy/'s tests (pyproject.toml: --dist loadgroup): they
# share one deployment (conftest.py), and kill and flood processes of their own.
pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("deploy")]

if not Path(NGINX).exists():
    pytest.skip("nginx is not installed", allow_module_level=True)


# What a checkout needs to run deploy/ (no .venv: this Python runs it).
CHECKOUT = ("app.py", ".streamlit", "pages", "components", "trip", "data", "static")
DRAFT = "zz-draft"  # a half-edited trip folder: its stops.csv is broken


def private_checkout(owner: str | None = None) -> Path:
    """The app copied into a 0700 folder (a clone in root's home, or in a plain
    user's), with a broken draft trip beside the bundled ones."""
    private = Path(tempfile.mkdtemp(prefix="private-"))
    checkout = private / "checkout"
    root = ROOT
    checkout.mkdir()
    for name in (*CHECKOUT, "deploy"):
        if (root / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__")
            shutil.copytree(root / name, checkout / name, ignore=ignore)
        else:
            shutil.copy(root / name, checkout / name)
    trips = checkout / "data" / "trips"
    default = tomllib.loads((trips / "trips.toml").read_text("utf-8"))["default"]
    shutil.copytree(trips / default, trips / DRAFT)
    stops = trips / DRAFT / "stops.csv"
    header, first, *rest = stops.read_text("utf-8").splitlines(keepends=True)
    cells = first.split(",")
    cells[header.split(",").index("lat")] = "95"
    stops.write_text("".join([header, ",".join(cells), *rest]), "utf-8")
    (checkout / ".deploy").mkdir()
    if owner is not None:
        shutil.chown(private, owner)
        for folder, folders, files in os.walk(private):
            for name in [*folders, *files]:
                shutil.chown(Path(folder) / name, owner)
    private.chmod(0o700)
    return checkout


@pytest.fixture(scope="module")
def from_private_folder() -> Iterator[tuple[str, Path]]:
    """deploy/ from a checkout nginx's workers (nobody, under root) cannot enter;
    yields nginx's URL and the checkout."""
    checkout = private_checkout()
    run = checkout / ".deploy"
    options = ["--run-dir", str(run), "--pack-interval", "0.5"]
    port, first = free_ports(1), free_ports(1)
    try:
        with launched(1, port, first, root=checkout, options=options) as url:
            yield url, checkout
    finally:
        shutil.rmtree(checkout.parent, ignore_errors=True)


def test_issue_18_static_files_are_served_from_a_private_folder(from_private_folder):
    url, checkout = from_private_folder
    assert stat.S_IMODE(checkout.parent.stat().st_mode) == 0o700
    status, headers, body = status_of(
        url + "/app/static/vendor/leaflet-1.9.4/leaflet.js"
    )
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    basemap = url + "/app/static/basemap/natural-earth-50m.geojson"
    status, headers, body = status_of(basemap)
    assert status == 200
    assert headers["Content-Type"] == "application/geo+json"
    assert headers["Content-Encoding"] == "gzip"
    size = (checkout / "static" / "basemap" / "natural-earth-50m.geojson").stat()
    assert len(body) < size.st_size / 2
    assert gzip.decompress(body).startswith(b"{")


def pack_of(url: str, name: str) -> bytes:
    return status_of(f"{url}/pack/{name}", gzipped=False)[2]


def test_issue_18_a_broken_trip_never_stops_deploy_and_the_others_packs_serve(
    from_private_folder,
):
    url, checkout = from_private_folder
    for lang in ("de", "en"):
        pack = until(
            lambda lang=lang: (
                (p := pack_of(url, f"briefing-{lang}.html")) and len(p) > 100_000 and p
            ),
            f"the default trip's {lang} pack",
        )
        assert f'<html lang="{lang}">'.encode() in pack
    draft = until(
        lambda: (
            b"not available" in (p := pack_of(url, f"{DRAFT}-briefing-en.html")) and p
        ),
        "the draft's page",
    )
    assert b"This pack is not available right now." in draft
    index = pack_of(url, "")
    assert f'href="{DRAFT}-briefing-de.html"'.encode() in index
    log = (checkout / ".deploy" / "serve.log").read_text("utf-8")
    assert f"{DRAFT} is broken" in log
    assert "stops.csv" in log


def test_issue_18_an_edited_trip_s_pack_is_fresh_without_a_restart(
    from_private_folder,
):
    url, checkout = from_private_folder
    trips = checkout / "data" / "trips"
    other = sorted(
        folder.name
        for folder in trips.iterdir()
        if (folder / "trip.csv").exists() and folder.name != DRAFT
    )[0]
    name = f"{other}-briefing-en.html"
    until(lambda: len(pack_of(url, name)) > 100_000, "the first pack")
    stops = trips / other / "stops.csv"
    header, *rows = stops.read_text("utf-8").splitlines(keepends=True)
    column = header.split(",").index("name_en")
    cells = rows[0].split(",")
    cells[column] = "Freshly Edited Place"
    stops.write_text("".join([header, ",".join(cells), *rows[1:]]), "utf-8")
    pack = until(
        lambda: b"Freshly Edited Place" in (p := pack_of(url, name)) and p,
        "the edited pack",
    )
    assert b'<html lang="en">' in pack


def python_for(user: str) -> tuple[str, dict[str, str]]:
    """A Python ``user`` may run with this one's packages: this one, or (when it
    lives in root's 0700 home, as pyenv's does) the system's of the same version
    with this environment's packages on its path; a skip if there is neither."""
    candidates = [(sys.executable, {})]
    system = (
        Path("/usr/bin") / f"python{sys.version_info.major}.{sys.version_info.minor}"
    )
    if system.exists():
        paths = {"PYTHONPATH": sysconfig.get_paths()["purelib"]}
        candidates.append((str(system), paths))
    for python, env in candidates:
        ran = subprocess.run(
            ["runuser", "-u", user, "--", python, "-c", "import streamlit, jinja2"],
            env={**os.environ, **env},
            capture_output=True,
        )
        if ran.returncode == 0:
            return python, env
    pytest.skip(f"no Python with this project's packages that {user} may run")


def test_issue_18_deploy_runs_from_a_plain_user_s_private_folder():
    """As a plain user nginx's workers are that user: they read its files."""
    user = "nobody"
    if os.geteuid() != 0:
        pytest.skip("needs root to run as another user")
    python, env = python_for(user)
    checkout = private_checkout(owner=user)
    run = checkout / ".deploy"
    options = ["--run-dir", str(run)]
    port, first = free_ports(1), free_ports(1)
    try:
        with launched(
            1,
            port,
            first,
            root=checkout,
            options=options,
            env={**env, "HOME": str(run)},
            user=user,
            python=python,
        ) as url:
            leaflet = url + "/app/static/vendor/leaflet-1.9.4/leaflet.js"
            assert status_of(leaflet)[0] == 200
            pack = "briefing-de.html"
            until(lambda: len(pack_of(url, pack)) > 100_000, "the default pack")
            status, _, page = status_of(url + "/", gzipped=False)
            assert status == 200
            assert b'<div id="root">' in page  # Streamlit's page, through nginx
            pid = int((run / "nginx.pid").read_text())
            assert Path(f"/proc/{pid}").stat().st_uid == pwd.getpwnam(user).pw_uid
    finally:
        shutil.rmtree(checkout.parent, ignore_errors=True)
