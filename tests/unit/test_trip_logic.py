"""Derived values: stop days and themes from items, previous-year trade values."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factory import EVERY_KIND
from trip.labels import figure_label, trade_heading
from trip.loading import load_trip
from trip.paths import TRIPS_DIR
from trip.provenance import facts_by_source
from trip.stops import item_matches, items_for_country, summarize
from trip.timeline import timeline_rows
from trip.trade import goods_of, headline, previous_year, trade_rows, year_gaps


@pytest.fixture(scope="module")
def trip(every_kind_trip):
    """tests.factory's EVERY_KIND: three stops three days apart, visits over
    several days at beta, a meeting at gamma, programme without a stop."""
    return every_kind_trip


def day(offset: int) -> dt.date:
    return EVERY_KIND.day(offset)


def test_stop_days_come_from_reported_items(trip):
    days = {s.stop.stop_id: s.days for s in summarize(trip)}
    assert days == {
        "alpha": (day(0), day(0)),
        "beta": (day(3), day(5)),  # the visit, then visits over three days
        "gamma": (day(6), day(7)),  # the visit, the meeting the day after
    }


def test_stop_themes_are_the_union_of_item_themes(trip):
    themes = {s.stop.stop_id: s.themes for s in summarize(trip)}
    assert themes == {
        "alpha": ("theme-a",),
        "beta": ("theme-b", "theme-c"),
        "gamma": ("theme-c",),
    }


def test_stops_are_numbered_in_trip_order(trip):
    assert [(s.number, s.stop.stop_id) for s in summarize(trip)] == [
        (1, "alpha"),
        (2, "beta"),
        (3, "gamma"),
    ]


def test_items_without_a_stop_stay_apart_from_stops(trip):
    france = items_for_country(trip, "FR")
    assert [item.item_id for item in france] == ["fr-programme", "fr-workshop"]
    assert {item.status for item in france} == {"announced"}
    assert [item.item_id for item in items_for_country(trip, "DE")] == ["flight-de-fr"]


def test_theme_filter(synthetic_trip):
    first, second = synthetic_trip.program[:2]
    assert item_matches(first, None)
    assert item_matches(first, "theme-a")
    assert not item_matches(second, "theme-a")


def test_previous_year_is_derived_and_marked(trip):
    germany = headline(trip, "DE")
    derived = previous_year(germany)
    assert derived is not None
    assert derived.derived
    assert derived.derived_from == "de-2030-export"
    assert (derived.year, derived.value_eur) == (2029, pytest.approx(500e6 / 1.25))
    france = previous_year(headline(trip, "FR"))
    assert round(france.value_eur / 1e6, 1) == 442.1  # 420 after -5 %


def test_trade_rows_keep_sourced_values_and_add_derived(trip):
    rows = trade_rows(trip)
    german_exports = [
        (r.year, r.derived) for r in rows if r.country == "DE" and r.flow == "export"
    ]
    assert german_exports == [
        (2022, False),
        (2026, False),
        (2029, True),
        (2030, False),
    ]


def test_headlines_are_each_country_s_latest_exports(trip):
    germany, france = headline(trip, "DE"), headline(trip, "FR")
    assert (germany.value_eur, germany.growth_pct, germany.rank) == (500e6, 25, 3)
    assert (france.value_eur, france.growth_pct, france.rank) == (420e6, -5, 7)
    assert germany.provisional
    assert not france.provisional
    assert headline(trip, "IT") is None


def test_goods_in_the_order_the_source_gives(trip):
    (goods,) = EVERY_KIND.goods
    assert [g.group for g in goods_of(trip, "FR", 2030)] == list(goods.groups)
    assert [g.group for g in goods_of(trip, "FR", 2029)] == []


def test_timeline_rows_mark_selection_and_theme(synthetic_trip):
    summaries = summarize(synthetic_trip)
    labels = {s.stop.stop_id: s.stop.name_en for s in summaries}
    rows = timeline_rows(summaries, labels, "beta", "theme-a")
    beta = [r for r in rows if r["stop_id"] == "beta"]
    assert all(r["selected"] for r in beta)
    assert not any(r["selected"] for r in rows if r["stop_id"] != "beta")
    assert {r["kind"] for r in beta} == {"window_announced", "item_reported"}
    visit = next(r for r in beta if r["kind"] == "item_reported")
    assert visit["active"] is False  # the visit is about theme B, not theme A
    alpha = [r for r in rows if r["stop_id"] == "alpha"]
    assert next(r for r in alpha if r["kind"] == "item_reported")["active"] is True


def test_every_source_supports_some_fact(trip):
    uses = facts_by_source(trip)
    assert set(uses) == set(trip.source_by_id)


def test_a_trip_with_only_a_trade_volume_leads_with_it():
    """The 2015 trip's sources give Korea's trade volume only: the card shows
    it, under a heading that does not say "exports"."""
    korea = load_trip(TRIPS_DIR / "2015-korea")
    figure = headline(korea, "KR")
    assert (figure.flow, figure.year, figure.year_basis) == ("volume", 2013, "inferred")
    assert figure_label(figure, "de") == "Handelsvolumen 2013 (Jahr erschlossen)"
    assert trade_heading(korea, "en") == "Exports and imports: Saxony"


def test_a_part_of_a_year_never_heads_the_cards_nor_fills_a_gap():
    japan = load_trip(TRIPS_DIR / "2017-japan")
    assert headline(japan, "JP").figure_id == "jp-2016-export"
    gaps = {
        (row.flow, row.through_month, first, last)
        for row, first, last in year_gaps(trade_rows(japan))
    }
    # 2015 is derived only for January to September: the whole-year series
    # still misses it.
    assert ("export", None, 1998, 2015) in gaps
    part = [r for r in trade_rows(japan) if r.through_month == 9]
    assert figure_label(part[0], "en") == "Exports, Jan–Sept 2015"
