"""The programme as .ics: parsed back with icalendar, one event per item."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from tests.factory import EVERY_KIND
from trip.calendar import is_period, program_calendar

NOW = dt.datetime(2026, 11, 29, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def trip(every_kind_trip):
    """tests.factory's EVERY_KIND: France's programme without a stop over its
    leg, a flight on a day between stops, visits at beta on some day of three,
    a timed meeting at gamma."""
    return every_kind_trip


def events(trip, lang: str) -> dict[str, object]:
    calendar = Calendar.from_ical(program_calendar(trip, lang, NOW))
    return {str(event["uid"]).split("@")[0]: event for event in calendar.events}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_one_event_per_item_and_one_per_country_for_periods_without_a_stop(trip, lang):
    found = events(trip, lang)
    periods = [i for i in trip.program if is_period(i) and i.stop_id is None]
    own = {i.item_id for i in trip.program if i not in periods}
    countries = {f"unplaced-{i.country.lower()}" for i in periods}
    assert [i.item_id for i in periods] == ["fr-programme", "fr-workshop"]
    assert "flight-de-fr" in own  # one day without a stop: an event of its own
    assert set(found) == own | countries


def test_announced_periods_are_one_free_event_per_country_not_a_block(trip):
    """Issue 17: a country's announced programme over its leg (six days) is not
    all-day events across a delegate's week, but one free event listing them."""
    france = events(trip, "en")["unplaced-fr"]
    assert france.decoded("dtstart") == EVERY_KIND.day(3)
    assert france.decoded("dtend") == EVERY_KIND.day(9)  # exclusive end
    assert str(france["transp"]) == "TRANSPARENT"
    text = str(france["description"])
    for item in ("fr-programme", "fr-workshop"):
        assert f"Item {item}" in text
        assert f"About {item}" in text  # its detail


def test_visits_on_some_day_of_several_are_free_time(trip):
    visits = events(trip, "en")["beta-visits"]
    assert str(visits["transp"]) == "TRANSPARENT"
    meeting = events(trip, "en")["gamma-meeting"]
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
    visits = events(trip, "en")["beta-visits"]
    assert visits.decoded("dtstart") == EVERY_KIND.day(3)
    assert visits.decoded("dtend") == EVERY_KIND.day(6)  # exclusive end


def test_a_previewed_time_says_it_was_announced(synthetic_trip):
    visit = events(synthetic_trip, "de")["visit-beta"]
    assert "Uhrzeit angekündigt" in str(visit["description"])


def test_description_says_status_reason_and_sources(trip):
    visits = events(trip, "de")["beta-visits"]
    text = str(visits["description"])
    assert text.startswith("berichtet · erschlossen")
    assert "Erschlossen: Erschlossen für beta-visits" in text
    assert "Quelle: Synthetischer Herausgeber" in text
    assert str(visits["location"]) == "Beta, Frankreich"


def test_text_from_data_cannot_add_lines_to_the_file(synthetic_trip):
    """icalendar escapes commas, semicolons and line breaks in TEXT values."""
    trip = synthetic_trip
    first = trip.program[0].model_copy(update={"title_en": "x\r\nBEGIN:VEVENT;a,b"})
    hostile = type(trip)(**{**trip.__dict__, "program": (first, *trip.program[1:])})
    content = program_calendar(hostile, "en", NOW).decode()
    expected = len(Calendar.from_ical(program_calendar(trip, "en", NOW)).events)
    assert content.count("\r\nBEGIN:VEVENT\r\n") == expected
    assert "x\\nBEGIN:VEVENT\\;a\\,b" in content.replace("\r\n ", "")
