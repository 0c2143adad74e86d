"""Trade figures as the views need them, with values derived from growth rates."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from trip.loading import Trip
from trip.models import GoodsGroup, TradeFigure


@dataclass(frozen=True)
class TradeRow:
    """One bar of a trade chart: a sourced figure or a value derived from one."""

    country: str
    year: int
    flow: str
    value_eur: float
    decimals: int
    source_ids: tuple[str, ...]
    provisional: bool | None  # None: the source does not say
    derived_from: str | None = None  # figure_id the value was computed from
    growth_pct: float | None = None  # the rate used for the derivation
    rank: int | None = None  # among the region's partners, as the source gives it
    record: bool | None = None  # the source calls the value a record

    @property
    def derived(self) -> bool:
        return self.derived_from is not None


def previous_year(figure: TradeFigure) -> TradeRow | None:
    """Year before ``figure``: value ÷ (1 + growth). Derived, and only as exact as the
    rounded growth rate the source gives."""
    if figure.growth_pct is None:
        return None
    return TradeRow(
        country=figure.country,
        year=figure.year - 1,
        flow=figure.flow,
        value_eur=figure.value_eur / (1 + figure.growth_pct / 100),
        decimals=0,
        source_ids=figure.source_ids,
        provisional=False,
        derived_from=figure.figure_id,
        growth_pct=figure.growth_pct,
    )


def trade_rows(trip: Trip) -> tuple[TradeRow, ...]:
    """All figures plus the derived previous years, by country, flow and year."""
    rows = [
        TradeRow(
            figure.country,
            figure.year,
            figure.flow,
            figure.value_eur,
            figure.decimals,
            figure.source_ids,
            figure.provisional,
            rank=figure.rank,
            record=figure.record,
        )
        for figure in trip.trade
    ]
    sourced = {(row.country, row.year, row.flow) for row in rows}
    for figure in trip.trade:
        derived = previous_year(figure)
        if derived and (derived.country, derived.year, derived.flow) not in sourced:
            rows.append(derived)
    return tuple(sorted(rows, key=lambda r: (r.country, r.flow, r.year)))


def figures_of(trip: Trip, rows: tuple[TradeRow, ...]) -> list[TradeFigure]:
    """The sourced figures behind a chart's rows (derived rows have none)."""
    drawn = {(r.country, r.year, r.flow) for r in rows if not r.derived}
    return [f for f in trip.trade if (f.country, f.year, f.flow) in drawn]


def headline(trip: Trip, country: str) -> TradeFigure | None:
    """The latest export figure for a country: the one the press release leads with."""
    exports = [f for f in trip.trade if f.country == country and f.flow == "export"]
    return max(exports, key=lambda f: f.year, default=None)


def goods_of(trip: Trip, country: str, year: int) -> tuple[GoodsGroup, ...]:
    """Main goods groups in the order the source gives them."""
    groups = [g for g in trip.goods if g.country == country and g.year == year]
    return tuple(sorted(groups, key=lambda g: g.order))


def trade_countries(trip: Trip) -> tuple[str, ...]:
    """The countries with an export figure, in the order of ``trade.csv``."""
    return tuple(dict.fromkeys(f.country for f in trip.trade if f.flow == "export"))


@dataclass(frozen=True)
class TradeChart:
    """One trade chart: its id (for keys and file names), what its title says and
    its rows. ``country`` is set for a country's long series."""

    chart_id: str
    rows: tuple[TradeRow, ...]
    country: str | None = None

    @property
    def countries(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(row.country for row in self.rows))

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({row.year for row in self.rows}))


def trade_charts(trip: Trip) -> tuple[TradeChart, ...]:
    """The trade charts: every country's exports in the latest two years, then,
    for each country with figures beyond those, a chart of all its figures; so
    every figure is drawn somewhere, and none twice over when the trip has one
    country. No figures, no charts."""
    rows = trade_rows(trip)
    export_years = [row.year for row in rows if row.flow == "export"]
    charts = []
    recent: tuple[TradeRow, ...] = ()
    if export_years:
        latest = max(export_years)
        recent = tuple(r for r in rows if r.flow == "export" and r.year >= latest - 1)
        charts.append(TradeChart("exports", recent))
    for country in dict.fromkeys(row.country for row in rows):
        series = tuple(r for r in rows if r.country == country)
        if any(row not in recent for row in series):
            charts.append(TradeChart(f"history-{country.lower()}", series, country))
    if len(charts) > 1 and all(row in charts[1].rows for row in recent):
        charts.pop(0)  # one country: its series already holds the recent exports
    return tuple(charts)


def year_gaps(rows: tuple[TradeRow, ...]) -> tuple[tuple[str, int, int], ...]:
    """Spans of years without a figure inside each flow's series: (flow, first
    missing year, last missing year), so a chart can say what it leaves out."""
    gaps = []
    for flow in dict.fromkeys(row.flow for row in rows):
        years = sorted({row.year for row in rows if row.flow == flow})
        gaps += [
            (flow, before + 1, after - 1)
            for before, after in itertools.pairwise(years)
            if after - before > 1
        ]
    return tuple(gaps)
