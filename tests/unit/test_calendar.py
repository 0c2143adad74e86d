"""The programme as .ics: parsed back with icalendar, one event per item."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from trip.calendar import is_period, program_calendar
from trip.loading import load_trip

NOW = dt.datetime(2026, 11, 29, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def trip():
    return load_trip()


def events(trip, lang: str) -> dict[str, object]:
    calendar = Calendar.from_ical(program_calendar(trip, lang, NOW))
    return {str(event["uid"]).split("@")[0]: event for event in calendar.events}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_one_event_per_item_and_one_per_country_for_periods_without_a_stop(trip, lang):
    found = events(trip, lang)
    periods = [i for i in trip.program if is_period(i) and i.stop_id is None]
    own = {i.item_id for i in trip.program if i not in periods}
    countries = {f"unplaced-{i.country.lower()}" for i in periods}
    assert periods
    assert set(found) == own | countries


def test_announced_periods_are_one_free_event_per_country_not_a_block(trip):
    """Issue 17: the release's programme for Japan (10-16 Sep) is not six
    all-day events across a delegate's week, but one free event listing them."""
    japan = events(trip, "en")["unplaced-jp"]
    assert japan.decoded("dtstart") == dt.date(2023, 9, 10)
    assert japan.decoded("dtend") == dt.date(2023, 9, 17)
    assert str(japan["transp"]) == "TRANSPARENT"
    text = str(japan["description"])
    assert "Investor meetings, company visits and political talks" in text
    assert "next-generation semiconductors" in text
    assert "A follow-up to an online workshop that WFS held in February" in text


def test_visits_on_some_day_of_several_are_free_time(trip):
    visits = events(trip, "en")["tokyo-semiconductor-visits"]
    assert str(visits["transp"]) == "TRANSPARENT"
    meeting = events(trip, "en")["ulsan-city-hall"]
    assert "transp" not in meeting


def test_timed_item_starts_at_local_time_with_its_zone(synthetic_trip):
    visit = events(synthetic_trip, "en")["visit-beta"]
    start = visit.decoded("dtstart")
    assert start == dt.datetime(2031, 3, 3, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert visit["dtstart"].params["TZID"] == "Europe/Paris"
    assert "dtend" not in visit  # no source gives an end
    calendar = Calendar.from_ical(program_calendar(synthetic_trip, "en", NOW))
    zones = {str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")}
    assert zones == {"Europe/Berlin", "Europe/Paris"}


def test_items_with_days_only_are_all_day_events(trip):
    visits = events(trip, "en")["tokyo-semiconductor-visits"]
    assert visits.decoded("dtstart") == dt.date(2023, 9, 11)
    assert visits.decoded("dtend") == dt.date(2023, 9, 14)  # exclusive end


def test_a_previewed_time_says_it_was_announced(synthetic_trip):
    visit = events(synthetic_trip, "de")["visit-beta"]
    assert "Uhrzeit angekündigt" in str(visit["description"])


def test_description_says_status_reason_and_sources(trip):
    visits = events(trip, "de")["tokyo-semiconductor-visits"]
    text = str(visits["description"])
    assert text.startswith("berichtet · erschlossen")
    assert "Erschlossen:" in text
    assert "Quelle:" in text
    assert str(visits["location"]) == "Tokio, Japan"


def test_text_from_data_cannot_add_lines_to_the_file(synthetic_trip):
    """icalendar escapes commas, semicolons and line breaks in TEXT values."""
    trip = synthetic_trip
    first = trip.program[0].model_copy(update={"title_en": "x\r\nBEGIN:VEVENT;a,b"})
    hostile = type(trip)(**{**trip.__dict__, "program": (first, *trip.program[1:])})
    content = program_calendar(hostile, "en", NOW).decode()
    expected = len(Calendar.from_ical(program_calendar(trip, "en", NOW)).events)
    assert content.count("\r\nBEGIN:VEVENT\r\n") == expected
    assert "x\\nBEGIN:VEVENT\\;a\\,b" in content.replace("\r\n ", "")
