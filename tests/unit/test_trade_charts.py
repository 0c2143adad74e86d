"""The trade charts as drawn (issue 19): rendered to SVG offline (vl-convert,
as the pack draws them) and read back: years to scale, derived values drawn in
outline and dashed (not paler), values written on the marks, one colour per
country everywhere."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest
import vl_convert

from trip.charts import (
    COUNTRY_COLORS,
    DERIVED_DASH,
    LEGEND_GREY,
    gap_note,
    shown_value,
    trade_chart,
)
from trip.formatting import format_millions
from trip.loading import TRIPS_DIR, load_trip, trip_ids
from trip.trade import TradeRow, trade_charts, trade_countries

SVG = "{http://www.w3.org/2000/svg}"
CHARTS = [
    (trip_id, chart)
    for trip_id in trip_ids(TRIPS_DIR)
    for chart in trade_charts(load_trip(TRIPS_DIR / trip_id))
]


def drawn(trip_id: str, rows: tuple[TradeRow, ...], lang: str = "de"):
    trip = load_trip(TRIPS_DIR / trip_id)
    spec = trade_chart(rows, lang, trade_countries(trip)).properties(width=400)
    return ElementTree.fromstring(vl_convert.vegalite_to_svg(spec.to_dict()))


def marks(svg, kind: str) -> list:
    """The data marks of one kind (not the legends' layer, drawn in grey)."""
    return [
        path
        for group in svg.iter(f"{SVG}g")
        if {f"mark-{kind}", "role-mark"} <= set(group.get("class", "").split())
        for path in group.iter(f"{SVG}path")
        if path.get("d") and path.get("stroke") != LEGEND_GREY
    ]


def position(path) -> tuple[float, float]:
    x, y = re.match(r"translate\(([-\d.]+),([-\d.]+)\)", path.get("transform")).groups()
    return float(x), float(y)


HISTORIES = [(trip_id, c) for trip_id, c in CHARTS if c.country]


@pytest.mark.parametrize(("trip_id", "chart"), HISTORIES, ids=lambda v: str(v)[:30])
def test_a_history_puts_years_to_scale(trip_id, chart):
    """Before: 1997, 2016, 2021 and 2022 stood evenly spaced on a category axis."""
    svg = drawn(trip_id, chart.rows)
    rows = [row for row in chart.rows if row.flow == "export"]
    points = marks(svg, "symbol")
    heights = sorted({round(position(p)[1], 3) for p in points}, reverse=True)
    years = sorted({row.year for row in chart.rows})
    assert len(heights) == len(years)
    assert len(rows) >= 2
    first, last = years[0], years[-1]
    per_year = (heights[0] - heights[-1]) / (last - first)
    for year, height in zip(years, heights, strict=True):
        assert heights[0] - height == pytest.approx((year - first) * per_year, abs=0.01)


@pytest.mark.parametrize(("trip_id", "chart"), CHARTS, ids=lambda v: str(v)[:30])
def test_derived_values_are_outlined_and_dashed_not_paler(trip_id, chart):
    svg = drawn(trip_id, chart.rows)
    shapes = marks(svg, "rect") + marks(svg, "symbol")
    derived = sum(row.derived for row in chart.rows)
    outlined = [
        shape
        for shape in shapes
        if shape.get("fill-opacity") == "0"
        and shape.get("stroke-dasharray") == ",".join(map(str, DERIVED_DASH))
    ]
    solid = [shape for shape in shapes if shape.get("fill-opacity", "1") == "1"]
    assert len(outlined) == derived
    assert len(solid) == len(chart.rows) - derived
    # Every mark in a country's own colour: no lighter shade stands for "derived".
    assert {shape.get("stroke") for shape in shapes} <= set(COUNTRY_COLORS)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize(("trip_id", "chart"), CHARTS, ids=lambda v: str(v)[:30])
def test_every_value_is_written_on_the_chart(trip_id, chart, lang):
    svg = drawn(trip_id, chart.rows, lang)
    text = " ".join("".join(node.itertext()) for node in svg.iter(f"{SVG}text"))
    for row in chart.rows:
        if chart.country is None:  # the comparison: year, value, rank
            written = [str(row.year), shown_value(row, lang)]
            written += [str(row.rank)] if row.rank is not None else []
        else:  # a history: the value in millions beside its year's row
            written = [format_millions(row.value_eur, lang, 0 if row.derived else 1)]
        for words in written:
            assert words.replace(" ", "\u00a0") in text.replace(" ", "\u00a0")


def test_a_country_keeps_its_colour_in_every_chart():
    trip_id, trip = "2023-japan-korea", load_trip(TRIPS_DIR / "2023-japan-korea")
    colours = {}
    for chart in trade_charts(trip):
        svg = drawn(trip_id, chart.rows)
        for country in chart.countries:
            index = trade_countries(trip).index(country)
            colours.setdefault(country, COUNTRY_COLORS[index])
        strokes = {s.get("stroke") for s in marks(svg, "rect") + marks(svg, "symbol")}
        assert strokes == {colours[country] for country in chart.countries}


def test_the_gaps_are_named():
    trip = load_trip(TRIPS_DIR / "2023-japan-korea")
    history = next(chart for chart in trade_charts(trip) if chart.country == "JP")
    assert gap_note(history.rows, "en") == (
        "The sources give no figures for the other years; the chart leaves them "
        "as a gap. Missing – Exports: 1998–2015, 2017–2020; Imports: 1998–2015."
    )
