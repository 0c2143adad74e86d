"""Trade figures: a headline card per country and the charts with their text tables."""

from __future__ import annotations

import streamlit as st

from components import state
from components.labels import sources_line
from components.quotes import render_wording
from trip.charts import TRADE_CHART_PX, trade_frame
from trip.citing import PageCitations
from trip.deeplinks import Selection
from trip.formatting import country_name, format_money
from trip.i18n import t, t_md
from trip.labels import chart_title, provisional_note, trade_facts
from trip.loading import Trip
from trip.text import Markdown, md, md_join
from trip.trade import TradeChart, figures_of, goods_of, headline, trade_countries


def render_trade_cards(
    trip: Trip,
    chosen: Selection,
    selected_country: str | None,
    cited: PageCitations,
) -> None:
    """The latest export figure of each country side by side; the selected stop's
    country is marked."""
    lang = chosen.lang
    st.header(t_md(lang, "trade.title", region=trip.info.region(lang)), anchor=False)
    figures = [
        f
        for f in (headline(trip, country) for country in trade_countries(trip))
        if f is not None
    ]
    if not figures:
        render_trade_none(chosen)
        return
    if selected_country and selected_country not in {f.country for f in figures}:
        country = country_name(selected_country, lang)
        st.info(t_md(lang, "trade.no_figures", country=country))
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
            name = country_name(figure.country, lang)
            name = t(lang, "trade.selected", country=name) if marked else name
            st.markdown(Markdown(f"**{md(name)}**"))
            st.metric(
                md(f"{t(lang, f'trade.flow.{figure.flow}')} {figure.year}"),
                format_money(figure.value_eur, lang, figure.decimals),
            )
            st.markdown(md_join(" · ", trade_facts(figure, lang)))
            goods = goods_of(trip, figure.country, figure.year)
            if goods:
                names = ", ".join(g.name(lang) for g in goods)
                st.caption(t_md(lang, "trade.goods", goods=names))
            render_wording(trip, figure, lang, f"trade-{figure.figure_id}")
    st.caption(sources_line(cited, (s for f in figures for s in f.source_ids), lang))
    note = provisional_note(figures, trip.source_by_id, lang)
    if note:
        st.caption(md(note))


def render_trade_none(chosen: Selection) -> None:
    st.info(t_md(chosen.lang, "trade.none"))


def render_trade_chart(
    trip: Trip, chart: TradeChart, chosen: Selection, cited: PageCitations
) -> None:
    """One chart with unit and year in its title, a source line, derived notes,
    the data as a text table and a CSV download."""
    lang, rows, chart_id = chosen.lang, chart.rows, chart.chart_id
    st.header(md(chart_title(chart, lang)), anchor=False)
    table = trade_frame(rows, trip.source_by_id, lang)
    # Held at its height from the first paint: Vega draws after the page shows.
    with st.container(height=TRADE_CHART_PX, border=False):
        st.vega_lite_chart(spec=state.trade_spec(lang, chart_id), width="stretch")
    source_ids = (s for row in rows for s in row.source_ids)
    st.caption(
        Markdown(
            f"{t_md(lang, 'trade.unit_note')} {sources_line(cited, source_ids, lang)}"
        )
    )
    if any(row.derived for row in rows):
        st.caption(t_md(lang, "trade.derived_note"))
    note = provisional_note(figures_of(trip, rows), trip.source_by_id, lang)
    if note:
        st.caption(md(note))
    st.markdown(Markdown(f"**{t_md(lang, 'trade.as_text')}**"))
    value_col = t(lang, "trade.col.value")
    # st.table renders its cells as Markdown: text from data is escaped for it.
    shown = table.drop(columns=[value_col]).map(
        lambda cell: md(cell) if isinstance(cell, str) else cell
    )
    st.table(shown.set_index(t(lang, "trade.col.country")))
    st.download_button(
        t_md(lang, "trade.download"),
        data=table.to_csv(index=False).encode("utf-8"),
        file_name=f"saxony-trade-{chart_id}-{lang}.csv",
        mime="text/csv",
        key=f"download-{chart_id}",
        icon=":material/download:",
    )
