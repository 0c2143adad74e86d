"""Shared fixtures: a writable copy of the default trip's folder, to break one rule
at a time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from trip.discovery import default_trip_dir


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "trip"
    shutil.copytree(default_trip_dir(), target)
    return target


def replace_in(path: Path, old: str, new: str) -> None:
    """Edit a data file; fail loudly if the text to break is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
