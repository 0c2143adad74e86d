"""Trade charts and their tables: one spec for the app (Altair in Streamlit) and the
briefing pack (the same spec as SVG, via vl-convert)."""

from __future__ import annotations

import altair as alt
import pandas as pd
from babel import Locale

from trip.formatting import format_change, format_money, locale_of
from trip.i18n import t
from trip.text import csv_cell
from trip.trade import TradeRow


def trade_frame(rows: tuple[TradeRow, ...], lang: str) -> pd.DataFrame:
    """The chart's data as a table: the numbers the chart draws, for text and CSV.
    Text cells are guarded so that a spreadsheet does not run them as formulas."""
    return pd.DataFrame(
        [
            {
                column: csv_cell(value)
                for column, value in {
                    t(lang, "trade.col.country"): t(lang, f"country.{row.country}"),
                    t(lang, "trade.col.flow"): t(lang, f"trade.flow.{row.flow}"),
                    t(lang, "trade.col.year"): row.year,
                    t(lang, "trade.col.value"): millions(row),
                    t(lang, "trade.col.shown"): shown_value(row, lang),
                    t(lang, "trade.col.status"): value_status(row, lang),
                    t(lang, "trade.col.source"): "; ".join(row.source_ids),
                }.items()
            }
            for row in rows
        ]
    )


def millions(row: TradeRow) -> float:
    """The value in million euros, as the chart's axis and the CSV carry it."""
    return round(row.value_eur / 1e6, 1)


def shown_value(row: TradeRow, lang: str) -> str:
    """The value as the page writes it; derived values are marked approximate."""
    return ("≈ " if row.derived else "") + format_money(
        row.value_eur, lang, row.decimals
    )


def value_status(row: TradeRow, lang: str) -> str:
    if row.derived:
        return t(
            lang,
            "trade.derived_short",
            change=format_change(row.growth_pct or 0, lang),
            year=row.year + 1,
        )
    return t(lang, "trade.provisional") if row.provisional else t(lang, "trade.sourced")


def trade_chart(rows: tuple[TradeRow, ...], lang: str) -> alt.Chart:
    """Bars by year, one colour per country and flow; derived values pale.

    Field names stay plain ASCII: Vega-Lite reads a "." in a field name as a path.
    """
    sourced, derived = t(lang, "trade.sourced"), t(lang, "trade.derived_legend")
    data = pd.DataFrame(
        [
            {
                "year": str(row.year),
                "value": millions(row),
                "shown": shown_value(row, lang),
                "series": f"{t(lang, f'country.{row.country}')} · "
                f"{t(lang, f'trade.flow.{row.flow}')}",
                "kind": derived if row.derived else sourced,
            }
            for row in rows
        ]
    )
    return (
        alt.Chart(data)
        .mark_bar(aria=False)
        .encode(
            x=alt.X(
                "year:O", title=t(lang, "trade.axis.year"), axis=alt.Axis(labelAngle=0)
            ),
            xOffset="series:N",
            y=alt.Y("value:Q", title=t(lang, "trade.axis.value")),
            color=alt.Color(
                "series:N", title=None, legend=alt.Legend(orient="bottom", columns=1)
            ),
            opacity=alt.Opacity(
                "kind:O",
                sort=[sourced, derived],
                scale=alt.Scale(domain=[sourced, derived], range=[1.0, 0.45]),
                title=None,
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("series:N", title=t(lang, "trade.col.country")),
                alt.Tooltip("year:O", title=t(lang, "trade.col.year")),
                alt.Tooltip("shown:N", title=t(lang, "trade.col.shown")),
                alt.Tooltip("kind:N", title=t(lang, "trade.col.status")),
            ],
        )
        .properties(height=320, description=t(lang, "trade.chart_description"))
        .configure_axis(labelFontSize=13)
        .configure(locale=vega_locale(lang))
    )


def vega_locale(lang: str) -> alt.Locale:
    """Decimal and group separators from Babel, so axes read "1.200" in German
    (Vega formats numbers in US English unless told otherwise)."""
    symbols = Locale.parse(locale_of(lang)).number_symbols["latn"]
    return alt.Locale(
        number=alt.NumberLocale(
            decimal=symbols["decimal"],
            thousands=symbols["group"],
            grouping=[3],
            currency=["", " €"] if lang == "de" else ["€", ""],
        )
    )
