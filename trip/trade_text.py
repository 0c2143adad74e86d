"""Trade figures in words: a chart's table and CSV, its values as written on
it, its finding in one sentence, and the notes under it; the same for the
app, the pack and the downloads."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from trip.aggregate import Trip
from trip.formatting import (
    country_name,
    format_change,
    format_millions,
    format_money,
    month_span,
)
from trip.i18n import t
from trip.labels import (
    as_sentences,
    figure_year,
    provisional_note,
    series_name,
    source_citation,
    year_note,
)
from trip.source_models import Source
from trip.text import csv_cell
from trip.trade import TradeChart, TradeRow, figures_of, year_gaps

# Each series of a history has its shape, and its symbol in the column of
# values (filled; hollow where derived): exports, imports and the trade volume,
# and the same for a part of a year, which is compared only with its like.
SERIES_MARKS = {
    ("export", False): ("circle", "●", "○"),
    ("import", False): ("diamond", "◆", "◇"),
    ("volume", False): ("square", "■", "□"),
    ("export", True): ("triangle-up", "▲", "△"),
    ("import", True): ("triangle-down", "▼", "▽"),
    ("volume", True): ("cross", "✚", "✛"),
}


def series_kind(row: TradeRow) -> tuple[str, bool]:
    return (row.flow, row.through_month is not None)


def trade_frame(
    rows: tuple[TradeRow, ...], sources: Mapping[str, Source], lang: str
) -> pd.DataFrame:
    """The chart's data as a table: the numbers the chart draws, for text and CSV,
    with its sources by name (a reader never sees an id). Text cells are guarded
    so that a spreadsheet does not run them as formulas."""
    return pd.DataFrame(
        [
            {
                column: csv_cell(value)
                for column, value in {
                    t(lang, "trade.col.country"): country_name(row.country, lang),
                    t(lang, "trade.col.flow"): series_name(row, lang),
                    t(lang, "trade.col.year"): row.year,
                    t(lang, "trade.col.value"): millions(row),
                    t(lang, "trade.col.shown"): shown_value(row, lang),
                    t(lang, "trade.col.status"): value_status(row, lang),
                    t(lang, "trade.col.source"): "; ".join(
                        source_citation(sources[source_id], lang)
                        for source_id in row.source_ids
                    ),
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
    status = t(lang, "trade.provisional" if row.provisional else "trade.sourced")
    if row.year_inferred:
        status = f"{status}; {t(lang, 'trade.year_inferred')}"
    return status


def trade_finding(chart: TradeChart, lang: str) -> str:
    """The chart's finding in one sentence, one clause per country and flow:
    'Exports to Japan rose from about €675 million in 2021 to €851 million in
    2022, a record; …'. From the rows alone; the words are the catalog's."""
    series: dict[tuple[str, str, int | None], list[TradeRow]] = {}
    for row in chart.rows:
        series.setdefault(row.series, []).append(row)
    clauses = [
        _series_finding(sorted(rows, key=lambda r: r.year), lang)
        for rows in series.values()
    ]
    sentence = "; ".join(clauses)
    return as_sentences(sentence[:1].upper() + sentence[1:])


def _series_finding(rows: list[TradeRow], lang: str) -> str:
    """One clause: the series' first and last year, and which way it went."""
    first, last = rows[0], rows[-1]
    name = t(
        lang, f"trade.finding.{last.flow}", country=country_name(last.country, lang)
    )
    if last.through_month:
        months = month_span(last.through_month, lang, "wide")
        name = t(
            lang, "trade.finding.part", series=name, first=months[0], last=months[1]
        )
    values = {
        "series": name,
        "first": _finding_value(first, lang),
        "first_year": figure_year(first, lang),
        "last": _finding_value(last, lang),
        "last_year": figure_year(last, lang),
    }
    if first is last:
        key = "trade.finding.single"
    elif round(last.value_eur, -5) == round(first.value_eur, -5):
        key = "trade.finding.steady"  # the same to a tenth of a million
    else:
        rose = last.value_eur > first.value_eur
        key = "trade.finding.rose" if rose else "trade.finding.fell"
    clause = t(lang, key, **values)
    if last.record:  # the row carries its figure's record
        clause = t(lang, "trade.finding.record", clause=clause)
    return clause


def _finding_value(row: TradeRow, lang: str) -> str:
    """The value in words: a derived one is 'about' it, not '≈' (which a screen
    reader reads out as 'almost equal to')."""
    money = format_money(row.value_eur, lang, row.decimals)
    return t(lang, "trade.finding.about", value=money) if row.derived else money


def year_labels(rows: tuple[TradeRow, ...], lang: str) -> pd.DataFrame:
    """A country's values by year in million euros (the axis says so), each
    after its mark's symbol, with rank and record where the source gives them:
    "● 809,1  ◆ 831,9", "■ 842 Rang 18" (``SERIES_MARKS``; hollow if derived)."""
    by_year: dict[int, list[str]] = {}
    for row in rows:  # in trade_rows' order: exports, imports, volume
        _, filled, hollow = SERIES_MARKS[series_kind(row)]
        approx = "≈ " if row.derived else ""
        # A derived value is only as exact as a rounded growth rate: no decimals.
        value = format_millions(row.value_eur, lang, 0 if row.derived else 1)
        notes = value_notes(row, lang).replace("\n", ", ")
        label = f"{hollow if row.derived else filled} {approx}{value}"
        by_year.setdefault(row.year, []).append(
            f"{label} · {notes}" if notes else label
        )
    return pd.DataFrame(
        [
            {"year": year, "label": "  ".join(parts)}
            for year, parts in sorted(by_year.items())
        ]
    )


def value_notes(row: TradeRow, lang: str) -> str:
    """Rank and record, where the source gives them, one per line."""
    notes = []
    if row.rank is not None:
        notes.append(t(lang, "trade.rank_short", rank=row.rank))
    if row.record:
        notes.append(t(lang, "trade.record_short"))
    return "\n".join(notes)


def gap_note(rows: tuple[TradeRow, ...], lang: str) -> str | None:
    """What a chart leaves out, in words: the years inside each flow's series
    the sources give no figure for ("Ausfuhr: 1998–2015, 2017–2020")."""
    several = len({row.country for row in rows}) > 1
    spans: dict[str, list[str]] = {}
    for series, first, last in year_gaps(rows):
        span = str(first) if first == last else f"{first}–{last}"
        name = series_name(series, lang)
        if several:  # the pack's notes serve all its charts
            name = f"{country_name(series.country, lang)}, {name}"
        spans.setdefault(name, []).append(span)
    if not spans:
        return None
    listed = "; ".join(f"{flow}: {', '.join(years)}" for flow, years in spans.items())
    return t(lang, "trade.gaps", spans=listed)


def partial_note(rows: tuple[TradeRow, ...], lang: str) -> str | None:
    """Which marks are parts of a year, and that they compare only with their
    like."""
    parts = {
        (SERIES_MARKS[series_kind(row)][1], row.through_month)
        for row in rows
        if row.through_month
    }
    if not parts:
        return None
    return t(
        lang,
        "trade.partial_note",
        symbols=" ".join(sorted(symbol for symbol, _ in parts)),
        months=", ".join(
            "–".join(month_span(month, lang, "wide"))
            for month in sorted({m for _, m in parts})
        ),
    )


def chart_notes(trip: Trip, rows: tuple[TradeRow, ...], lang: str) -> list[str]:
    """What a chart's reader must know beyond its title and unit, each only if
    it applies: derived values, parts of a year, years without figures, why
    values count as provisional, how a year was found. The app and the pack
    print the same notes."""
    figures = figures_of(trip, rows)
    notes = [
        t(lang, "trade.derived_note") if any(row.derived for row in rows) else None,
        partial_note(rows, lang),
        gap_note(rows, lang),
        provisional_note(figures, trip.source_by_id, lang),
        year_note(figures, lang),
    ]
    return [note for note in notes if note]
