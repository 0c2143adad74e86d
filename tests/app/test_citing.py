"""Sources in layers (issue 16): a claim carries numbered marks, each mark leads
to the page's own source list, numbered as the Sources page, deck and hand-out."""

from __future__ import annotations

import re

import pytest

from tests.app.conftest import open_app
from trip.discovery import trip_ids
from trip.loading import load_trip
from trip.paths import TRIPS_DIR
from trip.trade import trade_charts

MARK = re.compile(r"\[\\\[(\d+)\\\]\]\(#quelle-(\d+)\)")
ENTRY = re.compile(r'<li value="(\d+)" id="quelle-(\d+)">([^<]*):')


def marks_and_list(at) -> tuple[set[int], dict[int, str]]:
    sources = "\n".join(m.value for m in at.markdown if "page-sources" in m.value)
    text = "\n".join(m.value for m in (*at.markdown, *at.caption))
    marks = set()
    for shown, target in MARK.findall(text):
        assert shown == target
        marks.add(int(shown))
    listed = {}
    for value, target, who in ENTRY.findall(sources):
        assert value == target
        listed[int(value)] = who
    return marks, listed


@pytest.mark.parametrize("trip_id", trip_ids())
@pytest.mark.parametrize(
    ("page", "params"),
    [("overview", {"stop": ""}), ("itinerary", {}), ("trade", {})],
)
def test_every_mark_leads_to_its_entry_in_the_pages_list(trip_id, page, params):
    trip = load_trip(TRIPS_DIR / trip_id)
    if "stop" in params:  # the overview with a stop open shows its programme too
        params = {"stop": trip.stops[-1].stop_id}
    at = open_app(page, trip=trip_id, **params)
    assert not at.exception
    marks, listed = marks_and_list(at)
    if page != "trade" or trade_charts(trip):
        assert marks, "the page cites nothing"
    assert set(listed) == marks
    for number, who in listed.items():
        source = trip.sources[number - 1]
        assert who.startswith(source.publisher.replace("&", "&amp;"))


def test_an_item_names_no_source_beside_it_only_its_mark():
    at = open_app("itinerary", lang="en")
    release = next(m.value for m in at.markdown if "Investor meetings" in m.value)
    assert release.split("  \n")[0].endswith(r"[\[1\]](#quelle-1)")
    assert "Staatsministerium" not in release
