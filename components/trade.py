"""Trade figures: the two headline cards and the charts with their text tables."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from components.labels import sources_line
from trip.deeplinks import Selection
from trip.formatting import format_change, format_money
from trip.i18n import t, t_md
from trip.loading import Trip
from trip.text import Markdown, csv_cell, md, md_join
from trip.trade import TradeRow, goods_of, headline

COUNTRIES = ("JP", "KR")


def render_trade_cards(
    trip: Trip, chosen: Selection, selected_country: str | None
) -> None:
    """Japan and South Korea side by side; the selected stop's country is marked."""
    lang = chosen.lang
    st.header(t_md(lang, "trade.title"), anchor=False)
    figures = [
        f for f in (headline(trip, country) for country in COUNTRIES) if f is not None
    ]
    if selected_country and selected_country not in {f.country for f in figures}:
        country = t(lang, f"country.{selected_country}")
        st.info(t_md(lang, "trade.no_figures", country=country))
    if not figures:
        return
    for column, figure in zip(
        st.columns(len(figures), gap="small"), figures, strict=True
    ):
        marked = figure.country == selected_country
        with (
            column,
            st.container(
                border=True,
                key=f"trade-{figure.country}{'-selected' if marked else ''}",
            ),
        ):
            name = t(lang, f"country.{figure.country}")
            name = t(lang, "trade.selected", country=name) if marked else name
            st.markdown(Markdown(f"**{md(name)}**"))
            st.metric(
                md(f"{t(lang, f'trade.flow.{figure.flow}')} {figure.year}"),
                format_money(figure.value_eur, lang, figure.decimals),
            )
            facts = []
            if figure.growth_pct is not None:
                change = format_change(figure.growth_pct, lang)
                facts.append(
                    t(lang, "trade.growth", change=change, year=figure.year - 1)
                )
            if figure.rank is not None:
                facts.append(t(lang, "trade.rank", rank=figure.rank))
            if figure.record:
                facts.append(t(lang, "trade.record"))
            if figure.provisional:
                facts.append(t(lang, "trade.provisional"))
            st.markdown(md_join(" · ", facts))
            goods = goods_of(trip, figure.country, figure.year)
            if goods:
                names = ", ".join(t(lang, f"goods.{g}") for g in goods)
                st.caption(t_md(lang, "trade.goods", goods=names))
    st.caption(sources_line(trip, (s for f in figures for s in f.source_ids), lang))


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
                    t(lang, "trade.col.value"): _millions(row),
                    t(lang, "trade.col.shown"): _shown(row, lang),
                    t(lang, "trade.col.status"): _status(row, lang),
                    t(lang, "trade.col.source"): "; ".join(row.source_ids),
                }.items()
            }
            for row in rows
        ]
    )


def _millions(row: TradeRow) -> float:
    """The value in million euros, as the chart's axis and the CSV carry it."""
    return round(row.value_eur / 1e6, 1)


def _shown(row: TradeRow, lang: str) -> str:
    """The value as the page writes it; derived values are marked approximate."""
    return ("≈ " if row.derived else "") + format_money(
        row.value_eur, lang, row.decimals
    )


def _status(row: TradeRow, lang: str) -> str:
    if row.derived:
        return t(
            lang,
            "trade.derived_short",
            change=format_change(row.growth_pct or 0, lang),
            year=row.year + 1,
        )
    return t(lang, "trade.provisional") if row.provisional else t(lang, "trade.sourced")


def render_trade_chart(
    trip: Trip,
    rows: tuple[TradeRow, ...],
    chosen: Selection,
    title_key: str,
    chart_id: str,
) -> None:
    """One chart with unit and year in its title, a source line, derived notes,
    the data as a text table and a CSV download."""
    lang = chosen.lang
    st.header(t_md(lang, title_key), anchor=False)
    table = trade_frame(rows, lang)
    st.altair_chart(_bar_chart(rows, lang), width="stretch")
    source_ids = (s for row in rows for s in row.source_ids)
    st.caption(
        Markdown(
            f"{t_md(lang, 'trade.unit_note')} {sources_line(trip, source_ids, lang)}"
        )
    )
    if any(row.derived for row in rows):
        st.caption(t_md(lang, "trade.derived_note"))
    if any(row.provisional for row in rows):
        st.caption(t_md(lang, "trade.provisional_note"))
    st.markdown(Markdown(f"**{t_md(lang, 'trade.as_text')}**"))
    value_col = t(lang, "trade.col.value")
    st.table(table.drop(columns=[value_col]).set_index(t(lang, "trade.col.country")))
    st.download_button(
        t_md(lang, "trade.download"),
        data=table.to_csv(index=False).encode("utf-8"),
        file_name=f"saxony-trade-{chart_id}-{lang}.csv",
        mime="text/csv",
        key=f"download-{chart_id}",
        icon=":material/download:",
    )


def _bar_chart(rows: tuple[TradeRow, ...], lang: str) -> alt.Chart:
    """Bars by year, one colour per country and flow; derived values pale.

    Field names stay plain ASCII: Vega-Lite reads a "." in a field name as a path.
    """
    sourced, derived = t(lang, "trade.sourced"), t(lang, "trade.derived_legend")
    data = pd.DataFrame(
        [
            {
                "year": str(row.year),
                "value": _millions(row),
                "shown": _shown(row, lang),
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
            color=alt.Color("series:N", title=None, legend=alt.Legend(orient="bottom")),
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
    )
