"""Loading a trip's folder: every rule rejects bad data, in trips made in code
(tests/factory/); what the bundled trips hold is in test_facts_2023.py."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest

from tests.conftest import replace_in
from tests.factory import COPY
from trip.csv_files import read_csv
from trip.errors import DataFileError
from trip.i18n import t
from trip.loading import check_trip, load_trip
from trip.messages import message_values
from trip.schema import SCHEMA, key_field, references

ALPHA = "alpha,1,Alpha,Alpha,Alpha,DE,52.52,13.405,"
MEETING = "gamma-meeting,2031-03-09,2031-03-09,14:30,announced,gamma,FR,"


REFERENCE_NAMES = re.compile(r"(^|_)(source_ids?|stop_id|themes|confirmed_by)$")


@pytest.mark.parametrize("table", SCHEMA, ids=lambda table: table.file)
def test_every_field_that_names_an_id_is_a_declared_reference(table):
    """The loader checks only what the schema declares: a field that holds a
    source, stop or theme id without ``Ref`` would go unchecked."""
    fields = set(table.model.model_fields) - {key_field(table.model)}
    named = {field for field in fields if REFERENCE_NAMES.search(field)}
    assert named == set(references(table.model))


def test_a_local_copy_must_be_in_the_trip_s_folder(every_kind_copy):
    """A file out of the folder is refused even where it exists."""
    folder = every_kind_copy
    (folder.parent / "outside.txt").write_bytes((folder / COPY).read_bytes())
    replace_in(folder / "sources.csv", COPY, "../outside.txt")
    (problem,) = check_trip(folder)
    assert (problem.key, problem.file, problem.row, problem.field) == (
        "error.local_copy_missing",
        "sources.csv",
        2,
        "local_copy",
    )
    (folder / COPY).unlink()
    replace_in(folder / "sources.csv", "../outside.txt", COPY)
    assert [p.key for p in check_trip(folder)] == ["error.local_copy_missing"]


# (file, old, new, key, row, field, expected_key) in tests.factory's EVERY_KIND:
# stops alpha, beta, gamma on lines 2-4; the gamma meeting on programme line 9.
BROKEN = [
    (
        "stops.csv",
        ALPHA,
        ALPHA.replace("52.52", ""),
        "error.invalid_value",
        2,
        "lat",
        "expected.value",
    ),
    (
        "stops.csv",
        ALPHA,
        ALPHA.replace("52.52", "north"),
        "error.invalid_value",
        2,
        "lat",
        "expected.plain_number",
    ),
    (
        "stops.csv",
        ALPHA,
        ALPHA.replace("52.52", "95.1"),
        "error.invalid_value",
        2,
        "lat",
        "expected.max",
    ),
    (
        "stops.csv",
        ALPHA,
        ALPHA.replace("13.405", "-190"),
        "error.invalid_value",
        2,
        "lon",
        "expected.min",
    ),
    (
        "stops.csv",
        "Europe/Paris,announced",
        "Europe/Lyon,announced",
        "error.invalid_value",
        3,
        "timezone",
        "expected.timezone",
    ),
    ("stops.csv", "beta,2,", "alpha,2,", "error.duplicate_id", 3, "stop_id", None),
    (
        "program.csv",
        MEETING,
        MEETING.replace(",gamma,", ",omega,"),
        "error.unknown_reference",
        9,
        "stop_id",
        None,
    ),
    (
        "program.csv",
        "FR,theme-a;theme-c,",
        "FR,theme-a;robotics,",
        "error.unknown_reference",
        5,
        "themes",
        None,
    ),
    (
        "program.csv",
        ",DE,,reported,stated,",
        ",DE,,reported,sometimes,",
        "error.invalid_value",
        7,
        "basis",
        "expected.one_of",
    ),
    (
        "program.csv",
        "About gamma-meeting,,,,,synthetic-announcement",
        "About gamma-meeting,,,,,synthetic-announcement;nobody",
        "error.unknown_reference",
        9,
        "source_ids",
        None,
    ),
    (
        "program.csv",
        MEETING,
        MEETING.replace("2031-03-09,2031-03-09", "2031-03-11,2031-03-11"),
        "error.outside_trip",
        9,
        "date_start",
        None,
    ),
    (
        "program.csv",
        MEETING,
        MEETING.replace("2031-03-09,2031-03-09", "2031-03-09,09.03.2031"),
        "error.invalid_value",
        9,
        "date_end",
        "expected.iso_date",
    ),
    (
        "program.csv",
        MEETING,
        MEETING.replace(",gamma,", ",alpha,"),
        "error.country_mismatch",
        9,
        "country",
        None,
    ),
    (
        "trade.csv",
        "de-2030-export,DE,2030,export,500,",
        "de-2030-export,DE,2030,export,500 Mio,",
        "error.invalid_value",
        2,
        "value",
        "expected.plain_number",
    ),
    (
        "trade.csv",
        "3,true,true,synthetic-announcement",
        "3,yes please,true,synthetic-announcement",
        "error.invalid_value",
        2,
        "record",
        "expected.boolean",
    ),
    (  # a year called inferred must say how it was found
        "trade.csv",
        "inferred,Jahr erschlossen für fr-2027-volume,Year inferred for fr-2027-volume",
        "inferred,,",
        "error.invalid_value",
        6,
        None,  # the row as a whole
        "expected.inference",
    ),
    (  # December is the whole year: a part of a year ends before it
        "trade.csv",
        "synthetic-announcement,,,,,,,inferred",
        "synthetic-announcement,,,,,,12,inferred",
        "error.invalid_value",
        6,
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
        "Theme C,synthetic-announcement",
        "Theme C",
        "error.cell_count",
        4,
        None,
        None,
    ),
    (
        "delegation.csv",
        "12,false,synthetic-report",
        "12,false,",
        "error.invalid_value",
        3,
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
    every_kind_copy, file, old, new, key, row, field, expected_key
):
    replace_in(every_kind_copy / file, old, new)
    with pytest.raises(DataFileError) as caught:
        load_trip(every_kind_copy)
    error = caught.value
    assert (error.key, error.file, error.row, error.field) == (key, file, row, field)
    if expected_key:
        assert error.placeholders["expected_key"] == expected_key


def test_file_that_is_not_utf8_names_the_line(synthetic_copy):
    path = synthetic_copy / "stops.csv"
    path.write_bytes(path.read_bytes().replace(b"Alpha", "Älpha".encode("latin-1")))
    with pytest.raises(DataFileError) as caught:
        load_trip(synthetic_copy)
    assert (caught.value.key, caught.value.file, caught.value.row) == (
        "error.not_utf8",
        "stops.csv",
        2,
    )


@pytest.mark.parametrize("content", ["", "\n\n  \n"])
def test_empty_file_is_rejected(synthetic_copy, content):
    (synthetic_copy / "goods.csv").write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_trip(synthetic_copy)
    assert (caught.value.key, caught.value.file) == ("error.empty_file", "goods.csv")


def test_file_with_header_only_has_no_stops(synthetic_copy):
    path = synthetic_copy / "stops.csv"
    path.write_text(path.read_text("utf-8").splitlines()[0] + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_trip(synthetic_copy)
    assert (caught.value.key, caught.value.file) == ("error.no_rows", "stops.csv")


def test_missing_file_is_named(synthetic_copy):
    (synthetic_copy / "legs.csv").unlink()
    with pytest.raises(DataFileError) as caught:
        load_trip(synthetic_copy)
    assert (caught.value.key, caught.value.file) == ("error.file_missing", "legs.csv")


def test_inferred_item_must_say_why(every_kind_copy):
    replace_in(every_kind_copy / "program.csv", "Erschlossen für beta-visits", "")
    with pytest.raises(DataFileError) as caught:
        load_trip(every_kind_copy)
    assert (caught.value.row, caught.value.key) == (8, "error.invalid_value")
    for lang in ("de", "en"):
        assert "inference_de" in message_values(caught.value, lang)["expected"]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_error_message_reads_with_file_row_and_field(synthetic_copy, lang):
    replace_in(synthetic_copy / "stops.csv", ALPHA, ALPHA.replace("52.52", "95.1"))
    with pytest.raises(DataFileError) as caught:
        load_trip(synthetic_copy)
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
