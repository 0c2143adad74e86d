"""Numbered source marks (issue 16): one numbering per trip, each page's list."""

from __future__ import annotations

from trip.citing import PageCitations, anchor, numbering, source_numbers


def test_a_source_is_numbered_by_its_place_in_the_trips_list(synthetic_trip):
    numbers = numbering(synthetic_trip)
    assert list(numbers.values()) == list(range(1, len(synthetic_trip.sources) + 1))
    assert numbers[synthetic_trip.sources[1].source_id] == 2


def test_source_numbers_are_each_once_and_ascending(synthetic_trip):
    first, second = (source.source_id for source in synthetic_trip.sources)
    assert source_numbers(synthetic_trip, [second, first] * 2) == [1, 2]


def test_a_page_lists_what_it_cited_and_only_that(synthetic_trip):
    first, second = (source.source_id for source in synthetic_trip.sources)
    cited = PageCitations(synthetic_trip)
    assert cited.listed() == []
    assert cited.cite([second]) == [2]
    assert cited.listed() == [(2, second)]
    assert cited.cite([first, second]) == [1, 2]
    assert cited.listed() == [(1, first), (2, second)]


def test_marks_lead_to_an_id_that_is_a_valid_fragment():
    assert anchor(12) == "quelle-12"
