"""Shared fixtures: small trips made in code (tests/factory/) for the tests whose
point is not a fact of a bundled trip, writable (to break one rule at a time) or
loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factory import EVERY_KIND, write_trip
from trip.aggregate import Trip
from trip.loading import load_trip


@pytest.fixture
def synthetic_copy(tmp_path: Path) -> Path:
    """A writable folder of ``tests.factory``'s default trip, to break one rule at
    a time where the rule is not about the bundled trip's data."""
    return write_trip(tmp_path)


@pytest.fixture(scope="session")
def synthetic_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of ``tests.factory``'s default trip: three stops in two
    countries, two themes, no trade figures."""
    return write_trip(tmp_path_factory.mktemp("synthetic"))


@pytest.fixture(scope="session")
def synthetic_trip(synthetic_folder: Path) -> Trip:
    return load_trip(synthetic_folder)


@pytest.fixture
def every_kind_copy(tmp_path: Path) -> Path:
    """A writable folder of ``tests.factory.EVERY_KIND``: every kind of row the
    factory makes (delegation, goods, statements, items without a stop or over
    several days, a second source, a local copy)."""
    return write_trip(tmp_path, EVERY_KIND)


@pytest.fixture(scope="session")
def every_kind_trip(tmp_path_factory: pytest.TempPathFactory) -> Trip:
    return load_trip(write_trip(tmp_path_factory.mktemp("every-kind"), EVERY_KIND))


def replace_in(path: Path, old: str, new: str) -> None:
    """Edit a data file; fail loudly if the text to break is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
