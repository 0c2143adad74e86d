"""What nginx's workers serve, readable by them: as root they run as ``nobody``,
and a checkout in a private folder is closed to them (issue 18)."""

from __future__ import annotations

import logging
import os
import shutil
import stat
from dataclasses import replace
from pathlib import Path

from deploy.settings import Settings

LOG = logging.getLogger("deploy")


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
