"""Load a trip's folder: every file read and validated, every broken rule one
``DataFileError``; ``load_trip`` raises the first, ``check_trip`` lists all."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from trip.aggregate import Trip
from trip.checks import (
    check_local_copies,
    check_rows,
    refuse_symlinked,
    row_problems,
)
from trip.csv_files import read_csv
from trip.discovery import default_trip_dir
from trip.errors import DataFileError
from trip.record import Record
from trip.schema import SCHEMA, TABLES, Rows

M = TypeVar("M", bound=BaseModel)


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
            broken = row_problems(name, line, cells, exc)
            if problems is None:
                raise broken[0] from exc
            problems += broken
    return found


def _assemble(data_dir: Path, rows: dict[str, Rows]) -> Trip:
    """The trip from its files' rows, once ``check_rows`` found nothing."""
    found = {name: tuple(model for _, model in got) for name, got in rows.items()}
    info = found.pop("trip")[0]
    return Trip(**found, info=info, trip_id=data_dir.name)  # type: ignore[arg-type]
