"""Stop clocks and the home's (Dresden for the 2023 trip) from the IANA database."""

from __future__ import annotations

import datetime as dt

import pytest

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


def test_ulsan_city_hall_meeting_in_dresden_time():
    home = load_trip().info.home_timezone
    dresden = local_to_home(dt.date(2023, 9, 20), dt.time(14, 0), "Asia/Seoul", home)
    assert (dresden.date(), dresden.hour, dresden.minute) == (
        dt.date(2023, 9, 20),
        7,
        0,
    )


def test_same_instant_on_two_clocks():
    local, dresden = at_stop_and_home(DURING_TRIP, "Asia/Taipei", "Europe/Berlin")
    assert (local.hour, dresden.hour) == (13, 7)
    assert local == dresden


def test_naive_time_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        at_stop_and_home(dt.datetime(2023, 9, 20, 5), "Asia/Tokyo", "Europe/Berlin")


def test_every_stop_has_its_country_zone():
    zones = {stop.stop_id: stop.timezone for stop in load_trip().stops}
    assert zones == {
        "tokyo": "Asia/Tokyo",
        "sendai": "Asia/Tokyo",
        "nagoya": "Asia/Tokyo",
        "seoul": "Asia/Seoul",
        "ulsan": "Asia/Seoul",
        "hsinchu": "Asia/Taipei",
    }


def test_the_home_comes_from_the_trip_s_data():
    info = load_trip().info
    assert (info.home("de"), info.home_timezone) == ("Dresden", "Europe/Berlin")
