"""Strict where it matters (issue 18): what pydantic's lax parsing took, a cell
that hides characters, German Excel's semicolons, symlinks and paths the process
cannot read are each that trip's named error; an edit is noticed by content."""

from __future__ import annotations

import csv
import errno
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import replace_in
from tests.factory import EVERY_KIND
from trip.__main__ import main
from trip.discovery import default_trip_dir, trip_ids
from trip.errors import DataFileError
from trip.index import look
from trip.loading import check_trip, load_trip
from trip.versions import files_fingerprint

STOP = "alpha,1,Alpha,Alpha,Alpha,DE,52.52,13.405,"
LEG = "de,DE,2031-03-02,2031-03-02,"
TRIP_ZONE = ",Dresden,Dresden,Europe/Berlin,"
THEME = "theme-a,1,Thema A,"

# (file, text in tests.factory's trip, what an editor wrote instead, field, expected)
LAX = [
    (
        "legs.csv",
        LEG,
        "de,DE,2031-03-02T00:00:00,2031-03-02,",
        "date_start",
        "iso_date",
    ),
    ("legs.csv", LEG, "de,DE,1930176000,2031-03-02,", "date_start", "iso_date"),
    ("legs.csv", LEG, "de,DE,2031-3-2,2031-03-02,", "date_start", "iso_date"),
    ("stops.csv", STOP, STOP.replace("52.52", "5_2.52"), "lat", "plain_number"),
    ("stops.csv", STOP, STOP.replace("52.52", "5.252e1"), "lat", "plain_number"),
    ("stops.csv", STOP, STOP.replace("52.52", '"52,52"'), "lat", "plain_number"),
    ("stops.csv", STOP, STOP.replace(",1,", ",1_0,"), "order", "plain_integer"),
    ("stops.csv", STOP, STOP.replace(",1,", ",+1,"), "order", "plain_integer"),
    ("stops.csv", STOP, STOP.replace(",1,", f",{'9' * 1999},"), "order", "max"),
    ("trip.csv", TRIP_ZONE, ",Dresden,Dresden,localtime,", "home_timezone", "timezone"),
    ("trip.csv", TRIP_ZONE, ",Dresden,Dresden,Factory,", "home_timezone", "timezone"),
    ("trip.csv", TRIP_ZONE, ",Dresden,Dresden,EST5EDT,", "home_timezone", "timezone"),
    ("trip.csv", TRIP_ZONE, ",Dresden,Dresden,Etc/GMT-9,", "home_timezone", "timezone"),
    ("trip.csv", TRIP_ZONE, ",Dresden,Dresden,UTC,", "home_timezone", "timezone"),
    ("themes.csv", THEME, "theme-a,1,The\u200bma A,", "name_de", "invisible"),
    (
        "stops.csv",
        STOP,
        STOP.replace(",1,Alpha,", ",1,Al\u2060pha,"),
        "name_de",
        "invisible",
    ),
    (
        "stops.csv",
        STOP,
        STOP.replace("Alpha,DE,", "Alpha\u3164,DE,"),
        "name_local",
        "invisible",
    ),
    (
        "trip.csv",
        "Synthetische",
        "Synthe\u00adtische",
        "title_de",
        "invisible",
    ),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "field", "expected"),
    LAX,
    ids=[f"{case[3]}-{case[4]}-{n}" for n, case in enumerate(LAX)],
)
def test_what_lax_parsing_took_is_refused_with_what_is_expected(
    synthetic_copy, file, old, new, field, expected
):
    replace_in(synthetic_copy / file, old, new)
    with pytest.raises(DataFileError) as caught:
        load_trip(synthetic_copy)
    error = caught.value
    assert (error.key, error.file, error.field) == (
        "error.invalid_value",
        file,
        field,
    )
    assert error.placeholders["expected_key"] == f"expected.{expected}"


def test_plain_values_still_load(synthetic_copy):
    """The strict shapes take what staff write: negative coordinates, a zone
    with three parts, a name with a no-break space."""
    replace_in(synthetic_copy / "stops.csv", "13.405", "-13.405")
    replace_in(synthetic_copy / "trip.csv", "Europe/Berlin", "America/Argentina/Salta")
    replace_in(synthetic_copy / "themes.csv", "Thema A", "Thema\u00a0A")
    trip = load_trip(synthetic_copy)
    assert trip.stops[0].lon == -13.405
    assert trip.info.home_timezone == "America/Argentina/Salta"
    assert trip.themes[0].name_de == "Thema\u00a0A"


def test_a_semicolon_separated_file_says_so_and_how_to_save_it(synthetic_copy):
    path = synthetic_copy / "stops.csv"
    lines = path.read_text("utf-8").splitlines()
    path.write_text("\n".join(line.replace(",", ";") for line in lines), "utf-8")
    with pytest.raises(DataFileError) as caught:
        load_trip(synthetic_copy)
    assert (caught.value.key, caught.value.file, caught.value.row) == (
        "error.semicolon_separated",
        "stops.csv",
        1,
    )


def test_a_symlinked_trip_folder_is_refused_and_names_itself(tmp_path):
    root = tmp_path / "trips"
    shutil.copytree(default_trip_dir().parent, root, symlinks=True)
    outside = tmp_path / "elsewhere"
    shutil.copytree(default_trip_dir(), outside)
    (root / "linked").symlink_to(outside, target_is_directory=True)
    assert "linked" in trip_ids(root)  # listed, so never silently gone
    with pytest.raises(DataFileError) as caught:
        load_trip(root / "linked")
    assert (caught.value.key, caught.value.file) == ("error.symlink", "linked")
    assert [p.key for p in check_trip(root / "linked")] == ["error.symlink"]
    listed = {trip.trip_id: trip for trip in look(root).trips}
    assert listed["linked"].problem.key == "error.symlink"
    assert all(t.problem is None for i, t in listed.items() if i != "linked")


def test_a_data_file_linking_out_of_its_folder_is_refused(synthetic_copy, tmp_path):
    outside = tmp_path / "outside.csv"
    shutil.copy(synthetic_copy / "goods.csv", outside)
    (synthetic_copy / "goods.csv").unlink()
    (synthetic_copy / "goods.csv").symlink_to(outside)
    with pytest.raises(DataFileError) as caught:
        load_trip(synthetic_copy)
    assert (caught.value.key, caught.value.file) == ("error.symlink", "goods.csv")


def test_a_data_file_linking_inside_its_folder_loads(every_kind_copy):
    """As a Kubernetes ConfigMap mounts files: links into ``..data/``."""
    folder = every_kind_copy
    (folder / "..data").mkdir()
    shutil.move(folder / "goods.csv", folder / "..data" / "goods.csv")
    (folder / "goods.csv").symlink_to(Path("..data") / "goods.csv")
    groups = [goods.group for goods in load_trip(folder).goods]
    assert groups == [group for goods in EVERY_KIND.goods for group in goods.groups]


def test_a_local_copy_name_too_long_is_that_row_s_error(every_kind_copy):
    path = every_kind_copy / "sources.csv"
    rows = list(csv.DictReader(path.read_text("utf-8").splitlines()))
    line, row = next((n, r) for n, r in enumerate(rows, start=2) if r["local_copy"])
    row["local_copy"] = "sources/" + "x" * 300 + ".txt"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    problems = check_trip(every_kind_copy)
    assert [(p.key, p.row, p.field) for p in problems] == [
        ("error.local_copy_missing", line, "local_copy")
    ]


def test_a_folder_the_process_cannot_read_is_listed_with_its_error(
    tmp_path, monkeypatch
):
    """As a folder of mode 0 is to a plain user (the tests may run as root, who
    reads every folder, so the refusal is the file system's answer, patched:
    every look at a path inside it is refused, as the kernel refuses it)."""
    root = tmp_path / "trips"
    shutil.copytree(default_trip_dir().parent, root)
    locked = root / "locked"
    shutil.copytree(default_trip_dir(), locked)
    real_stat, real_lstat = os.stat, os.lstat

    def refusing(look):
        def answer(path, *args, **kwargs):
            if (
                Path(os.fsdecode(path)).is_relative_to(locked)
                and Path(os.fsdecode(path)) != locked
            ):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
            return look(path, *args, **kwargs)

        return answer

    monkeypatch.setattr(os, "stat", refusing(real_stat))
    monkeypatch.setattr(os, "lstat", refusing(real_lstat))
    index = look(root)
    listed = {trip.trip_id: trip for trip in index.trips}
    assert listed["locked"].problem.key == "error.unreadable"
    assert sum(trip.problem is not None for trip in index.trips) == 1
    assert {p.key for p in check_trip(locked)} == {"error.unreadable"}


def test_an_edit_that_keeps_size_and_mtime_is_noticed(synthetic_copy):
    path = synthetic_copy / "stops.csv"
    before = files_fingerprint(synthetic_copy)
    stat = path.stat()
    # Bytes: the factory's files end their lines with CRLF, kept as they are.
    path.write_bytes(path.read_bytes().replace(b"Alpha", b"Alpho", 1))  # same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # as cp -p leaves it
    assert path.stat().st_size == stat.st_size
    assert path.stat().st_mtime_ns == stat.st_mtime_ns
    assert files_fingerprint(synthetic_copy) != before


def test_check_never_prints_a_traceback(tmp_path, capsys, monkeypatch):
    """A broken ``trips.toml`` (the default trip unknown), a folder that is no
    trip: messages and exit status, not a traceback."""
    root = tmp_path / "trips"
    root.mkdir()
    (root / "trips.toml").write_text('default = "gone"\n', "utf-8")
    monkeypatch.setattr("trip.discovery.TRIPS_DIR", root)
    monkeypatch.setattr("trip.__main__.default_trip_dir", lambda: _default(root))
    assert main(["check", "--lang", "en"]) == 2
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    assert "trips.toml" in out.out + out.err
    assert main(["check", str(tmp_path / "nothing-here"), "--lang", "en"]) == 1
    out = capsys.readouterr()
    assert "is missing" in out.out
    assert "Traceback" not in out.out + out.err


def _default(root: Path) -> Path:
    from trip.loading import default_trip_dir

    return default_trip_dir(root)
