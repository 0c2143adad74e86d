"""Issue 7: data and links that used to crash, inject or stay stale, in the app.

Each broken file ends as the one panel naming file, line and field, in German and
English, never as Streamlit's bare "This app has encountered an error". The app
serves one trip made in code (tests.factory's two-country shape), edited in place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.app.conftest import as_read, open_app, page_text
from tests.conftest import replace_in
from tests.corpus import URL
from tests.factory import SHAPES, write_trips
from trip.i18n import catalog
from trip.text import quote

Break = Callable[[Path], None]
SHAPE = SHAPES[0]  # two countries, exports with growth and rank, no imports


@pytest.fixture(autouse=True)
def trip_folder(tmp_path, monkeypatch) -> Path:
    """The served trip's folder, the only trip in the app's trips folder."""
    root = write_trips(tmp_path / "trips", SHAPE)
    monkeypatch.setenv("TRIPS_DIR", str(root))
    return root / SHAPE.trip_id


def edit(file: str, old: str, new: str, count: int = 1) -> Break:
    def apply(data: Path) -> None:
        text = (data / file).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {file}"
        (data / file).write_text(text.replace(old, new, count), encoding="utf-8")

    return apply


def header_only(file: str) -> Break:
    def apply(data: Path) -> None:
        path = data / file
        path.write_text(path.read_text("utf-8").splitlines()[0] + "\n", "utf-8")

    return apply


def no_rows(table: str) -> Break:
    """A fact file with its header only, and with it the quotes for its rows (a
    quote of a row that is gone is an error of its own)."""

    def apply(data: Path) -> None:
        header_only(f"{table}.csv")(data)
        quotes = (data / "quotes.csv").read_text("utf-8").splitlines(keepends=True)
        kept = [line for line in quotes if not line.startswith(f"{table},")]
        (data / "quotes.csv").write_text("".join(kept), "utf-8")

    return apply


def append_rows(file: str, row: str, times: int) -> Break:
    def apply(data: Path) -> None:
        with (data / file).open("a", encoding="utf-8") as handle:
            handle.write(row * times)

    return apply


DE_2030 = "de-2030-export,DE,2030,export,500,million,0,25,3"
ALPHA = "alpha,1,Alpha,Alpha,Alpha,DE,52.52,"
PLACES_URL = "https://example.org/places"  # the coordinates' source, line 3
FIRST_TITLE = "Besuch in Alpha"
# (break, file, line, field) as the panel must name them
CASES = {
    "growth_minus_100": (
        edit("trade.csv", DE_2030, DE_2030.replace(",25,", ",-100,")),
        "trade.csv",
        "2",
        "growth_pct",
    ),
    "value_inf": (
        edit("trade.csv", DE_2030, DE_2030.replace(",500,", ",inf,")),
        "trade.csv",
        "2",
        "value",
    ),
    "growth_nan": (
        edit("trade.csv", DE_2030, DE_2030.replace(",25,", ",NaN,")),
        "trade.csv",
        "2",
        "growth_pct",
    ),
    "lat_nan": (
        edit("stops.csv", ALPHA, ALPHA.replace("52.52", "nan")),
        "stops.csv",
        "2",
        "lat",
    ),
    "nul_in_title": (
        edit("program.csv", FIRST_TITLE, FIRST_TITLE.replace("such", "\x00")),
        "program.csv",
        "2",
        "title_de",
    ),
    "bidi_in_name": (
        edit("stops.csv", ALPHA, ALPHA.replace("1,Alpha", "1,Al\u202epha")),
        "stops.csv",
        "2",
        "name_de",
    ),
    "javascript_url": (
        edit("sources.csv", PLACES_URL, "javascript:alert(1)//"),
        "sources.csv",
        "3",
        "url",
    ),
    "long_cell": (
        edit("program.csv", FIRST_TITLE, "x" * 3_000),
        "program.csv",
        "2",
        "title_de",
    ),
    "cell_over_csv_limit": (
        edit("program.csv", FIRST_TITLE, "x" * 200_000),
        "program.csv",
        "2",
        "–",
    ),
    "fifty_megabytes": (
        append_rows(
            "goods.csv", "DE,2030,9,machinery,synthetic-announcement\n", 1_250_000
        ),
        "goods.csv",
        "–",
        "–",
    ),
}
WHERE = {
    "de": "Datei: {} · Zeile: {} · Feld: {}",
    "en": "File: {} · line: {} · field: {}",
}
ENGLISH = re.compile(r"\b(expected|should|Input|Value error|at most|or)\b")


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("case", list(CASES))
def test_broken_data_shows_the_panel_not_a_crash(trip_folder, case, lang):
    breaks, file, line, field = CASES[case]
    breaks(trip_folder)
    at = open_app(lang=lang)
    assert not at.exception
    assert len(at.error) == 1
    panel = as_read(at.error[0].value)
    assert WHERE[lang].format(file, line, field) in panel
    assert len(panel) < 1_000  # the bad value is quoted, not shown whole
    if lang == "de":
        assert not ENGLISH.search(panel), panel
    assert not at.get("component_instance")  # nothing else is drawn


LEGAL_GAPS = {
    "no_trade_figures": (no_rows("trade"), "overview", "trade.none"),
    # Only imports: the cards lead with them, under a heading that says so.
    "no_export_figures": (
        edit("trade.csv", ",export,", ",import,", count=-1),
        "overview",
        "trade.title_both",
    ),
    "no_announced_leg": (
        edit("legs.csv", ",announced,", ",reported,", count=-1),
        "overview",
        "app.dateline_reported",
    ),
    "no_trade_charts": (no_rows("trade"), "trade", "trade.none"),
}


@pytest.mark.parametrize("case", list(LEGAL_GAPS))
def test_a_trip_may_lack_figures_or_an_announcement(trip_folder, case):
    """Earlier trips have no trade figures or no announcement: the pages say so
    instead of failing (these were load errors while one trip was assumed)."""
    breaks, page, key = LEGAL_GAPS[case]
    breaks(trip_folder)
    at = open_app(page, lang="en")
    assert not at.exception
    assert not at.error
    # The message's longest literal part ("(as reported)", "The sources of …").
    expected = max(re.split(r"\{[^}]*\}", catalog("en")[key]), key=len).strip(" *")
    assert len(expected) > 8
    assert expected in page_text(at)


def test_basemap_nested_deeper_than_any_map_gives_the_panel(tmp_path, monkeypatch):
    deep = tmp_path / "deep.geojson"
    deep.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    monkeypatch.setenv("TRIP_BASEMAP", str(deep))
    at = open_app(lang="en")
    assert not at.exception
    assert "nested more than 16 levels deep" in as_read(at.error[0].value)


def test_missing_file_does_not_show_the_servers_path(trip_folder):
    (trip_folder / "themes.csv").unlink()
    panel = as_read(open_app().error[0].value)
    assert "themes.csv" in panel
    assert str(trip_folder.parent) not in panel


def test_an_unexpected_error_ends_as_a_translated_panel(monkeypatch):
    import components.trade

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(components.trade, "render_trade_cards", broken)
    for lang, words in (("de", "unerwarteter Fehler"), ("en", "unexpected error")):
        at = open_app(lang=lang)
        assert not at.exception
        assert words in as_read(at.error[0].value)
        assert "a bug" not in page_text(at)


def test_edited_data_shows_on_the_next_rerun(trip_folder):
    """Regression (issue 7): the cache was keyed on the folder, so no edit showed
    until the server restarted."""
    stops = trip_folder / "stops.csv"
    at = open_app(lang="de")
    assert "Alpha-Hauptstadt" not in page_text(at)
    replace_in(stops, "1,Alpha,", "1,Alpha-Hauptstadt,")  # the German name
    at.run()
    assert "Alpha-Hauptstadt" in page_text(at)
    replace_in(stops, ",52.52,", ",152.52,")  # broken: lat > 90
    at.run()  # an edit half saved: the last good version stays (issue 18)
    assert not at.exception
    assert not at.error
    assert "Alpha-Hauptstadt" in page_text(at)
    replace_in(stops, ",152.52,", ",52.52,")
    replace_in(stops, "Alpha-Hauptstadt,", "Alpha-Mitte,")
    at.run()
    assert not at.error
    assert "Alpha-Mitte" in page_text(at)


def test_many_unknown_parameters_give_one_bounded_notice():
    params = {f"p{number}": "x" for number in range(300)}
    at = open_app(lang="en", stop="y" * 10_000, **params)
    notices = [as_read(warning.value) for warning in at.warning]
    assert len(notices) == 1  # one box: a line for the 300 names, one for the stop
    names, stop = notices[0].split("\n")
    assert "300 link parameters are unknown" in names
    assert "295 more" in names
    assert "y" * 60 not in stop
    assert "y" * 50 in stop
    assert len(notices[0]) < 600


@pytest.mark.parametrize("payload", list(URL), ids=list(URL))
def test_link_text_shows_as_text(payload):
    """Names and values from a link are quoted, bounded, as literal text; what the
    browser makes of the Markdown is checked in tests/e2e/test_hostile.py."""
    value = URL[payload]
    name = value[:30].strip() or "x"
    at = open_app(lang="en", stop=value, **{name: "1"})
    assert not at.exception
    shown = as_read("\n".join(warning.value for warning in at.warning))
    assert f"“{quote(name, 40)}”" in shown
    assert f"“{quote(value, 60)}”" in shown


def test_a_reader_arriving_during_a_save_gets_the_last_good_version(trip_folder):
    """Issue 18: an editor saving stops.csv in place (the file cut short for a
    moment); a reader who opens the app then sees the trip, not the error panel."""
    assert not open_app(lang="en").error
    path = trip_folder / "stops.csv"
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])  # the first half written so far
    reader = open_app(lang="en")
    assert not reader.exception
    assert not reader.error
    last = SHAPE.places[-1].stop_id.title()  # its line is in the half not written
    assert last.lower() not in path.read_text("utf-8")
    assert last in page_text(reader)
    path.write_bytes(whole)
    assert not open_app(lang="en").error
