"""The rules a trip's rows must keep beyond their types: each broken field as its
own error, counts, ids and references from the schema, the trip's own rules,
and local copies of sources."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from trip.aggregate import trip_window
from trip.errors import DataFileError
from trip.fields import CUSTOM_RULES
from trip.itinerary_models import ProgramItem
from trip.quotes import copy_problems, quote_problems
from trip.schema import SCHEMA, Rows, key_field, referenced, references

# pydantic error types -> catalog key for "what was expected"; the rules of our
# own models raise their kind (``trip.fields.rule``), which is ``expected.<kind>``.
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


def refuse_symlinked(data_dir: Path) -> None:
    """A trip folder that is a symlink would serve files from outside the trips
    folder; it is that trip's error, never followed."""
    if data_dir.is_symlink():
        raise DataFileError("error.symlink", data_dir.name)


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


def row_problems(
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
