"""A trip is data: no code and no catalog text names anything of one trip (issue 10).

The ids, names, countries and years come from every bundled trip's own files, so
a new trip extends the check by itself.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from trip.discovery import trip_ids
from trip.formatting import country_name
from trip.i18n import LANGS, catalog
from trip.loading import load_trip
from trip.paths import TRIPS_DIR
from trip.schema import SCHEMA, key_field

ROOT = Path(__file__).resolve().parents[2]
CODE = sorted(
    [ROOT / "app.py"]
    + [
        p
        for folder in ("pages", "components", "trip")
        for p in (ROOT / folder).rglob("*")
    ]
)
CODE = [p for p in CODE if p.suffix in (".py", ".j2", ".css", ".js")]


def trip_words() -> dict[str, str]:
    """word -> what it is, for every bundled trip: every id of every file (the
    schema's keys), stop, theme and goods names, countries, years and the home."""
    words = {}
    for trip_id in trip_ids():
        trip = load_trip(TRIPS_DIR / trip_id)
        words[trip_id] = "trip id"
        for table in SCHEMA:
            key = key_field(table.model)
            rows = getattr(trip, table.name) if table.name != "trip" else ()
            for row in rows if key else ():
                words[getattr(row, key)] = f"{table.name} id"
        for stop in trip.stops:
            words |= {stop.name_de: "stop", stop.name_en: "stop"}
            words[stop.name_local] = "stop"
        for theme in trip.themes:
            words |= {theme.name_de: "theme", theme.name_en: "theme"}
        for group in trip.goods:
            words |= {
                group.group: "goods id",
                group.name_de: "goods",
                group.name_en: "goods",
            }
        for country in {leg.country for leg in trip.legs} | {
            s.country for s in trip.stops
        }:
            words[country] = "country"
            words |= {country_name(country, lang): "country" for lang in LANGS}
        for day in (trip.first_day, trip.last_day):
            words[str(day.year)] = "year"
        words |= {trip.info.home_de: "home", trip.info.home_en: "home"}
        words |= {trip.info.region_de: "region", trip.info.region_en: "region"}
    return words


WORDS = trip_words()


def string_constants(path: Path) -> list[str]:
    """The strings code acts on; docstrings (examples for readers) are left out."""
    text = path.read_text("utf-8")
    if path.suffix != ".py":
        return [text]
    tree = ast.parse(text)
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def named(text: str) -> list[str]:
    """The trip words ``text`` contains as whole words (so "de" is not "JP")."""
    return [
        word
        for word in WORDS
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)
    ]


def test_the_check_knows_the_bundled_trips():
    assert {"tokyo", "microelectronics", "JP", "Dresden", "2017"} <= set(WORDS)


def test_the_check_finds_a_named_stop():
    """The check itself must be able to fail."""
    assert named('if stop.stop_id == "tokyo":') == ["tokyo"]
    assert set(named("Ausfuhren nach Japan, 2023")) == {"Japan", "2023"}
    assert named("stop-tokyo-2 or de or en") == []


@pytest.mark.parametrize("path", CODE, ids=lambda p: str(p.relative_to(ROOT)))
def test_code_names_no_trip(path):
    found = {
        word: WORDS[word]
        for constant in string_constants(path)
        for word in named(constant)
    }
    assert not found, f"{path.name} names {found}"


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_names_no_trip(lang):
    found = {key: named(text) for key, text in catalog(lang).items() if named(text)}
    assert not found
