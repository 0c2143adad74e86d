"""A trip's CSV file read safely: size, encoding, header and cell limits, each a
``DataFileError`` naming the file and line."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from trip.errors import DataFileError
from trip.text import is_hidden_control, quote

# Size limits: far above what a trip needs (the largest file today has 7 KB, 18
# rows, 185 characters in a cell), far below what slows or crashes a server.
MAX_FILE_BYTES = 1_000_000


MAX_ROWS = 2_000


MAX_CELL_CHARS = 2_000


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` (resolved) lies in ``folder``: where a symlink may point."""
    return path.is_relative_to(folder.resolve())


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
