"""A chart's downloads: its table as CSV in the reader's spreadsheet convention,
and the chart as SVG and PNG with its title and sources drawn in, for a newsroom
that puts them in its own pages. Rendered offline (vl-convert), no browser."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

import pandas as pd

from trip.aggregate import Trip
from trip.i18n import t
from trip.labels import chart_title, source_citation
from trip.text import visible
from trip.trade import TradeChart
from trip.trade_chart import trade_chart_spec

IMAGE_PX = 520  # the image's plot width: a column of a news page
IMAGE_SCALE = 2  # PNG pixels per CSS pixel, sharp on a retina screen and in print
# Vega titles do not wrap: a line of the subtitle holds about this many
# characters of its 12 px font across the image's width.
SUBTITLE_CHARS = 96


@dataclass(frozen=True)
class CsvFormat:
    """How a spreadsheet in the reader's language reads a CSV without asking."""

    delimiter: str
    decimal: str
    # Excel decodes a CSV without a byte order mark as the system's ANSI code page
    # (Windows-1252): 'Südkorea' shows as 'SÃ¼dkorea'. English files carry it too,
    # since source names stay German ('Sächsisches Staatsministerium …');
    # pandas, LibreOffice, Numbers and Google Sheets read past it.
    bom: bool = True


# German Excel splits at ';' and reads '851,0' as a number; English at ',' and '.'.
CSV_FORMATS = {
    "de": CsvFormat(delimiter=";", decimal=","),
    "en": CsvFormat(delimiter=",", decimal="."),
}


def table_csv(table: pd.DataFrame, lang: str) -> bytes:
    """A chart's table (``trip.trade_text.trade_frame``, its text cells already
    guarded by ``csv_cell``) as CSV bytes for a spreadsheet in ``lang``: UTF-8,
    CRLF line ends (RFC 4180), numbers as numbers with the language's decimal
    mark, cells quoted only where the delimiter or a quote needs it."""
    form = CSV_FORMATS[lang]
    text = table.to_csv(
        index=False, sep=form.delimiter, decimal=form.decimal, lineterminator="\r\n"
    )
    return text.encode("utf-8-sig" if form.bom else "utf-8")


def download_name(chart_id: str, lang: str, extension: str) -> str:
    """'saxony-trade-exports-de.csv': one name per chart and language, the same
    for its CSV, SVG and PNG."""
    return f"saxony-trade-{chart_id}-{lang}.{extension}"


def image_spec(spec: dict[str, Any], title: str, notes: list[str]) -> dict[str, Any]:
    """A chart's Vega-Lite spec (as the page shows it) for a file of its own: a
    fixed width, and its title with the notes (unit, sources) as the subtitle,
    each wrapped to the image's width, so a copy carries what it shows and whose
    figures they are."""
    lines = [
        line
        for note in notes
        for line in textwrap.wrap(visible(note), SUBTITLE_CHARS, break_on_hyphens=False)
    ]
    return {
        **spec,
        "width": IMAGE_PX,
        "title": {
            "text": visible(title),
            "subtitle": lines,
            "anchor": "start",
            "fontSize": 16,
            "subtitleFontSize": 12,
            "subtitlePadding": 6,
            "offset": 12,
        },
    }


def trade_image_spec(chart: TradeChart, trip: Trip, lang: str) -> dict[str, Any]:
    """The trade chart the page shows, titled as on the page, with its unit and
    its sources by name (publisher and date, never an id) under the title."""
    source_ids = dict.fromkeys(s for row in chart.rows for s in row.source_ids)
    sources = "; ".join(
        source_citation(trip.source_by_id[source_id], lang) for source_id in source_ids
    )
    return image_spec(
        trade_chart_spec(chart, trip, lang),
        chart_title(chart, lang),
        [t(lang, "trade.unit_note"), t(lang, "source.line", sources=sources)],
    )


def trade_image(chart: TradeChart, trip: Trip, lang: str, kind: str) -> bytes:
    """The trade chart as an ``"svg"`` or ``"png"`` file: built when a reader asks
    for it (about 0.1 s each), never at a page's run."""
    spec = trade_image_spec(chart, trip, lang)
    return chart_svg(spec) if kind == "svg" else chart_png(spec)


def chart_svg(spec: dict[str, Any]) -> bytes:
    """The chart as an SVG file (vl-convert, offline; text stays text)."""
    import vl_convert

    return vl_convert.vegalite_to_svg(spec).encode("utf-8")


def chart_png(spec: dict[str, Any]) -> bytes:
    """The chart as a PNG file at ``IMAGE_SCALE`` (vl-convert, offline)."""
    import vl_convert

    return vl_convert.vegalite_to_png(spec, scale=IMAGE_SCALE)
