"""The trade charts as drawn (issue 19): rendered to SVG offline (vl-convert,
as the pack draws them) and read back: years to scale, derived values drawn in
outline and dashed (not paler), values written on the marks, one colour per
country everywhere."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest
import vl_convert

from tests.factory import SOURCE
from trip.aggregate import Trip
from trip.discovery import trip_ids
from trip.formatting import format_millions
from trip.labels import chart_title
from trip.loading import load_trip
from trip.paths import TRIPS_DIR
from trip.trade import TradeRow, trade_charts, trade_countries
from trip.trade_chart import trade_chart, trade_chart_spec
from trip.trade_marks import COUNTRY_COLORS, DERIVED_DASH, LEGEND_GREY
from trip.trade_text import (
    SERIES_MARKS,
    chart_notes,
    gap_note,
    shown_value,
    value_notes,
)

SVG = "{http://www.w3.org/2000/svg}"
BUNDLED = {trip_id: load_trip(TRIPS_DIR / trip_id) for trip_id in trip_ids(TRIPS_DIR)}
CHARTS = [
    (trip_id, chart)
    for trip_id, trip in BUNDLED.items()
    for chart in trade_charts(trip)
]


@pytest.fixture(scope="module")
def trip(every_kind_trip):
    """tests.factory's EVERY_KIND: exports to two countries with derived years,
    imports, gaps in Germany's history and a volume whose year is inferred."""
    return every_kind_trip


def drawn(trip: Trip, rows: tuple[TradeRow, ...], lang: str = "de"):
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


# Histories that span years: a scale needs two (the 2015 trip has one figure).
HISTORIES = [(trip_id, c) for trip_id, c in CHARTS if c.country and len(c.years) > 1]


@pytest.mark.parametrize(("trip_id", "chart"), HISTORIES, ids=lambda v: str(v)[:30])
def test_a_history_puts_years_to_scale(trip_id, chart):
    """Before: 1997, 2016, 2021 and 2022 stood evenly spaced on a category axis."""
    svg = drawn(BUNDLED[trip_id], chart.rows)
    points = marks(svg, "symbol")
    heights = sorted({round(position(p)[1], 3) for p in points}, reverse=True)
    years = sorted({row.year for row in chart.rows})
    assert len(heights) == len(years)
    first, last = years[0], years[-1]
    per_year = (heights[0] - heights[-1]) / (last - first)
    for year, height in zip(years, heights, strict=True):
        assert heights[0] - height == pytest.approx((year - first) * per_year, abs=0.01)


@pytest.mark.parametrize(("trip_id", "chart"), CHARTS, ids=lambda v: str(v)[:30])
def test_derived_values_are_outlined_and_dashed_not_paler(trip_id, chart):
    svg = drawn(BUNDLED[trip_id], chart.rows)
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
    svg = drawn(BUNDLED[trip_id], chart.rows, lang)
    text = " ".join("".join(node.itertext()) for node in svg.iter(f"{SVG}text"))
    for row in chart.rows:
        if chart.country is None:  # the comparison: year, value, rank
            written = [str(row.year), shown_value(row, lang)]
            written += [str(row.rank)] if row.rank is not None else []
        else:  # a history: the value in millions beside its year's row, with
            # the rank the source gives (Korea's trade volume: "Rang 18")
            written = [format_millions(row.value_eur, lang, 0 if row.derived else 1)]
            written += [value_notes(row, lang).replace("\n", ", ")] if row.rank else []
        for words in written:
            assert words.replace(" ", "\u00a0") in text.replace(" ", "\u00a0")


def test_a_country_keeps_its_colour_in_every_chart(trip):
    colours = {}
    charts = trade_charts(trip)
    assert len(charts) == 3  # the comparison and each country's history
    for chart in charts:
        svg = drawn(trip, chart.rows)
        for country in chart.countries:
            index = trade_countries(trip).index(country)
            colours.setdefault(country, COUNTRY_COLORS[index])
        strokes = {s.get("stroke") for s in marks(svg, "rect") + marks(svg, "symbol")}
        assert strokes == {colours[country] for country in chart.countries}
    assert len(set(colours.values())) == 2


def test_the_gaps_are_named(trip):
    history = next(chart for chart in trade_charts(trip) if chart.country == "DE")
    assert gap_note(history.rows, "en") == (
        "The sources give no figures for the other years; the chart leaves them "
        "as a gap. Missing – Exports: 2023–2025, 2027–2028; Imports: 2028–2029."
    )


def test_a_part_of_a_year_is_a_series_and_a_chart_of_its_own():
    """Issue 19, item 1: "January to September 2016" (613 M€) is not drawn as
    2016 beside the whole year (809 M€): it has its own chart, compared with
    the same months of 2015 (derived from its +5 %), its own shapes and a
    title that says which months."""
    trip = load_trip(TRIPS_DIR / "2017-japan")
    whole, part = trade_charts(trip)
    assert {row.through_month for row in whole.rows} == {None}
    assert {row.through_month for row in part.rows} == {9}
    assert [(r.flow, r.year, r.derived) for r in part.rows] == [
        ("export", 2015, True),
        ("export", 2016, False),
        ("import", 2015, True),
        ("import", 2016, False),
    ]
    assert chart_title(part, "de") == (
        "Handel mit Japan, jeweils Januar–September, 2015 bis 2016 (Mio. €)"
    )
    spec = trade_chart(part.rows, "de").to_dict()
    shapes = next(
        layer["encoding"]["shape"]["scale"]
        for layer in spec["layer"]
        if "shape" in layer.get("encoding", {})
    )
    assert shapes == {
        "domain": ["Ausfuhr, Jan.–Sept.", "Einfuhr, Jan.–Sept."],
        "range": ["triangle-up", "triangle-down"],
    }
    whole_shapes = {SERIES_MARKS[(flow, False)][0] for flow in ("export", "import")}
    assert not set(shapes["range"]) & whole_shapes


def test_a_trade_volume_stands_in_its_country_s_history(trip):
    """Issue 19: a trade volume whose year the source does not name stands in
    the country's history with its own shape, its rank on the chart and how its
    year was found under it."""
    france = next(chart for chart in trade_charts(trip) if chart.country == "FR")
    volume = next(row for row in france.rows if row.flow == "volume")
    assert (volume.year, volume.value_eur, volume.rank) == (2027, 610e6, 9)
    assert volume.year_inferred
    assert volume.source_ids == (SOURCE,)
    text = " ".join(
        "".join(n.itertext()) for n in drawn(trip, france.rows).iter(f"{SVG}text")
    )
    assert "■ 610 · Rang 9" in text
    assert "Handelsvolumen" in text  # the legend names the square
    notes = chart_notes(trip, france.rows, "de")
    assert "Jahr erschlossen – Handelsvolumen 2027: Jahr erschlossen für " in (
        " ".join(notes)
    )
    spec = trade_chart_spec(france, trip, "en")
    assert spec["description"].startswith(
        "Exports to France fell from about €442 million in 2029 to €420 million "
        "in 2030; exports and imports with France combined were €610 million in "
        "2027 (year inferred)."
    )


@pytest.mark.parametrize(("trip_id", "chart"), CHARTS, ids=lambda v: str(v)[:30])
def test_padding_stays_an_object_streamlit_writes_into(trip_id, chart):
    """Streamlit's frontend sets ``padding.bottom`` on the spec: a number there
    ("padding": 5) stopped every trade chart from drawing."""
    spec = trade_chart_spec(chart, BUNDLED[trip_id], "de")
    assert isinstance(spec["padding"], dict)
