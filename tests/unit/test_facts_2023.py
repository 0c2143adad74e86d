"""The 2023 trip's own facts as the pure code reads and derives them (its pages
are in tests/app/test_pages.py and test_record.py); the rules they illustrate
are tested on trips made in code (tests/factory/)."""

from __future__ import annotations

import datetime as dt

import pytest

from trip.discovery import default_trip_dir, trip_ids
from trip.history import earlier_visits
from trip.loading import load_trip
from trip.paths import TRIPS_DIR


@pytest.fixture(scope="module")
def trip():
    return load_trip()


def test_bundled_data_loads_with_six_stops_in_order(trip):
    assert [s.stop_id for s in trip.stops] == [
        "tokyo",
        "sendai",
        "nagoya",
        "seoul",
        "ulsan",
        "hsinchu",
    ]
    assert trip.stop_by_id["hsinchu"].status == "added"
    assert (trip.first_day, trip.last_day) == (
        dt.date(2023, 9, 10),
        dt.date(2023, 9, 21),
    )


def test_press_release_copy_ships_with_the_project(trip):
    seed = trip.source_by_id["smwa-pr-2023-09-08"]
    assert seed.local_copy
    text = (default_trip_dir() / seed.local_copy).read_text("utf-8")
    assert "851 Millionen Euro" in text


def test_every_stop_has_its_country_zone(trip):
    zones = {stop.stop_id: stop.timezone for stop in trip.stops}
    assert zones == {
        "tokyo": "Asia/Tokyo",
        "sendai": "Asia/Tokyo",
        "nagoya": "Asia/Tokyo",
        "seoul": "Asia/Seoul",
        "ulsan": "Asia/Seoul",
        "hsinchu": "Asia/Taipei",
    }


def test_the_2023_trip_links_back_to_2015_and_2017():
    trips = [load_trip(TRIPS_DIR / trip_id) for trip_id in trip_ids()]
    by_id = {listed.trip_id: listed for listed in trips}
    earlier = earlier_visits(by_id["2023-japan-korea"], trips)
    assert {c: v.trip_id for c, v in earlier.items()} == {
        "JP": "2017-japan",
        "KR": "2015-korea",
    }
    assert earlier_visits(by_id["2015-korea"], trips) == {}
