"""deploy/packs.py: the briefing packs nginx serves, rebuilt per data version,
a broken trip's last good pack kept (issue 18)."""

from __future__ import annotations

import csv
import logging
import re
import shutil
from pathlib import Path

from deploy.packs import Packs
from trip.discovery import default_trip_id, trip_ids
from trip.paths import TRIPS_DIR


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
