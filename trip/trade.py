"""Trade figures as the views need them, with values derived from growth rates."""

from __future__ import annotations

from dataclasses import dataclass

from trip.loading import Trip
from trip.models import TradeFigure


@dataclass(frozen=True)
class TradeRow:
    """One bar of a trade chart: a sourced figure or a value derived from one."""

    country: str
    year: int
    flow: str
    value_eur: float
    decimals: int
    source_ids: tuple[str, ...]
    provisional: bool
    derived_from: str | None = None  # figure_id the value was computed from
    growth_pct: float | None = None  # the rate used for the derivation

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
        )
        for figure in trip.trade
    ]
    sourced = {(row.country, row.year, row.flow) for row in rows}
    for figure in trip.trade:
        derived = previous_year(figure)
        if derived and (derived.country, derived.year, derived.flow) not in sourced:
            rows.append(derived)
    return tuple(sorted(rows, key=lambda r: (r.country, r.flow, r.year)))


def headline(trip: Trip, country: str) -> TradeFigure | None:
    """The latest export figure for a country: the one the press release leads with."""
    exports = [f for f in trip.trade if f.country == country and f.flow == "export"]
    return max(exports, key=lambda f: f.year, default=None)


def goods_of(trip: Trip, country: str, year: int) -> tuple[str, ...]:
    """Main goods groups in the order the source gives them."""
    groups = [g for g in trip.goods if g.country == country and g.year == year]
    return tuple(g.group for g in sorted(groups, key=lambda g: g.order))


def trade_charts(trip: Trip) -> tuple[tuple[str, str, tuple[TradeRow, ...]], ...]:
    """The trade charts as (chart id, catalog key of the title, rows): exports in
    the latest two years, and the Japan series. The loader guarantees an export
    figure, so neither is empty."""
    rows = trade_rows(trip)
    latest = max(row.year for row in rows if row.flow == "export")
    exports = tuple(r for r in rows if r.flow == "export" and r.year >= latest - 1)
    japan = tuple(r for r in rows if r.country == "JP")
    charts = (
        ("exports", "trade.chart.exports", exports),
        ("japan", "trade.chart.japan", japan),
    )
    return tuple(chart for chart in charts if chart[2])
