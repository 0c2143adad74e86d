"""Derived values: stop days and themes from items, previous-year trade values."""

from __future__ import annotations

import datetime as dt

import pytest

from trip.labels import figure_label, trade_heading
from trip.loading import load_trip
from trip.paths import TRIPS_DIR
from trip.provenance import facts_by_source
from trip.stops import item_matches, items_for_country, summarize
from trip.timeline import timeline_rows
from trip.trade import goods_of, headline, previous_year, trade_rows, year_gaps


@pytest.fixture(scope="module")
def trip():
    return load_trip()


def test_stop_days_come_from_reported_items(trip):
    days = {s.stop.stop_id: s.days for s in summarize(trip)}
    assert days["tokyo"] == (dt.date(2023, 9, 11), dt.date(2023, 9, 13))
    assert days["ulsan"] == (dt.date(2023, 9, 20), dt.date(2023, 9, 20))
    assert days["hsinchu"] == (dt.date(2023, 9, 21), dt.date(2023, 9, 21))


def test_stop_themes_are_the_union_of_item_themes(trip):
    themes = {s.stop.stop_id: s.themes for s in summarize(trip)}
    assert themes["ulsan"] == ("mobility", "hydrogen")
    assert themes["sendai"] == ("microelectronics",)


def test_stops_are_numbered_in_trip_order(trip):
    assert [(s.number, s.stop.stop_id) for s in summarize(trip)][::5] == [
        (1, "tokyo"),
        (6, "hsinchu"),
    ]


def test_announced_items_stay_apart_from_stops(trip):
    japan = items_for_country(trip, "JP")
    assert {item.status for item in japan} == {"announced"}
    assert all(item.stop_id is None for item in japan)


def test_theme_filter(synthetic_trip):
    first, second = synthetic_trip.program[:2]
    assert item_matches(first, None)
    assert item_matches(first, "theme-a")
    assert not item_matches(second, "theme-a")


def test_previous_year_is_derived_and_marked(trip):
    japan = headline(trip, "JP")
    derived = previous_year(japan)
    assert derived is not None
    assert derived.derived
    assert derived.derived_from == "jp-2022-export"
    assert (derived.year, round(derived.value_eur / 1e6, 1)) == (2021, 675.4)
    korea = previous_year(headline(trip, "KR"))
    assert round(korea.value_eur / 1e6, 1) == 892.3


def test_trade_rows_keep_sourced_values_and_add_derived(trip):
    rows = trade_rows(trip)
    japan_exports = [
        (r.year, r.derived) for r in rows if r.country == "JP" and r.flow == "export"
    ]
    assert japan_exports == [(1997, False), (2016, False), (2021, True), (2022, False)]


def test_headlines_are_the_press_release_figures(trip):
    japan, korea = headline(trip, "JP"), headline(trip, "KR")
    assert (japan.value_eur, japan.growth_pct, japan.rank) == (851e6, 26, 17)
    assert (korea.value_eur, korea.growth_pct, korea.rank) == (1.16e9, 30, 14)
    assert japan.provisional
    assert korea.provisional
    assert headline(trip, "TW") is None


def test_goods_in_the_order_the_source_gives(trip):
    assert [g.group for g in goods_of(trip, "KR", 2022)] == [
        "electrical",
        "motor-vehicles",
        "machinery",
        "chemical-semi-finished",
    ]


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
