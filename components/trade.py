"""Trade figures: a headline card per country and the charts with their text tables."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from components.data import TripView
from components.labels import sources_line
from components.quotes import render_wording
from trip.aggregate import Trip
from trip.citing import PageCitations
from trip.deeplinks import Selection
from trip.downloads import download_name, table_csv, trade_image
from trip.formatting import country_name, format_money
from trip.i18n import t, t_md
from trip.labels import (
    chart_title,
    figure_label,
    provisional_note,
    trade_facts,
    trade_heading,
)
from trip.text import Markdown, md, md_join
from trip.trade import (
    TradeChart,
    goods_of,
    headline,
    trade_charts,
    trade_countries,
)
from trip.trade_chart_size import trade_chart_px
from trip.trade_text import chart_notes, trade_finding, trade_frame


def render_trade_cards(
    trip: Trip,
    chosen: Selection,
    selected_country: str | None,
    cited: PageCitations,
) -> None:
    """The latest export figure of each country side by side; the selected stop's
    country is marked."""
    lang = chosen.lang
    st.header(md(trade_heading(trip, lang)), anchor=False)
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
                md(figure_label(figure, lang)),
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


CHARTS_PER_ROW = 2  # each chart keeps a readable width, however many there are


def render_trade_charts(
    view: TripView, chosen: Selection, cited: PageCitations
) -> None:
    """Every trade chart of the trip, two a row (one below the other where the
    page's stylesheet stacks columns), or a note that the sources give none."""
    charts = trade_charts(view.trip)
    if not charts:
        render_trade_none(chosen)
    for start in range(0, len(charts), CHARTS_PER_ROW):
        row = charts[start : start + CHARTS_PER_ROW]
        columns = st.columns(CHARTS_PER_ROW, gap="large")[: len(row)]
        for column, chart in zip(columns, row, strict=True):
            with column:
                render_trade_chart(view, chart, chosen, cited)


def render_trade_chart(
    view: TripView, chart: TradeChart, chosen: Selection, cited: PageCitations
) -> None:
    """One chart with unit and year in its title, a source line, derived notes,
    its finding in a sentence beside the data as a text table, and downloads."""
    trip, lang, rows, chart_id = view.trip, chosen.lang, chart.rows, chart.chart_id
    st.header(md(chart_title(chart, lang)), anchor=False)
    table = trade_frame(rows, trip.source_by_id, lang)
    # Held at its height from the first paint: Vega draws after the page shows.
    with st.container(height=trade_chart_px(rows), border=False):
        st.vega_lite_chart(spec=view.trade_spec(lang, chart_id), width="stretch")
    source_ids = (s for row in rows for s in row.source_ids)
    st.caption(
        Markdown(
            f"{t_md(lang, 'trade.unit_note')} {sources_line(cited, source_ids, lang)}"
        )
    )
    for note in chart_notes(trip, rows, lang):
        st.caption(md(note))
    st.markdown(Markdown(f"**{t_md(lang, 'trade.as_text')}**"))
    # What the chart shows, in words: read out before the table's cells.
    st.markdown(md(trade_finding(chart, lang)))
    value_col = t(lang, "trade.col.value")
    # st.table renders its cells as Markdown: text from data is escaped for it.
    shown = table.drop(columns=[value_col]).map(
        lambda cell: md(cell) if isinstance(cell, str) else cell
    )
    st.table(shown.set_index(t(lang, "trade.col.country")))
    render_trade_downloads(trip, chart, table, lang)


def render_trade_downloads(
    trip: Trip, chart: TradeChart, table: pd.DataFrame, lang: str
) -> None:
    """The chart's data as CSV for the reader's spreadsheet, and the chart as SVG
    and PNG with its title and sources drawn in. The images are drawn only when
    clicked (a callable ``data``, run in a thread of its own): 0.1 s each at every
    run would be paid for by every reader. A download changes nothing on the
    page, so it does not rerun it."""
    chart_id = chart.chart_id
    with st.container(horizontal=True, key=f"downloads-{chart_id}"):
        st.download_button(
            t_md(lang, "trade.download"),
            data=table_csv(table, lang),
            file_name=download_name(chart_id, lang, "csv"),
            mime="text/csv",
            key=f"download-{chart_id}",
            help=t_md(lang, "trade.download_help"),
            icon=":material/download:",
            on_click="ignore",
        )
        for kind, mime, label in (
            ("svg", "image/svg+xml", "trade.download_svg"),
            ("png", "image/png", "trade.download_png"),
        ):
            st.download_button(
                t_md(lang, label),
                data=partial(trade_image, chart, trip, lang, kind),
                file_name=download_name(chart_id, lang, kind),
                mime=mime,
                key=f"download-{chart_id}-{kind}",
                help=t_md(lang, "trade.image_help"),
                icon=":material/image:",
                on_click="ignore",
            )
