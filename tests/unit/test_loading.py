"""Loading data/: the bundled data loads, and every rule rejects bad data."""

from __future__ import annotations

import datetime as dt
import errno
import re
from pathlib import Path

import pytest

from tests.conftest import replace_in
from trip.csv_files import read_csv
from trip.discovery import default_trip_dir
from trip.errors import DataFileError
from trip.i18n import t
from trip.loading import check_trip, load_trip
from trip.messages import message_values
from trip.schema import SCHEMA, key_field, references

TOKYO = "tokyo,1,Tokio,Tokyo,東京,JP,35.68083,139.76694,"


def test_bundled_data_loads_with_six_stops_in_order():
    trip = load_trip()
    assert [s.stop_id for s in trip.stops] == [
        "tokyo",
        "sendai",
        "nagoya",
        "seoul",
        "ulsan",
        "hsinchu",
    ]
    assert trip.stop_by_id["hsinchu"].status == "added"
    assert (trip.first_day, trip.last_day) == (
        dt.date(2023, 9, 10),
        dt.date(2023, 9, 21),
    )


REFERENCE_NAMES = re.compile(r"(^|_)(source_ids?|stop_id|themes|confirmed_by)$")


@pytest.mark.parametrize("table", SCHEMA, ids=lambda table: table.file)
def test_every_field_that_names_an_id_is_a_declared_reference(table):
    """The loader checks only what the schema declares: a field that holds a
    source, stop or theme id without ``Ref`` would go unchecked."""
    fields = set(table.model.model_fields) - {key_field(table.model)}
    named = {field for field in fields if REFERENCE_NAMES.search(field)}
    assert named == set(references(table.model))


def test_a_local_copy_must_be_in_the_trip_s_folder(data_copy):
    replace_in(
        data_copy / "sources.csv",
        "sources/smwa-2023-09-08-press-release.txt",
        "../../../etc/passwd",
    )
    (problem,) = check_trip(data_copy)
    assert (problem.key, problem.file, problem.row, problem.field) == (
        "error.local_copy_missing",
        "sources.csv",
        2,
        "local_copy",
    )
    (data_copy / "sources" / "smwa-2023-09-08-press-release.txt").unlink()
    replace_in(
        data_copy / "sources.csv",
        "../../../etc/passwd",
        "sources/smwa-2023-09-08-press-release.txt",
    )
    assert [p.key for p in check_trip(data_copy)] == ["error.local_copy_missing"]


def test_press_release_copy_ships_with_the_project():
    trip = load_trip()
    seed = trip.source_by_id["smwa-pr-2023-09-08"]
    assert seed.local_copy
    text = (default_trip_dir() / seed.local_copy).read_text("utf-8")
    assert "851 Millionen Euro" in text


KOREA_YEAR_WHY = (
    "Die Mitteilung vom 27.03.2014 nennt kein Jahr, nur den Stand „derzeit“; "
    "angenommen ist das zuletzt abgeschlossene Jahr, 2013."
)
BROKEN = [
    # (file, old, new, key, row, field, expected_key)
    (
        "stops.csv",
        TOKYO,
        "tokyo,1,Tokio,Tokyo,東京,JP,,139.76694,",
        "error.invalid_value",
        2,
        "lat",
        "expected.value",
    ),
    (
        "stops.csv",
        TOKYO,
        "tokyo,1,Tokio,Tokyo,東京,JP,north,139.76694,",
        "error.invalid_value",
        2,
        "lat",
        "expected.plain_number",
    ),
    (
        "stops.csv",
        TOKYO,
        "tokyo,1,Tokio,Tokyo,東京,JP,95.1,139.76694,",
        "error.invalid_value",
        2,
        "lat",
        "expected.max",
    ),
    (
        "stops.csv",
        TOKYO,
        "tokyo,1,Tokio,Tokyo,東京,JP,35.68083,-190,",
        "error.invalid_value",
        2,
        "lon",
        "expected.min",
    ),
    (
        "stops.csv",
        "Asia/Seoul,announced",
        "Asia/Busan,announced",
        "error.invalid_value",
        5,
        "timezone",
        "expected.timezone",
    ),
    ("stops.csv", "sendai,2,", "tokyo,2,", "error.duplicate_id", 3, "stop_id", None),
    (
        "program.csv",
        ",seoul,KR,mobility,reported",
        ",osaka,KR,mobility,reported",
        "error.unknown_reference",
        13,
        "stop_id",
        None,
    ),
    (
        "program.csv",
        "JP,microelectronics;mobility;hydrogen",
        "JP,microelectronics;robotics",
        "error.unknown_reference",
        2,
        "themes",
        None,
    ),
    (
        "program.csv",
        ",hsinchu,TW,microelectronics,reported,stated",
        ",hsinchu,TW,microelectronics,reported,sometimes",
        "error.invalid_value",
        18,
        "basis",
        "expected.one_of",
    ),
    (
        "program.csv",
        "silicon-saxony-tsmc;dpa-tsmc",
        "silicon-saxony-tsmc;nobody",
        "error.unknown_reference",
        18,
        "source_ids",
        None,
    ),
    (
        "program.csv",
        "2023-09-21,2023-09-21,,,hsinchu",
        "2023-09-22,2023-09-22,,,hsinchu",
        "error.outside_trip",
        18,
        "date_start",
        None,
    ),
    (
        "program.csv",
        "2023-09-21,2023-09-21,,,hsinchu",
        "2023-09-21,21.09.2023,,,hsinchu",
        "error.invalid_value",
        18,
        "date_end",
        "expected.iso_date",
    ),
    (
        "program.csv",
        ",hsinchu,TW,",
        ",seoul,TW,",
        "error.country_mismatch",
        18,
        "country",
        None,
    ),
    (
        "trade.csv",
        "jp-2022-export,JP,2022,export,851,",
        "jp-2022-export,JP,2022,export,851 Mio,",
        "error.invalid_value",
        2,
        "value",
        "expected.plain_number",
    ),
    (
        "trade.csv",
        "17,true,true,smwa-pr-2023-09-08",
        "17,yes please,true,smwa-pr-2023-09-08",
        "error.invalid_value",
        2,
        "record",
        "expected.boolean",
    ),
    (  # a year called inferred must say how it was found
        "trade.csv",
        f'inferred,"{KOREA_YEAR_WHY}",',
        "inferred,,",
        "error.invalid_value",
        8,
        None,  # the row as a whole
        "expected.inference",
    ),
    (  # December is the whole year: a part of a year ends before it
        "trade.csv",
        "kr-2013-volume,KR,2013,volume,842,million,0,,18,,,smwa-2014-03-27,,,,,,",
        "kr-2013-volume,KR,2013,volume,842,million,0,,18,,,smwa-2014-03-27,,,,,,12",
        "error.invalid_value",
        8,
        "through_month",
        None,
    ),
    (
        "sources.csv",
        "source_id,publisher",
        "source_id,editor",
        "error.missing_column",
        1,
        "publisher",
        None,
    ),
    (
        "legs.csv",
        "country,date_start",
        "country,comment,date_start",
        "error.unknown_column",
        1,
        "comment",
        None,
    ),
    (
        "themes.csv",
        "Hydrogen,smwa-pr-2023-09-08",
        "Hydrogen",
        "error.cell_count",
        4,
        None,
        None,
    ),
    (
        "delegation.csv",
        "22,false,ulsanilbo-2023-09-21",
        "22,false,",
        "error.invalid_value",
        4,
        "source_id",
        "expected.value",
    ),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "key", "row", "field", "expected_key"),
    BROKEN,
    ids=[f"{case[0]}-{case[3]}-{case[5]}" for case in BROKEN],
)
def test_broken_file_names_file_row_and_field(
    data_copy, file, old, new, key, row, field, expected_key
):
    replace_in(data_copy / file, old, new)
    with pytest.raises(DataFileError) as caught:
        load_trip(data_copy)
    error = caught.value
    assert (error.key, error.file, error.row, error.field) == (key, file, row, field)
    if expected_key:
        assert error.placeholders["expected_key"] == expected_key


def test_file_that_is_not_utf8_names_the_line(data_copy):
    path = data_copy / "stops.csv"
    path.write_bytes(path.read_bytes().replace(b"Tokio", "Tökio".encode("latin-1")))
    with pytest.raises(DataFileError) as caught:
        load_trip(data_copy)
    assert (caught.value.key, caught.value.file, caught.value.row) == (
        "error.not_utf8",
        "stops.csv",
        2,
    )


@pytest.mark.parametrize("content", ["", "\n\n  \n"])
def test_empty_file_is_rejected(data_copy, content):
    (data_copy / "goods.csv").write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_trip(data_copy)
    assert (caught.value.key, caught.value.file) == ("error.empty_file", "goods.csv")


def test_file_with_header_only_has_no_stops(data_copy):
    path = data_copy / "stops.csv"
    path.write_text(path.read_text("utf-8").splitlines()[0] + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_trip(data_copy)
    assert (caught.value.key, caught.value.file) == ("error.no_rows", "stops.csv")


def test_missing_file_is_named(data_copy):
    (data_copy / "legs.csv").unlink()
    with pytest.raises(DataFileError) as caught:
        load_trip(data_copy)
    assert (caught.value.key, caught.value.file) == ("error.file_missing", "legs.csv")


def test_inferred_item_must_say_why(data_copy):
    replace_in(
        data_copy / "program.csv",
        "Die Quelle sagt »am Freitag« – das ist der 15.09.2023. "
        "Toyota (Aichi) liegt in der Region Nagoya, der angekündigten Station.",
        "",
    )
    with pytest.raises(DataFileError) as caught:
        load_trip(data_copy)
    assert (caught.value.row, caught.value.key) == (12, "error.invalid_value")
    for lang in ("de", "en"):
        assert "inference_de" in message_values(caught.value, lang)["expected"]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_error_message_reads_with_file_row_and_field(data_copy, lang):
    replace_in(
        data_copy / "stops.csv", TOKYO, "tokyo,1,Tokio,Tokyo,東京,JP,95.1,139.76694,"
    )
    with pytest.raises(DataFileError) as caught:
        load_trip(data_copy)
    values = message_values(caught.value, lang)
    message = t(lang, caught.value.key, **values)
    where = t(lang, "error.where", **values)
    assert "95.1" in message
    assert "90" in message
    assert "stops.csv" in where
    assert "2" in where
    assert "lat" in where


def test_a_file_that_cannot_be_read_is_its_own_named_error(tmp_path, monkeypatch):
    """Issue 18: an I/O or permission error is the file's problem, not an
    unexpected one (``OSError`` used to pass the loader)."""
    path = tmp_path / "stops.csv"
    path.write_text("stop_id\nx\n", encoding="utf-8")

    def fail(self):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(Path, "read_bytes", fail)
    with pytest.raises(DataFileError) as found:
        list(read_csv(path, ["stop_id"]))
    assert found.value.key == "error.unreadable"
    assert found.value.file == "stops.csv"
    assert found.value.value == "Input/output error"
