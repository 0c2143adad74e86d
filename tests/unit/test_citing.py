"""Numbered source marks (issue 16): one numbering per trip, each page's list."""

from __future__ import annotations

from trip.citing import PageCitations, anchor, numbering, source_numbers
from trip.loading import load_trip
from trip.paths import TRIPS_DIR

TRIP = load_trip(TRIPS_DIR / "2023-japan-korea")


def test_a_source_is_numbered_by_its_place_in_the_trips_list():
    numbers = numbering(TRIP)
    assert list(numbers.values()) == list(range(1, len(TRIP.sources) + 1))
    assert numbers[TRIP.sources[3].source_id] == 4


def test_source_numbers_are_each_once_and_ascending():
    ids = [TRIP.sources[4].source_id, TRIP.sources[0].source_id] * 2
    assert source_numbers(TRIP, ids) == [1, 5]


def test_a_page_lists_what_it_cited_and_only_that():
    cited = PageCitations(TRIP)
    assert cited.listed() == []
    assert cited.cite([TRIP.sources[6].source_id]) == [7]
    assert cited.cite([TRIP.sources[1].source_id, TRIP.sources[6].source_id]) == [2, 7]
    assert cited.listed() == [
        (2, TRIP.sources[1].source_id),
        (7, TRIP.sources[6].source_id),
    ]


def test_marks_lead_to_an_id_that_is_a_valid_fragment():
    assert anchor(12) == "quelle-12"
