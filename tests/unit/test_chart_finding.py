"""Each trade chart's finding in one sentence (issue 19, item 6): built from the
rows, in the reader's language, read out by a screen reader."""

from __future__ import annotations

import pytest

from trip.discovery import trip_ids
from trip.formatting import country_name, format_money
from trip.i18n import LANGS, t
from trip.loading import load_trip
from trip.paths import TRIPS_DIR
from trip.trade import TradeChart, TradeRow, figures_of, trade_charts
from trip.trade_chart import trade_chart_spec
from trip.trade_text import trade_finding

CHARTS = [
    (trip_id, chart.chart_id)
    for trip_id in trip_ids()
    for chart in trade_charts(load_trip(TRIPS_DIR / trip_id))
]


def chart_of(trip_id: str, chart_id: str):
    trip = load_trip(TRIPS_DIR / trip_id)
    return trip, next(c for c in trade_charts(trip) if c.chart_id == chart_id)


def series_of(chart: TradeChart) -> dict[tuple, list[TradeRow]]:
    """Rows by series: a country's flow over whole years, or over the same
    part of each year."""
    series: dict[tuple, list[TradeRow]] = {}
    for row in chart.rows:  # by series, each by year: the chart's order
        series.setdefault(row.series, []).append(row)
    return series


def money(row: TradeRow, lang: str) -> str:
    value = format_money(row.value_eur, lang, row.decimals)
    return t(lang, "trade.finding.about", value=value) if row.derived else value


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("trip_id", "chart_id"), CHARTS)
def test_finding_names_each_series_first_and_last_value(trip_id, chart_id, lang):
    trip, chart = chart_of(trip_id, chart_id)
    sentence = trade_finding(chart, lang)
    assert sentence[0].isupper()
    assert sentence.endswith(".")
    assert sentence.count(". ") == 0  # one sentence
    clauses = sentence[:-1].split("; ")
    series = series_of(chart)
    assert len(clauses) == len(series)
    records = {
        (f.country, f.year, f.flow) for f in figures_of(trip, chart.rows) if f.record
    }
    blank = dict.fromkeys(("series", "first", "first_year", "last", "last_year"), "")
    for clause, ((country, _flow, _part), rows) in zip(
        clauses, series.items(), strict=True
    ):
        first, last = rows[0], rows[-1]
        assert country_name(country, lang) in clause
        if first is last:  # one value: no direction to tell
            assert money(last, lang) in clause
            assert str(last.year) in clause
            assert " rose " not in clause
            assert " stiegen " not in clause
            continue
        assert clause.index(money(first, lang)) < clause.index(money(last, lang))
        assert clause.index(str(first.year)) < clause.index(str(last.year))
        went = "rose" if last.value_eur > first.value_eur else "fell"
        verb = t(lang, f"trade.finding.{went}", **blank).split()[0]  # 'stiegen'
        assert f" {verb} " in clause
        is_record = (last.country, last.year, last.flow) in records
        suffix = t(lang, "trade.finding.record", clause="")
        assert clause.endswith(suffix) == is_record


def falling(flow: str) -> TradeChart:
    """A made-up series that fell, in years no bundled trip has figures for."""
    rows = tuple(
        TradeRow("JP", year, flow, value, 1, (), False)
        for year, value in ((1990, 500e6), (1991, 420.5e6))
    )
    return TradeChart("test", rows, "JP")


@pytest.mark.parametrize(
    ("lang", "flow", "expected"),
    [
        (
            "de",
            "export",
            "Die Ausfuhren nach Japan sanken von 500\xa0Mio.\xa0€ im Jahr 1990 "
            "auf 420,5\xa0Mio.\xa0€ im Jahr 1991.",
        ),
        (
            "en",
            "import",
            "Imports from Japan fell from €500 million in 1990 "
            "to €420.5 million in 1991.",
        ),
    ],
)
def test_finding_says_a_fall(lang, flow, expected):
    assert trade_finding(falling(flow), lang) == expected


def test_spec_description_starts_with_the_finding():
    trip, chart = chart_of(*CHARTS[0])
    spec = trade_chart_spec(chart, trip, "en")
    finding = trade_finding(chart, "en")
    assert spec["description"] == f"{finding} {t('en', 'trade.chart_description')}"
