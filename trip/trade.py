"""Trade figures as the views need them, with values derived from growth rates."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from trip.aggregate import Trip
from trip.trade_models import GoodsGroup, TradeFigure


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
    through_month: int | None = None  # January to this month only; None: the year
    year_inferred: bool = False  # the source names no year; the data says why

    @property
    def derived(self) -> bool:
        return self.derived_from is not None

    @property
    def series(self) -> tuple[str, str, int | None]:
        """What a value is compared with: the same country, flow and part of a
        year (January to September is a series of its own)."""
        return (self.country, self.flow, self.through_month)


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
        through_month=figure.through_month,
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
            through_month=figure.through_month,
            year_inferred=figure.year_inferred,
        )
        for figure in trip.trade
    ]
    sourced = {(*row.series, row.year) for row in rows}
    for figure in trip.trade:
        derived = previous_year(figure)
        if derived and (*derived.series, derived.year) not in sourced:
            rows.append(derived)
    return tuple(sorted(rows, key=lambda r: (*_series_order(r), r.year)))


def _series_order(row: TradeRow) -> tuple[str, bool, int, int]:
    """Countries; whole years, then parts of years; exports, imports, volume."""
    flows = ("export", "import", "volume")
    part = row.through_month or 12
    return (row.country, part < 12, flows.index(row.flow), part)


def figures_of(trip: Trip, rows: tuple[TradeRow, ...]) -> list[TradeFigure]:
    """The sourced figures behind a chart's rows (derived rows have none)."""
    drawn = {(*r.series, r.year) for r in rows if not r.derived}
    return [
        f for f in trip.trade if (f.country, f.flow, f.through_month, f.year) in drawn
    ]


def headline(trip: Trip, country: str) -> TradeFigure | None:
    """A country's latest figure for a whole year, exports first: the one the
    press release leads with. A trip whose sources give only a trade volume
    leads with that."""
    whole = [f for f in trip.trade if f.country == country and not f.through_month]
    exports = [f for f in whole if f.flow == "export"]
    return max(exports or whole, key=lambda f: f.year, default=None)


def goods_of(trip: Trip, country: str, year: int) -> tuple[GoodsGroup, ...]:
    """Main goods groups in the order the source gives them."""
    groups = [g for g in trip.goods if g.country == country and g.year == year]
    return tuple(sorted(groups, key=lambda g: g.order))


def trade_countries(trip: Trip) -> tuple[str, ...]:
    """The countries with a figure, in the order of ``trade.csv``."""
    return tuple(dict.fromkeys(f.country for f in trip.trade))


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

    @property
    def through_month(self) -> int | None:
        """The part of each year a history shows (January to this month);
        None for whole years."""
        return self.rows[0].through_month if self.country and self.rows else None


def trade_charts(trip: Trip) -> tuple[TradeChart, ...]:
    """The trade charts: every country's exports in the latest two years, then,
    for each country with figures beyond those, a chart of all its figures
    (whole years; a part of a year in a chart of its own); so
    every figure is drawn somewhere, and none twice over when the trip has one
    country. No figures, no charts."""
    rows = trade_rows(trip)
    exports = [row for row in rows if row.flow == "export" and not row.through_month]
    charts = []
    recent: tuple[TradeRow, ...] = ()
    if exports:
        latest = max(row.year for row in exports)
        recent = tuple(row for row in exports if row.year >= latest - 1)
        charts.append(TradeChart("exports", recent))
    # A country's whole years in one chart; a part of a year ("January to
    # September") compares only with the same part: a chart of its own.
    for country, part in dict.fromkeys(
        (row.country, row.through_month) for row in rows
    ):
        series = tuple(
            r for r in rows if r.country == country and r.through_month == part
        )
        if any(row not in recent for row in series):
            chart_id = f"history-{country.lower()}" + (f"-to-{part}" if part else "")
            charts.append(TradeChart(chart_id, series, country))
    if len(charts) > 1 and all(row in charts[1].rows for row in recent):
        charts.pop(0)  # one country: its series already holds the recent exports
    return tuple(charts)


def year_gaps(
    rows: tuple[TradeRow, ...],
) -> tuple[tuple[TradeRow, int, int], ...]:
    """Spans of years without a figure inside each series: (the series' first
    row, first missing year, last missing year), so a chart can say what it
    leaves out."""
    gaps = []
    for series in dict.fromkeys(row.series for row in rows):
        members = sorted((r for r in rows if r.series == series), key=lambda r: r.year)
        gaps += [
            (members[0], before.year + 1, after.year - 1)
            for before, after in itertools.pairwise(members)
            if after.year - before.year > 1
        ]
    return tuple(gaps)
