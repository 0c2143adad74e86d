"""Read and validate a trip's folder: every broken rule becomes one ``DataFileError``.

Trips live in ``data/trips/<trip id>/``; ``data/trips/trips.toml`` names the trip a
link without ``?trip=`` opens. Folders starting with ``_`` (a template) are not
listed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
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
    Source,
    Stop,
    Theme,
    TradeFigure,
    TripInfo,
)
from trip.text import is_hidden_control, quote

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
TRIPS_DIR = DATA_DIR / "trips"
TRIPS_INDEX = "trips.toml"
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
    themes: tuple[Theme, ...]
    stops: tuple[Stop, ...]
    legs: tuple[Leg, ...]
    program: tuple[ProgramItem, ...]
    trade: tuple[TradeFigure, ...]
    goods: tuple[GoodsGroup, ...]
    delegation: tuple[DelegationSize, ...]
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


DATA_FILES = (
    "sources.csv",
    "themes.csv",
    "stops.csv",
    "legs.csv",
    "program.csv",
    "trade.csv",
    "goods.csv",
    "delegation.csv",
    "trip.csv",
)


def files_fingerprint(folder: Path, *names: str) -> tuple[tuple[str, int, int], ...]:
    """(name, size, modification time in ns) of each file: changes whenever a file
    is edited, replaced or removed, at the cost of a ``stat`` per file."""
    found = []
    for name in names or DATA_FILES:
        try:
            info = (folder / name).stat()
        except OSError:
            found.append((name, -1, -1))
        else:
            found.append((name, info.st_size, info.st_mtime_ns))
    return tuple(found)


def default_trip_id(root: Path = TRIPS_DIR) -> str:
    """The trip a link without ``?trip=`` opens, as ``trips.toml`` names it."""
    path = root / TRIPS_INDEX
    try:
        index = tomllib.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise DataFileError("error.file_missing", TRIPS_INDEX) from exc
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError("error.not_toml", TRIPS_INDEX) from exc
    chosen = index.get("default")
    if chosen not in trip_ids(root):
        raise DataFileError(
            "error.unknown_reference",
            TRIPS_INDEX,
            field="default",
            value=chosen,
            expected=", ".join(trip_ids(root)),
        )
    return chosen


def default_trip_dir(root: Path = TRIPS_DIR) -> Path:
    return root / default_trip_id(root)


def trip_ids(root: Path = TRIPS_DIR) -> tuple[str, ...]:
    """The listed trips: folders with a ``trip.csv``, in name order. A trip's id is
    its folder's name, lower-case letters, digits and hyphens (it goes in links)."""
    if not root.is_dir():
        return ()
    return tuple(
        sorted(
            folder.name
            for folder in root.iterdir()
            if folder.is_dir()
            and TRIP_ID.fullmatch(folder.name)
            and (folder / "trip.csv").is_file()
        )
    )


def load_trip(data_dir: Path | None = None) -> Trip:
    """Load every file of one trip's folder (by default the default trip's);
    raise the first ``DataFileError`` found."""
    if data_dir is None:
        data_dir = default_trip_dir()
    rows = {
        name.removesuffix(".csv"): _load(data_dir, name, model)
        for name, model in zip(DATA_FILES, MODELS, strict=True)
    }
    return _assemble(data_dir, rows)


MODELS = (  # the model of each of DATA_FILES, in that order
    Source,
    Theme,
    Stop,
    Leg,
    ProgramItem,
    TradeFigure,
    GoodsGroup,
    DelegationSize,
    TripInfo,
)


def check_trip(data_dir: Path) -> list[DataFileError]:
    """Every problem in a trip's folder, not only the first: each broken field of
    each row, the file-level problem that stops a file from being read, and, once
    all files read cleanly, the first broken rule between them."""
    problems: list[DataFileError] = []
    rows = {}
    for name, model in zip(DATA_FILES, MODELS, strict=True):
        try:
            rows[name.removesuffix(".csv")] = _load(data_dir, name, model, problems)
        except DataFileError as error:
            problems.append(error)
    if not problems:
        try:
            _assemble(data_dir, rows)
        except DataFileError as error:
            problems.append(error)
    return problems


Rows = list[tuple[int, BaseModel]]


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
    """The trip from its files' rows, once the rules between files hold."""
    _check_references(rows)
    info = rows.pop("trip")
    if not info:
        raise DataFileError("error.no_rows", "trip.csv", row=2)
    if len(info) > 1:
        raise DataFileError("error.one_row", "trip.csv", row=info[1][0])
    return Trip(
        **{name: tuple(model for _, model in found) for name, found in rows.items()},
        info=info[0][1],
        trip_id=data_dir.name,
    )


def read_csv(
    path: Path, expected_columns: list[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, non-empty cells) for each row; empty cells are left out."""
    name = path.name
    if not path.is_file():
        raise DataFileError("error.file_missing", name)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DataFileError(
            "error.file_too_large", name, value=size, details={"limit": MAX_FILE_BYTES}
        )
    raw = path.read_bytes()
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


def _check_references(rows: dict[str, Rows]) -> None:
    source_ids = _unique(rows["sources"], "sources.csv", "source_id")
    theme_ids = _unique(rows["themes"], "themes.csv", "theme_id")
    stop_ids = _unique(rows["stops"], "stops.csv", "stop_id")
    _unique(rows["program"], "program.csv", "item_id")
    _unique(rows["trade"], "trade.csv", "figure_id")
    if not rows["legs"]:
        raise DataFileError("error.no_rows", "legs.csv", row=2)
    if not rows["stops"]:
        raise DataFileError("error.no_rows", "stops.csv", row=2)
    # What the pages assume: the header shows the announced dates, the trade
    # cards and charts the latest export figures.
    if not any(leg.status == "announced" for _, leg in rows["legs"]):  # type: ignore[attr-defined]
        raise DataFileError(
            "error.no_announced_leg", "legs.csv", field="status", expected="announced"
        )
    if not any(figure.flow == "export" for _, figure in rows["trade"]):  # type: ignore[attr-defined]
        raise DataFileError(
            "error.no_export_figure", "trade.csv", field="flow", expected="export"
        )
    stops = {model.stop_id: model for _, model in rows["stops"]}  # type: ignore[attr-defined]
    first, last = trip_window(leg for _, leg in rows["legs"])  # type: ignore[misc]

    for file, found in (
        ("themes.csv", rows["themes"]),
        ("stops.csv", rows["stops"]),
        ("legs.csv", rows["legs"]),
        ("trade.csv", rows["trade"]),
        ("goods.csv", rows["goods"]),
        ("delegation.csv", rows["delegation"]),
    ):
        for line, model in found:
            _known(file, line, "source_id", [model.source_id], source_ids)  # type: ignore[attr-defined]
    for line, figure in rows["trade"]:
        for field in ("confirmed_by", "provisional_source_id"):
            if getattr(figure, field):
                _known("trade.csv", line, field, [getattr(figure, field)], source_ids)
    for line, stop in rows["stops"]:
        _known("stops.csv", line, "coord_source_id", [stop.coord_source_id], source_ids)  # type: ignore[attr-defined]
    for line, item in rows["program"]:
        item: ProgramItem  # type: ignore[no-redef]
        _known("program.csv", line, "source_ids", item.source_ids, source_ids)
        _known("program.csv", line, "themes", item.themes, theme_ids)
        if item.stop_id is not None:
            _known("program.csv", line, "stop_id", [item.stop_id], stop_ids)
            if stops[item.stop_id].country != item.country:
                raise DataFileError(
                    "error.country_mismatch",
                    "program.csv",
                    row=line,
                    field="country",
                    value=item.country,
                    expected=stops[item.stop_id].country,
                )
        for field in ("date_start", "date_end"):
            day = getattr(item, field)
            if not first <= day <= last:
                raise DataFileError(
                    "error.outside_trip",
                    "program.csv",
                    row=line,
                    field=field,
                    value=day.isoformat(),
                    expected=f"{first.isoformat()} … {last.isoformat()}",
                )


def _unique(found: Rows, file: str, field: str) -> set[str]:
    seen: set[str] = set()
    for line, model in found:
        value = getattr(model, field)
        if value in seen:
            raise DataFileError(
                "error.duplicate_id", file, row=line, field=field, value=value
            )
        seen.add(value)
    return seen


def _known(
    file: str, line: int, field: str, values: Iterable[str], known: set[str]
) -> None:
    for value in values:
        if value not in known:
            raise DataFileError(
                "error.unknown_reference",
                file,
                row=line,
                field=field,
                value=value,
                expected=", ".join(sorted(known)),
            )
