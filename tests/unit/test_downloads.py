"""A chart's downloads (issue 19, item 5): CSV a spreadsheet in the reader's
language opens in columns, and SVG/PNG that carry their title and sources."""

from __future__ import annotations

import csv
import io
import re
import struct
from xml.etree import ElementTree

import pytest

from tests.factory import Figure, TripSpec, write_trip
from trip.discovery import trip_ids
from trip.downloads import (
    CSV_FORMATS,
    IMAGE_PX,
    IMAGE_SCALE,
    SUBTITLE_CHARS,
    chart_png,
    chart_svg,
    image_spec,
    table_csv,
    trade_image_spec,
)
from trip.formatting import country_name
from trip.i18n import LANGS, t
from trip.labels import chart_title, source_citation
from trip.loading import load_trip
from trip.paths import TRIPS_DIR
from trip.trade import trade_charts
from trip.trade_text import millions, trade_frame

BOM = b"\xef\xbb\xbf"
SVG = "{http://www.w3.org/2000/svg}"


def bundled_charts() -> list[tuple[str, str]]:
    """(trip id, chart id) of every trade chart of every bundled trip."""
    return [
        (trip_id, chart.chart_id)
        for trip_id in trip_ids()
        for chart in trade_charts(load_trip(TRIPS_DIR / trip_id))
    ]


CHARTS = bundled_charts()


def chart_of(trip_id: str, chart_id: str):
    trip = load_trip(TRIPS_DIR / trip_id)
    return trip, next(c for c in trade_charts(trip) if c.chart_id == chart_id)


def parse(data: bytes, lang: str) -> list[list[str]]:
    """The CSV read back as the declared dialect says (BOM, delimiter)."""
    form = CSV_FORMATS[lang]
    assert data.startswith(BOM) == form.bom
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=form.delimiter))


# Figures for two countries, one with an umlaut, and a value derived from growth.
TWO_COUNTRIES = TripSpec(
    trip_id="two-countries",
    figures=[Figure("DE", 2030, 500, growth_pct=25), Figure("AT", 2030, 420)],
)


@pytest.fixture(scope="module")
def two_countries(tmp_path_factory):
    """A trip made in code and its comparison chart."""
    folder = write_trip(tmp_path_factory.mktemp("downloads"), TWO_COUNTRIES)
    trip = load_trip(folder)
    return trip, trade_charts(trip)[0]


def test_de_csv_opens_in_german_excel_in_columns_with_umlauts(two_countries):
    trip, chart = two_countries
    table = trade_frame(chart.rows, trip.source_by_id, "de")
    data = table_csv(table, "de")
    assert data.startswith(BOM + t("de", "trade.col.country").encode() + b";")
    assert b"\r\n" in data
    header, *rows = parse(data, "de")
    assert header == list(table.columns)
    assert all(len(row) == len(header) for row in rows)
    country = header.index(t("de", "trade.col.country"))
    assert country_name("AT", "de") in {row[country] for row in rows}  # Österreich
    value = header.index(t("de", "trade.col.value"))
    for row, trade_row in zip(rows, chart.rows, strict=True):
        assert re.fullmatch(r"\d+,\d", row[value]), row[value]  # '500,0'
        assert float(row[value].replace(",", ".")) == millions(trade_row)


def test_en_csv_has_commas_and_decimal_points(two_countries):
    trip, chart = two_countries
    table = trade_frame(chart.rows, trip.source_by_id, "en")
    header, *rows = parse(table_csv(table, "en"), "en")
    assert header == list(table.columns)
    value = header.index(t("en", "trade.col.value"))
    assert [float(row[value]) for row in rows] == [millions(r) for r in chart.rows]
    assert all(re.fullmatch(r"\d+\.\d", row[value]) for row in rows)


@pytest.mark.parametrize("lang", LANGS)
def test_csv_names_sources_never_ids(two_countries, lang):
    trip, chart = two_countries
    header, *rows = parse(
        table_csv(trade_frame(chart.rows, trip.source_by_id, lang), lang), lang
    )
    cells = [row[header.index(t(lang, "trade.col.source"))] for row in rows]
    for row, cell in zip(chart.rows, cells, strict=True):
        for source_id in row.source_ids:
            assert source_id not in cell
            assert source_citation(trip.source_by_id[source_id], lang) in cell


@pytest.mark.parametrize("lang", LANGS)
def test_csv_keeps_a_formula_as_text(two_countries, lang):
    trip, chart = two_countries
    source_id = chart.rows[0].source_ids[0]
    sources = dict(trip.source_by_id)
    sources[source_id] = sources[source_id].model_copy(
        update={"publisher": '=HYPERLINK("http://evil.example","x")'}
    )
    header, *rows = parse(table_csv(trade_frame(chart.rows, sources, lang), lang), lang)
    cell = rows[0][header.index(t(lang, "trade.col.source"))]
    assert cell.startswith("'=HYPERLINK(")


def svg_text(svg: bytes) -> str:
    """Every text of the image, in drawing order, one space between them and
    between the lines (``tspan``) of a text."""
    root = ElementTree.fromstring(svg)
    return " ".join(" ".join(node.itertext()) for node in root.iter(f"{SVG}text"))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("trip_id", "chart_id"), CHARTS)
def test_svg_has_title_unit_and_sources(trip_id, chart_id, lang):
    trip, chart = chart_of(trip_id, chart_id)
    drawn = svg_text(chart_svg(trade_image_spec(chart, trip, lang)))
    assert chart_title(chart, lang) in drawn
    assert t(lang, "trade.unit_note") in drawn
    source_ids = dict.fromkeys(s for row in chart.rows for s in row.source_ids)
    sources = "; ".join(source_citation(trip.source_by_id[s], lang) for s in source_ids)
    assert t(lang, "source.line", sources=sources) in drawn
    assert not any(source_id in drawn for source_id in source_ids)


def test_png_is_a_png_of_the_image_width(two_countries):
    trip, chart = two_countries
    png = chart_png(trade_image_spec(chart, trip, "de"))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    assert IMAGE_PX * IMAGE_SCALE <= width <= (IMAGE_PX + 200) * IMAGE_SCALE
    assert width // 3 < height < width * 2


def test_image_subtitle_wraps_long_source_lines():
    """A long source line breaks into lines a 520 px image holds: Vega does
    not wrap titles, and a cut line would drop a source."""
    long = "Quelle: " + "; ".join(["Sächsisches Staatsministerium, 08.09.2023"] * 5)
    spec = image_spec({"mark": "bar"}, "Titel", [long])
    lines = spec["title"]["subtitle"]
    assert len(lines) > 1
    assert all(len(line) <= SUBTITLE_CHARS for line in lines)
    assert " ".join(lines) == long
