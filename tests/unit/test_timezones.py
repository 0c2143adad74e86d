"""Stop clocks and the home's (the trip's ``home_timezone``) from the IANA
database."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factory import Place, TripSpec, write_trip
from trip.loading import load_trip
from trip.timezones import at_stop_and_home, local_to_home, utc_offset

DURING_TRIP = dt.datetime(2023, 9, 20, 5, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("zone", "offset"),
    [
        ("Asia/Tokyo", "UTC+9"),
        ("Asia/Seoul", "UTC+9"),
        ("Asia/Taipei", "UTC+8"),
        ("Europe/Berlin", "UTC+2"),
        ("Asia/Kolkata", "UTC+5:30"),
    ],
)
def test_offsets_during_the_trip(zone, offset):
    assert utc_offset(zone, DURING_TRIP) == offset


def test_berlin_leaves_summer_time_after_the_trip():
    assert (
        utc_offset("Europe/Berlin", dt.datetime(2023, 11, 1, tzinfo=dt.UTC)) == "UTC+1"
    )


# A stop across the date line from its home: 10:00 in Auckland (NZDT, UTC+13)
# is 21:00 the day before in Reykjavík (UTC+0).
FAR = TripSpec(
    places=(Place("east", "NZ", -36.85, 174.76, "Pacific/Auckland"),),
    home=("Reykjavík", "Atlantic/Reykjavik"),
)


@pytest.fixture(scope="module")
def far(tmp_path_factory):
    return load_trip(write_trip(tmp_path_factory.mktemp("far"), FAR))


def test_a_timed_item_in_the_home_s_time(far):
    (visit,) = far.program
    zone = far.stop_by_id[visit.stop_id].timezone
    home = local_to_home(
        visit.date_start, visit.time_local, zone, far.info.home_timezone
    )
    assert (visit.date_start, visit.time_local) == (FAR.first_day, dt.time(10, 0))
    assert (home.date(), home.hour, home.minute) == (
        FAR.first_day - dt.timedelta(days=1),
        21,
        0,
    )


def test_same_instant_on_two_clocks():
    local, dresden = at_stop_and_home(DURING_TRIP, "Asia/Taipei", "Europe/Berlin")
    assert (local.hour, dresden.hour) == (13, 7)
    assert local == dresden


def test_naive_time_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        at_stop_and_home(dt.datetime(2023, 9, 20, 5), "Asia/Tokyo", "Europe/Berlin")


def test_the_home_comes_from_the_trip_s_data(far):
    info = far.info
    assert (info.home("de"), info.home_timezone) == FAR.home
