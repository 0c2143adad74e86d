"""Read and validate ``data/``: every broken rule becomes one ``DataFileError``."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from trip.errors import DataFileError
from trip.models import (
    DelegationSize,
    GoodsGroup,
    Leg,
    ProgramItem,
    Source,
    Stop,
    Theme,
    TradeFigure,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
M = TypeVar("M", bound=BaseModel)

# pydantic error types -> catalog key for "what was expected"
_EXPECTED = {
    "missing": "expected.value",
    "float_parsing": "expected.number",
    "float_type": "expected.number",
    "int_parsing": "expected.integer",
    "int_from_float": "expected.integer",
    "bool_parsing": "expected.boolean",
    "date_from_datetime_parsing": "expected.date",
    "date_parsing": "expected.date",
    "time_parsing": "expected.time",
    "literal_error": "expected.one_of",
    "string_pattern_mismatch": "expected.pattern",
    "greater_than_equal": "expected.min",
    "greater_than": "expected.min",
    "less_than_equal": "expected.max",
    "too_short": "expected.value",
    "extra_forbidden": "expected.no_such_column",
}


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


def load_trip(data_dir: Path = DATA_DIR) -> Trip:
    """Load every file; raise the first ``DataFileError`` found."""
    rows = {
        "sources": _load(data_dir, "sources.csv", Source),
        "themes": _load(data_dir, "themes.csv", Theme),
        "stops": _load(data_dir, "stops.csv", Stop),
        "legs": _load(data_dir, "legs.csv", Leg),
        "program": _load(data_dir, "program.csv", ProgramItem),
        "trade": _load(data_dir, "trade.csv", TradeFigure),
        "goods": _load(data_dir, "goods.csv", GoodsGroup),
        "delegation": _load(data_dir, "delegation.csv", DelegationSize),
    }
    _check_references(rows)
    return Trip(
        **{name: tuple(model for _, model in found) for name, found in rows.items()}
    )


Rows = list[tuple[int, BaseModel]]


def _load(data_dir: Path, name: str, model: type[M]) -> list[tuple[int, M]]:
    path = data_dir / name
    return [
        (line, _validate(name, line, cells, model))
        for line, cells in read_csv(path, expected_columns=list(model.model_fields))
    ]


def read_csv(
    path: Path, expected_columns: list[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, non-empty cells) for each row; empty cells are left out."""
    name = path.name
    if not path.is_file():
        raise DataFileError("error.file_missing", name, expected=str(path))
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
    header = [column.strip() for column in next(reader)]
    _check_header(name, header, expected_columns)
    line = reader.line_num
    for cells in reader:
        start, line = line + 1, reader.line_num
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
        yield (
            start,
            {
                col: cell
                for col, cell in zip(header, cells, strict=True)
                if cell.strip()
            },
        )


def _check_header(name: str, header: list[str], expected: list[str]) -> None:
    for column in expected:
        if column not in header:
            raise DataFileError("error.missing_column", name, row=1, field=column)
    for column in header:
        if column not in expected:
            raise DataFileError("error.unknown_column", name, row=1, field=column)
    if len(set(header)) != len(header):
        raise DataFileError(
            "error.duplicate_column", name, row=1, value=",".join(header)
        )


def _validate(name: str, line: int, cells: dict[str, str], model: type[M]) -> M:
    try:
        return model.model_validate(cells)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"] if isinstance(part, str))
        key = _EXPECTED.get(error["type"], "expected.other")
        expected = error["ctx"].get("expected", "") if error.get("ctx") else ""
        if not expected and error.get("ctx"):
            expected = ", ".join(f"{v}" for v in error["ctx"].values())
        if key == "expected.other":
            expected = str(error["msg"]).removeprefix("Value error, ")
        raise DataFileError(
            "error.invalid_value",
            name,
            row=line,
            field=field or None,
            value=cells.get(field.split(".")[0]) if field else None,
            expected=expected,
            details={"expected_key": key},
        ) from exc


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
