"""trip.versions: the last good version of a folder stands in for a broken one."""

from __future__ import annotations

import logging

import pytest

from trip.errors import DataFileError
from trip.versions import LastGood


def loader(broken: set[str]):
    def load(folder: str, fingerprint: str) -> str:
        if fingerprint in broken:
            raise DataFileError("error.invalid_value", "stops.csv", row=2, field="lat")
        return f"{folder}@{fingerprint}"

    return load


def test_a_broken_version_shows_the_last_good_one_and_logs_once(caplog):
    kept: LastGood[str] = LastGood()
    load = loader({"v2"})
    assert kept.show("a", "v1", load) == ("v1", "a@v1")
    with caplog.at_level(logging.WARNING, logger="trip.data"):
        assert kept.show("a", "v2", load) == ("v1", "a@v1")
        assert kept.show("a", "v2", load) == ("v1", "a@v1")
    assert caplog.text.count("stops.csv, line 2, field 'lat'") == 1
    assert kept.show("a", "v3", load) == ("v3", "a@v3")


def test_without_a_good_version_the_problem_is_raised():
    kept: LastGood[str] = LastGood()
    with pytest.raises(DataFileError):
        kept.show("a", "v1", loader({"v1"}))


def test_folders_keep_their_own_versions_and_the_oldest_goes_past_the_limit():
    kept: LastGood[str] = LastGood(limit=2)
    load = loader({"bad"})
    for folder in ("a", "b", "c"):
        kept.show(folder, "v1", load)
    assert kept.kept("a", "v1") is None  # gone: the limit is two folders
    assert kept.kept("c", "v1") == "c@v1"
    assert kept.kept("c", "v0") is None  # only the very version
    with pytest.raises(DataFileError):
        kept.show("a", "bad", load)
    assert kept.show("b", "bad", load) == ("v1", "b@v1")
