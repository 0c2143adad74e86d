"""The locks (issue 20): every package pinned with its hashes, the dev lock the app's
at the same pins, and pyproject.toml, the .in files and the locks in step."""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from trip.loading import default_trip_dir

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
# A lock's entry: "name==version[ ; marker] \" then its "--hash=sha256:…" lines.
ENTRY = re.compile(r"^([a-z0-9][a-z0-9._-]*)==(\S+?)(?: ; (.+?))?(?: \\)?$")


def lock(name: str) -> dict[tuple[str, str | None], tuple[str, list[str]]]:
    """(package, marker) -> (version, hashes) of a lock file."""
    entries: dict[tuple[str, str | None], tuple[str, list[str]]] = {}
    hashes: list[str] = []
    for line in (ROOT / name).read_text("utf-8").splitlines():
        if found := ENTRY.match(line):
            package, version, marker = found.groups()
            hashes = []
            entries[(package, marker)] = (version, hashes)
        elif line.strip().startswith("--hash="):
            hashes.append(line.strip().removeprefix("--hash=").rstrip(" \\"))
        else:
            assert not line or line.startswith((" ", "#")), f"{name}: {line!r}"
    return entries


def pins(name: str) -> dict[str, str]:
    """Top-level pins of a .in file, its -r files' included."""
    found: dict[str, str] = {}
    for line in (ROOT / name).read_text("utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-r "):
            found |= pins(line.removeprefix("-r "))
        elif line:
            requirement = Requirement(line)
            (spec,) = requirement.specifier
            assert spec.operator == "==", line
            found[canonicalize_name(requirement.name)] = spec.version
    return found


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-dev.txt"])
def test_every_package_of_a_lock_is_pinned_with_its_hashes(name):
    entries = lock(name)
    assert len(entries) > 40  # the transitive ones, not only the .in file's
    for (package, _), (_, hashes) in entries.items():
        assert hashes, f"{package} has no hash"
        assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), package
    # Packages the code leans on without naming them are pinned too.
    assert {"numpy", "pyarrow", "protobuf"} <= {package for package, _ in entries}
    assert "bash scripts/lock.sh" in (ROOT / name).read_text("utf-8").splitlines()[0]


def test_the_installer_is_locked_with_its_hashes_at_the_version_that_locks():
    """scripts/python.sh installs uv from requirements-setup.txt with pip, hashes
    checked, and uv installs the other locks; scripts/lock.sh makes the locks
    with the same uv."""
    ((package, _), (version, hashes)), *others = lock("requirements-setup.txt").items()
    assert (package, others) == ("uv", [])
    assert hashes
    assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes)
    # lock.sh takes its uv's version from the setup's .in file, which names it.
    script = (ROOT / "scripts" / "lock.sh").read_text("utf-8")
    assert "UV_VERSION=$(sed -n 's/^uv==//p' requirements-setup.in)" in script
    assert pins("requirements-setup.in") == {"uv": version}


def test_the_dev_lock_holds_the_app_lock_at_the_same_pins():
    """scripts/python.sh takes a .venv from requirements-dev.txt as up to date
    with requirements.txt; this is why it may."""
    app, dev = lock("requirements.txt"), lock("requirements-dev.txt")
    for key, (version, hashes) in app.items():
        assert key in dev, key
        assert dev[key] == (version, hashes), key


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("requirements.in", "requirements.txt"),
        ("requirements-dev.in", "requirements-dev.txt"),
        ("requirements-setup.in", "requirements-setup.txt"),
    ],
)
def test_a_lock_pins_what_its_in_file_pins(source, name):
    locked: dict[str, set[str]] = {}
    for (package, _), (version, _) in lock(name).items():
        locked.setdefault(package, set()).add(version)
    for package, version in pins(source).items():
        assert locked.get(package) == {version}, (package, version)


def test_pyproject_names_the_in_files_packages_and_the_locks_meet_its_bounds():
    runtime = [Requirement(r) for r in PYPROJECT["project"]["dependencies"]]
    dev = [Requirement(r) for r in PYPROJECT["project"]["optional-dependencies"]["dev"]]
    app_pins = pins("requirements.in")
    backend = Requirement(PYPROJECT["build-system"]["requires"][0])
    # The build backend is in the app's lock for the editable install, not a
    # dependency of the app.
    assert app_pins.pop(canonicalize_name(backend.name)) in backend.specifier
    assert {canonicalize_name(r.name) for r in runtime} == set(app_pins)
    dev_only = set(pins("requirements-dev.in")) - set(pins("requirements.in"))
    assert {canonicalize_name(r.name) for r in dev} == dev_only
    dev_pins = pins("requirements-dev.in")
    for requirement in runtime + dev:
        assert dev_pins[canonicalize_name(requirement.name)] in requirement.specifier


def imported_packages(folders: tuple[str, ...]) -> set[str]:
    """The top-level modules the app's own code imports, other than its own and
    the standard library's."""
    own = {"app", *folders}
    found = set()
    for path in [
        ROOT / "app.py",
        *(p for f in folders for p in (ROOT / f).rglob("*.py")),
    ]:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found - own - set(sys.stdlib_module_names)


def test_every_package_the_app_imports_is_pinned_as_its_own():
    """A package our code imports is ours to pin (requirements.in), not left to
    whichever version another dependency pulls in."""
    distributions = importlib.metadata.packages_distributions()
    direct = set(pins("requirements.in"))
    imported = imported_packages(("pages", "components", "trip", "deploy"))
    assert imported >= {"streamlit", "folium", "markupsafe"}
    for module in imported:
        names = {canonicalize_name(d) for d in distributions.get(module, [])}
        assert names & direct, f"{module} ({names}) is not pinned in requirements.in"


def test_the_trip_command_checks_a_trip():
    """The entry point of [project.scripts], as the setup scripts install it
    (pip install -e .): beside this Python, never skipped in CI."""
    assert PYPROJECT["project"]["scripts"]["trip"] == "trip.__main__:main"
    command = shutil.which("trip", path=str(Path(sys.executable).parent))
    if command is None:
        if os.environ.get("CI"):
            pytest.fail("no trip command beside this Python: pip install -e .")
        pytest.skip("the project is not installed (pip install --no-deps -e .)")
    folder = default_trip_dir()
    check = subprocess.run(
        [command, "check", str(folder), "--lang", "en"], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "no problems" in check.stdout
