"""``python -m trip check``: every problem of a trip's folder at once (issue 10)."""

from __future__ import annotations

import csv
import shutil
import sys

import pytest

from tests.conftest import replace_in
from tests.factory import COORDINATES, EVERY_KIND, REPORT
from trip.__main__ import main, terminal_lang
from trip.discovery import trip_ids
from trip.loading import check_trip
from trip.paths import TRIPS_DIR


@pytest.mark.parametrize("trip_id", trip_ids())
def test_every_bundled_trip_is_clean(trip_id, capsys):
    assert check_trip(TRIPS_DIR / trip_id) == []
    assert main(["check", str(TRIPS_DIR / trip_id), "--lang", "en"]) == 0
    assert "no problems" in capsys.readouterr().out


def test_several_folders_in_one_call(synthetic_copy, tmp_path, capsys):
    """CI checks every bundled folder in one process; one bad folder fails the
    call, and the folders after it are still checked."""
    clean = shutil.copytree(synthetic_copy, tmp_path / "clean")
    replace_in(synthetic_copy / "stops.csv", "52.52,13.405", "152.52,13.405")
    assert main(["check", str(synthetic_copy), str(clean), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "File: stops.csv · line: 2 · field: lat" in out
    assert f"{clean}: no problems." in out
    assert main(["check", str(clean), str(clean), "--lang", "en"]) == 0


def test_all_problems_in_all_files_at_once(synthetic_copy, capsys):
    folder = synthetic_copy
    replace_in(folder / "stops.csv", "52.52,13.405", "152.52,213.405")
    replace_in(folder / "themes.csv", "theme-b,", "Theme-B!,")
    (folder / "goods.csv").unlink()
    found = {(e.file, e.row, e.field) for e in check_trip(folder)}
    assert found == {
        ("stops.csv", 2, "lat"),
        ("stops.csv", 2, "lon"),
        ("themes.csv", 3, "theme_id"),
        ("goods.csv", None, None),
    }
    assert main(["check", str(folder), "--lang", "de"]) == 1
    out = capsys.readouterr().out
    assert "Datei: stops.csv · Zeile: 2 · Feld: lon" in out
    assert "Die Datei goods.csv fehlt im Datenordner." in out
    assert "4 Problem(e)" in out


def test_a_broken_reference_shows_once_the_files_read(synthetic_copy):
    replace_in(synthetic_copy / "program.csv", ",alpha,", ",atlantis,")
    found = {(e.file, e.field, e.value) for e in check_trip(synthetic_copy)}
    assert found == {("program.csv", "stop_id", "atlantis")}


def test_every_broken_reference_at_once(every_kind_copy):
    """References come from the schema (``Ref`` on the fields): renaming a theme
    and a source breaks every row that names them, in every file, all reported."""
    folder = every_kind_copy
    replace_in(folder / "themes.csv", "theme-c,", "steam,")
    replace_in(folder / "sources.csv", f"{COORDINATES},", "coordinates-2,")
    replace_in(folder / "delegation.csv", REPORT, "nobody")
    found = {(e.file, e.row, e.field, e.value) for e in check_trip(folder)}
    with (folder / "program.csv").open(encoding="utf-8") as program:
        with_theme = {
            ("program.csv", line, "themes", "theme-c")
            for line, row in enumerate(csv.DictReader(program), start=2)
            if "theme-c" in row["themes"].split(";")
        }
    assert len(with_theme) >= 2
    placed = {
        ("stops.csv", line, "coord_source_id", COORDINATES)
        for line in range(2, 2 + len(EVERY_KIND.places))
    }
    assert found == with_theme | placed | {("delegation.csv", 3, "source_id", "nobody")}


def test_ids_are_unique_in_their_file(synthetic_copy):
    replace_in(synthetic_copy / "stops.csv", "beta,2,", "alpha,2,")
    problems = check_trip(synthetic_copy)
    assert ("error.duplicate_id", "stops.csv", 3, "stop_id") in {
        (e.key, e.file, e.row, e.field) for e in problems
    }


@pytest.mark.parametrize(
    ("setting", "lang"),
    [("en_GB.UTF-8", "en"), ("de_DE.UTF-8", "de"), ("fr_FR.UTF-8", "de"), ("", "de")],
)
def test_the_check_speaks_the_terminal_s_language(monkeypatch, setting, lang):
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", setting)
    assert terminal_lang() == lang


def test_the_home_s_time_zone_must_be_known(synthetic_copy):
    replace_in(synthetic_copy / "trip.csv", "Europe/Berlin", "Europe/Dresden")
    (problem,) = check_trip(synthetic_copy)
    assert (problem.file, problem.row) == ("trip.csv", 2)
    assert problem.field == "home_timezone"


@pytest.mark.parametrize(
    ("called", "usage"),
    [
        (".venv/bin/trip", "usage: trip "),
        ("trip/__main__.py", "usage: python -m trip "),
    ],
)
def test_the_command_names_itself_as_it_was_called(monkeypatch, capsys, called, usage):
    monkeypatch.setattr(sys, "argv", [called, "--help"])
    with pytest.raises(SystemExit):
        main(["--help"])
    assert capsys.readouterr().out.startswith(usage)
