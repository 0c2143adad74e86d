"""Read and validate a trip's folder: every broken rule becomes one ``DataFileError``.

Trips live in ``data/trips/<trip id>/``; ``data/trips/trips.toml`` names the trip a
link without ``?trip=`` opens. Folders starting with ``_`` (a template) are not
listed.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import re
import stat
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from trip.errors import DataFileError
from trip.models import (
    CUSTOM_RULES,
    DelegationSize,
    GoodsGroup,
    Leg,
    ProgramItem,
    Quote,
    Record,
    Source,
    Statement,
    Stop,
    Theme,
    TradeFigure,
    TripInfo,
)
from trip.paths import DATA_DIR, TRIPS_DIR, TRIPS_INDEX
from trip.quotes import copy_problems, quote_problems
from trip.schema import (
    DATA_FILES,
    SCHEMA,
    TABLES,
    Rows,
    catalog_keys,
    key_field,
    referenced,
    references,
)
from trip.text import is_hidden_control, quote

__all__ = [
    "DATA_DIR",
    "DATA_FILES",
    "SCHEMA",
    "TABLES",
    "TRIPS_DIR",
    "TRIPS_INDEX",
    "Trip",
    "catalog_keys",
    "check_trip",
    "key_field",
    "load_trip",
    "referenced",
    "references",
]

TRIP_ID = re.compile(r"[a-z0-9][a-z0-9-]*")  # so "_template" is never listed
M = TypeVar("M", bound=BaseModel)

# Size limits: far above what a trip needs (the largest file today has 7 KB, 18
# rows, 185 characters in a cell), far below what slows or crashes a server.
MAX_FILE_BYTES = 1_000_000
MAX_ROWS = 2_000
MAX_CELL_CHARS = 2_000

# pydantic error types -> catalog key for "what was expected"; the rules of our
# own models raise their kind (``trip.models.rule``), which is ``expected.<kind>``.
_EXPECTED = {
    "missing": "expected.value",
    "string_too_short": "expected.value",
    "too_short": "expected.value",
    "float_parsing": "expected.number",
    "float_type": "expected.number",
    "finite_number": "expected.finite",
    "int_parsing": "expected.integer",
    "int_parsing_size": "expected.integer",
    "int_from_float": "expected.integer",
    "bool_parsing": "expected.boolean",
    "date_from_datetime_parsing": "expected.date",
    "date_from_datetime_inexact": "expected.date",
    "date_parsing": "expected.date",
    "time_parsing": "expected.time",
    "literal_error": "expected.one_of",
    "string_pattern_mismatch": "expected.slug",
    "greater_than_equal": "expected.min",
    "greater_than": "expected.above",
    "less_than_equal": "expected.max",
    "extra_forbidden": "expected.no_such_column",
}
_BOUNDS = ("ge", "gt", "le", "lt")


@dataclass(frozen=True)
class Trip:
    """Everything in ``data/``, validated and cross-checked, in file order."""

    sources: tuple[Source, ...]
    about: tuple[Statement, ...]
    themes: tuple[Theme, ...]
    stops: tuple[Stop, ...]
    legs: tuple[Leg, ...]
    program: tuple[ProgramItem, ...]
    trade: tuple[TradeFigure, ...]
    goods: tuple[GoodsGroup, ...]
    delegation: tuple[DelegationSize, ...]
    quotes: tuple[Quote, ...]
    info: TripInfo
    trip_id: str

    @property
    def source_by_id(self) -> dict[str, Source]:
        return {source.source_id: source for source in self.sources}

    @property
    def stop_by_id(self) -> dict[str, Stop]:
        return {stop.stop_id: stop for stop in self.stops}

    @property
    def theme_ids(self) -> tuple[str, ...]:
        return tuple(theme.theme_id for theme in self.themes)

    def theme_name(self, theme_id: str, lang: str) -> str:
        """A theme's name as the trip's data gives it (the loader checked the id)."""
        return next(t.name(lang) for t in self.themes if t.theme_id == theme_id)

    @property
    def first_day(self) -> dt.date:
        return trip_window(self.legs)[0]

    @property
    def last_day(self) -> dt.date:
        return trip_window(self.legs)[1]


def trip_window(legs: Iterable[Leg]) -> tuple[dt.date, dt.date]:
    """First and last day of the trip: the span of its legs, announced or reported."""
    legs = tuple(legs)
    return min(leg.date_start for leg in legs), max(leg.date_end for leg in legs)


def files_fingerprint(
    folder: Path | str, *names: str, by_content: bool = True
) -> tuple[tuple[str, int, int, int, str], ...]:
    """Of each file (by default a trip's data files): size, modification and
    change time in ns, and a digest of its bytes. It changes whenever a file is
    edited, replaced or removed, also by an edit that keeps size and mtime
    (``cp -p``, ``rsync -t``, a restore): the digest sees the bytes, and no such
    tool can set the change time back. ``by_content=False`` leaves the digest
    out, for many files at once (the trips index): a ``stat`` per file."""
    found = []
    for name in names or DATA_FILES:
        path = os.path.join(folder, name)  # no Path per file: 1,000 for 500 trips
        try:
            info = os.stat(path)
            digest = _digest(path) if by_content else ""
        except OSError:
            found.append((name, -1, -1, -1, ""))
        else:
            found.append(
                (name, info.st_size, info.st_mtime_ns, info.st_ctime_ns, digest)
            )
    return tuple(found)


def _digest(path: str) -> str:
    """BLAKE2b of a file's bytes; a data file is at most ``MAX_FILE_BYTES``, a
    larger one is read no further (loading reports it)."""
    with open(path, "rb") as file:
        return hashlib.blake2b(file.read(MAX_FILE_BYTES + 1)).hexdigest()


def default_trip_id(
    root: Path = TRIPS_DIR, listed: tuple[str, ...] | None = None
) -> str:
    """The trip a link without ``?trip=`` opens, as ``trips.toml`` names it;
    ``listed`` is ``trip_ids(root)`` where the caller has just read it."""
    path = root / TRIPS_INDEX
    try:
        index = tomllib.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise DataFileError("error.file_missing", TRIPS_INDEX) from exc
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError("error.not_toml", TRIPS_INDEX) from exc
    chosen = index.get("default")
    listed = trip_ids(root) if listed is None else listed
    if chosen not in listed:
        raise DataFileError(
            "error.unknown_reference",
            TRIPS_INDEX,
            field="default",
            value=chosen,
            expected=", ".join(listed),
        )
    return chosen


def default_trip_dir(root: Path = TRIPS_DIR) -> Path:
    return root / default_trip_id(root)


def trip_ids(root: Path = TRIPS_DIR) -> tuple[str, ...]:
    """The listed trips: folders with a ``trip.csv``, in name order. A trip's id is
    its folder's name, lower-case letters, digits and hyphens (it goes in links)."""
    try:
        entries = list(os.scandir(root))
    except OSError:  # no trips folder
        return ()
    return tuple(
        sorted(
            entry.name
            for entry in entries
            if TRIP_ID.fullmatch(entry.name) and _looks_like_trip(entry.path)
        )
    )


def _looks_like_trip(folder: str) -> bool:
    """A folder with a ``trip.csv``; one the process cannot look into is listed
    too, so that opening it names what is wrong instead of it vanishing."""
    if not os.path.isdir(folder):
        return False
    try:
        return stat.S_ISREG(os.stat(os.path.join(folder, "trip.csv")).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:  # no permission, a name too long, an I/O error
        return True


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` (resolved) lies in ``folder``: where a symlink may point."""
    return path.is_relative_to(folder.resolve())


def refuse_symlinked(data_dir: Path) -> None:
    """A trip folder that is a symlink would serve files from outside the trips
    folder; it is that trip's error, never followed."""
    if data_dir.is_symlink():
        raise DataFileError("error.symlink", data_dir.name)


def load_trip(data_dir: Path | None = None) -> Trip:
    """Load every file of one trip's folder (by default the default trip's);
    raise the first ``DataFileError`` found."""
    if data_dir is None:
        data_dir = default_trip_dir()
    refuse_symlinked(data_dir)
    rows = {table.name: _load(data_dir, table.file, table.model) for table in SCHEMA}
    problems = check_rows(rows) or check_local_copies(data_dir, rows)
    if problems:
        raise problems[0]
    return _assemble(data_dir, rows)


def check_trip(data_dir: Path) -> list[DataFileError]:
    """Every problem in a trip's folder, not only the first: each broken field of
    each row, the file-level problem that stops a file from being read, and, once
    all files read, every broken rule between them."""
    try:
        refuse_symlinked(data_dir)
    except DataFileError as error:
        return [error]
    problems: list[DataFileError] = []
    rows = {}
    for table in SCHEMA:
        try:
            rows[table.name] = _load(data_dir, table.file, table.model, problems)
        except DataFileError as error:
            problems.append(error)
    if not problems:  # a row left out would make counts and references wrong
        problems += check_rows(rows)
    if "sources" in rows:
        problems += check_local_copies(data_dir, rows)
    return problems


def check_local_copies(data_dir: Path, rows: dict[str, Rows]) -> list[DataFileError]:
    """A source's ``local_copy`` is a file inside the trip's folder: not missing,
    and not a path out of it (the page names it; the pack may link it). Its
    SHA-256 is the one recorded, and every quote from it is in it."""
    folder = data_dir.resolve()
    problems = []
    copies: dict[str, bytes] = {}
    for line, source in rows["sources"]:
        copy = source.local_copy  # type: ignore[attr-defined]
        if copy is None:
            continue
        where = {"row": line, "field": "local_copy", "value": copy}
        try:
            path = (folder / copy).resolve()
            if not (path.is_relative_to(folder) and path.is_file()):
                raise FileNotFoundError
        except OSError:  # missing, out of the folder, a name too long
            problems.append(
                DataFileError("error.local_copy_missing", "sources.csv", **where)
            )
            continue
        try:
            copies[source.source_id] = path.read_bytes()  # type: ignore[attr-defined]
        except OSError as exc:
            problems.append(
                DataFileError(
                    "error.local_copy_unreadable",
                    "sources.csv",
                    **where,
                    details={"reason": exc.strerror or type(exc).__name__},
                )
            )
    return problems + copy_problems(rows, copies)


def read_rows(data_dir: Path, table_name: str) -> list[Record]:
    """One file of a trip as its models, checked as ``load_trip`` checks it
    alone (its references to other files are not followed)."""
    table = TABLES[table_name]
    rows = [model for _, model in _load(data_dir, table.file, table.model)]
    if len(rows) < table.min_rows:
        raise DataFileError("error.no_rows", table.file, row=2)
    return rows


def _load(
    data_dir: Path,
    name: str,
    model: type[M],
    problems: list[DataFileError] | None = None,
) -> list[tuple[int, M]]:
    """A file's rows as models. A bad row raises its first problem, or, given a
    ``problems`` list, adds all of them to it and is left out."""
    found = []
    for line, cells in read_csv(
        data_dir / name, expected_columns=list(model.model_fields)
    ):
        try:
            found.append((line, model.model_validate(cells)))
        except ValidationError as exc:
            row_problems = _row_problems(name, line, cells, exc)
            if problems is None:
                raise row_problems[0] from exc
            problems += row_problems
    return found


def _assemble(data_dir: Path, rows: dict[str, Rows]) -> Trip:
    """The trip from its files' rows, once ``check_rows`` found nothing."""
    found = {name: tuple(model for _, model in got) for name, got in rows.items()}
    info = found.pop("trip")[0]
    return Trip(**found, info=info, trip_id=data_dir.name)  # type: ignore[arg-type]


def read_csv(
    path: Path, expected_columns: list[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, non-empty cells) for each row; empty cells are left out."""
    name = path.name
    try:
        if path.is_symlink() and not inside(path.resolve(), path.parent):
            raise DataFileError("error.symlink", name)
        if not path.is_file():
            raise DataFileError("error.file_missing", name)
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DataFileError(
                "error.file_too_large",
                name,
                value=size,
                details={"limit": MAX_FILE_BYTES},
            )
        raw = path.read_bytes()
    except OSError as exc:  # permissions, an I/O error: this file's problem only
        raise DataFileError("error.unreadable", name, value=exc.strerror) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataFileError(
            "error.not_utf8",
            name,
            row=line,
            value=raw[exc.start : exc.start + 4].hex(" "),
        ) from exc
    if not text.strip():
        raise DataFileError("error.empty_file", name, row=1)
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = _csv_rows(name, reader)
    _, header = next(rows)
    header = [column.strip() for column in header]
    _check_header(name, header, expected_columns)
    for start, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise DataFileError(
                "error.cell_count",
                name,
                row=start,
                value=len(cells),
                expected=str(len(header)),
            )
        if start > MAX_ROWS + 1:
            raise DataFileError(
                "error.too_many_rows", name, row=start, details={"limit": MAX_ROWS}
            )
        for column, cell in zip(header, cells, strict=True):
            _check_cell(name, start, column, cell)
        yield (
            start,
            {
                col: cell
                for col, cell in zip(header, cells, strict=True)
                if cell.strip()
            },
        )


def _csv_rows(name: str, reader: Any) -> Iterator[tuple[int, list[str]]]:
    """(first line of the row, cells); the csv module's own errors (a field over
    its size limit, a stray quote) become a ``DataFileError`` for that line."""
    line = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise DataFileError(
                "error.csv_syntax",
                name,
                row=line + 1,
                details={"limit": MAX_CELL_CHARS},
            ) from exc
        start, line = line + 1, reader.line_num
        if start == 1:
            for column, cell in enumerate(cells, start=1):
                _check_cell(name, 1, str(column), cell)
        yield start, cells


def _check_cell(name: str, line: int, column: str, cell: str) -> None:
    """No cell is longer than a page can show, and none hides control characters
    (NUL, line breaks inside a cell, bidi overrides)."""
    if len(cell) > MAX_CELL_CHARS:
        raise DataFileError(
            "error.cell_too_long",
            name,
            row=line,
            field=column,
            value=len(cell),
            details={"limit": MAX_CELL_CHARS},
        )
    for position, char in enumerate(cell, start=1):
        if is_hidden_control(char):
            raise DataFileError(
                "error.control_character",
                name,
                row=line,
                field=column,
                value=f"U+{ord(char):04X}",
                details={"position": position},
            )


def _check_header(name: str, header: list[str], expected: list[str]) -> None:
    split = [part.strip() for part in ";".join(header).split(";")]
    if len(split) > len(header) and set(split) & set(expected):
        # German Excel's "CSV": its own error, with how to save it with commas.
        raise DataFileError("error.semicolon_separated", name, row=1)
    for column in expected:
        if column not in header:
            raise DataFileError("error.missing_column", name, row=1, field=column)
    for column in header:
        if column not in expected:
            raise DataFileError(
                "error.unknown_column", name, row=1, field=quote(column, 40)
            )
    if len(set(header)) != len(header):
        raise DataFileError(
            "error.duplicate_column", name, row=1, value=",".join(header)
        )


def _row_problems(
    name: str, line: int, cells: dict[str, str], exc: ValidationError
) -> list[DataFileError]:
    """One ``DataFileError`` per broken field of a row."""
    return [_row_problem(name, line, cells, error) for error in exc.errors()]


def _row_problem(
    name: str, line: int, cells: dict[str, str], error: Any
) -> DataFileError:
    field = ".".join(str(part) for part in error["loc"] if isinstance(part, str))
    context = error.get("ctx") or {}
    kind = error["type"]
    key = _EXPECTED.get(kind) or (
        f"expected.{kind}" if kind in CUSTOM_RULES else "expected.other"
    )
    details: dict[str, Any] = {"expected_key": key}
    if kind == "literal_error":
        details["choices"] = re.findall(r"'([^']*)'", str(context["expected"]))
    if kind == "url":
        details["choices"] = ["http://", "https://"]
    bound = next((context[b] for b in _BOUNDS if b in context), None)
    if bound is not None:
        details["bound"] = bound
    return DataFileError(
        "error.invalid_value",
        name,
        row=line,
        field=field or None,
        value=cells.get(field.split(".")[0]) if field else None,
        expected="" if key != "expected.other" else str(error["msg"]),
        details=details,
    )


def check_rows(rows: dict[str, Rows]) -> list[DataFileError]:
    """Every broken rule between rows and files: row counts, duplicate ids and
    unknown references (both from the schema), then the rules of a trip."""
    problems = []
    keys: dict[str, set[str]] = {}
    for table in SCHEMA:
        found = rows[table.name]
        if len(found) < table.min_rows:
            problems.append(DataFileError("error.no_rows", table.file, row=2))
        if table.max_rows is not None and len(found) > table.max_rows:
            line = found[table.max_rows][0]
            problems.append(DataFileError("error.one_row", table.file, row=line))
        key = key_field(table.model)
        if key is not None:
            keys[table.name] = set()
            for line, model in found:
                value = getattr(model, key)
                if value in keys[table.name]:
                    problems.append(
                        DataFileError(
                            "error.duplicate_id",
                            table.file,
                            row=line,
                            field=key,
                            value=value,
                        )
                    )
                keys[table.name].add(value)
    for table in SCHEMA:
        for field, ref in references(table.model).items():
            known = keys[ref.table]
            for line, model in rows[table.name]:
                for value in referenced(model, field):
                    if value not in known:
                        problems.append(
                            DataFileError(
                                "error.unknown_reference",
                                table.file,
                                row=line,
                                field=field,
                                value=value,
                                expected=", ".join(sorted(known)) or "–",
                            )
                        )
    if not problems:
        problems += _trip_rules(rows) + quote_problems(rows)
    return problems


def _trip_rules(rows: dict[str, Rows]) -> list[DataFileError]:
    """What the schema cannot say: a program item's country is its stop's, and
    its days lie within the trip's legs."""
    problems = []
    stops = {stop.stop_id: stop for _, stop in rows["stops"]}  # type: ignore[attr-defined]
    first, last = trip_window(leg for _, leg in rows["legs"])  # type: ignore[misc]
    for line, item in rows["program"]:
        item: ProgramItem  # type: ignore[no-redef]
        if item.stop_id is not None and stops[item.stop_id].country != item.country:
            problems.append(
                DataFileError(
                    "error.country_mismatch",
                    "program.csv",
                    row=line,
                    field="country",
                    value=item.country,
                    expected=stops[item.stop_id].country,
                )
            )
        for field in ("date_start", "date_end"):
            day = getattr(item, field)
            if not first <= day <= last:
                problems.append(
                    DataFileError(
                        "error.outside_trip",
                        "program.csv",
                        row=line,
                        field=field,
                        value=day.isoformat(),
                        expected=f"{first.isoformat()} … {last.isoformat()}",
                    )
                )
    return problems
