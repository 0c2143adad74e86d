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
from trip.__main__ import main
from trip.discovery import default_trip_dir, trip_ids
from trip.errors import DataFileError
from trip.index import look
from trip.loading import check_trip, load_trip
from trip.versions import files_fingerprint

TOKYO = "tokyo,1,Tokio,Tokyo,東京,JP,35.68083,139.76694,"
LEG = "jp,JP,2023-09-10,2023-09-16,"
TRIP_ZONE = ",Dresden,Dresden,Europe/Berlin,"
THEME = "microelectronics,1,Mikroelektronik,"

# (file, text in the bundled trip, what an editor wrote instead, field, expected)
LAX = [
    (
        "legs.csv",
        LEG,
        "jp,JP,2023-09-10T00:00:00,2023-09-16,",
        "date_start",
        "iso_date",
    ),
    ("legs.csv", LEG, "jp,JP,1694304000,2023-09-16,", "date_start", "iso_date"),
    ("legs.csv", LEG, "jp,JP,2023-9-10,2023-09-16,", "date_start", "iso_date"),
    ("stops.csv", TOKYO, TOKYO.replace("35.68083", "3_5.68"), "lat", "plain_number"),
    ("stops.csv", TOKYO, TOKYO.replace("35.68083", "3.568e1"), "lat", "plain_number"),
    ("stops.csv", TOKYO, TOKYO.replace("35.68083", '"35,68"'), "lat", "plain_number"),
    ("stops.csv", TOKYO, TOKYO.replace(",1,", ",1_0,"), "order", "plain_integer"),
    ("stops.csv", TOKYO, TOKYO.replace(",1,", ",+1,"), "order", "plain_integer"),
    ("stops.csv", TOKYO, TOKYO.replace(",1,", f",{'9' * 1999},"), "order", "max"),
    ("trip.csv", TRIP_ZONE, ",Dresden,Dresden,localtime,", "home_timezone", "timezone"),
    ("trip.csv", TRIP_ZONE, ",Dresden,Dresden,Factory,", "home_timezone", "timezone"),
    ("trip.csv", TRIP_ZONE, ",Dresden,Dresden,EST5EDT,", "home_timezone", "timezone"),
    ("trip.csv", TRIP_ZONE, ",Dresden,Dresden,Etc/GMT-9,", "home_timezone", "timezone"),
    ("trip.csv", TRIP_ZONE, ",Dresden,Dresden,UTC,", "home_timezone", "timezone"),
    (
        "themes.csv",
        THEME,
        "microelectronics,1,Mikro\u200belektronik,",
        "name_de",
        "invisible",
    ),
    ("stops.csv", TOKYO, TOKYO.replace("Tokio", "To\u2060kio"), "name_de", "invisible"),
    (
        "stops.csv",
        TOKYO,
        TOKYO.replace("東京", "東京\u3164"),
        "name_local",
        "invisible",
    ),
    (
        "trip.csv",
        "Wirtschaftsdelegation",
        "Wirtschafts\u00addelegation",
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
    data_copy, file, old, new, field, expected
):
    replace_in(data_copy / file, old, new)
    with pytest.raises(DataFileError) as caught:
        load_trip(data_copy)
    error = caught.value
    assert (error.key, error.file, error.field) == (
        "error.invalid_value",
        file,
        field,
    )
    assert error.placeholders["expected_key"] == f"expected.{expected}"


def test_plain_values_still_load(data_copy):
    """The strict shapes take what staff write: negative coordinates, a zone
    with three parts, a name with a no-break space."""
    replace_in(data_copy / "stops.csv", "139.76694", "-139.76694")
    replace_in(data_copy / "trip.csv", "Europe/Berlin", "America/Argentina/Salta")
    replace_in(data_copy / "themes.csv", "Mikroelektronik", "Mikro\u00a0elektronik")
    trip = load_trip(data_copy)
    assert trip.stops[0].lon == -139.76694
    assert trip.info.home_timezone == "America/Argentina/Salta"


def test_a_semicolon_separated_file_says_so_and_how_to_save_it(data_copy):
    path = data_copy / "stops.csv"
    lines = path.read_text("utf-8").splitlines()
    path.write_text("\n".join(line.replace(",", ";") for line in lines), "utf-8")
    with pytest.raises(DataFileError) as caught:
        load_trip(data_copy)
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


def test_a_data_file_linking_out_of_its_folder_is_refused(data_copy, tmp_path):
    outside = tmp_path / "outside.csv"
    shutil.copy(data_copy / "goods.csv", outside)
    (data_copy / "goods.csv").unlink()
    (data_copy / "goods.csv").symlink_to(outside)
    with pytest.raises(DataFileError) as caught:
        load_trip(data_copy)
    assert (caught.value.key, caught.value.file) == ("error.symlink", "goods.csv")


def test_a_data_file_linking_inside_its_folder_loads(data_copy):
    """As a Kubernetes ConfigMap mounts files: links into ``..data/``."""
    (data_copy / "..data").mkdir()
    shutil.move(data_copy / "goods.csv", data_copy / "..data" / "goods.csv")
    (data_copy / "goods.csv").symlink_to(Path("..data") / "goods.csv")
    assert load_trip(data_copy).goods


def test_a_local_copy_name_too_long_is_that_row_s_error(data_copy):
    path = data_copy / "sources.csv"
    rows = list(csv.DictReader(path.read_text("utf-8").splitlines()))
    line, row = next((n, r) for n, r in enumerate(rows, start=2) if r["local_copy"])
    row["local_copy"] = "sources/" + "x" * 300 + ".txt"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    problems = check_trip(data_copy)
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


def test_an_edit_that_keeps_size_and_mtime_is_noticed(data_copy):
    path = data_copy / "stops.csv"
    before = files_fingerprint(data_copy)
    stat = path.stat()
    text = path.read_text("utf-8")
    path.write_text(text.replace("Tokio", "Tokyo", 1), "utf-8")  # same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # as cp -p leaves it
    assert path.stat().st_size == stat.st_size
    assert path.stat().st_mtime_ns == stat.st_mtime_ns
    assert files_fingerprint(data_copy) != before


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
