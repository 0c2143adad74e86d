"""The schema of a trip folder: its files, the model of each, what one row is as a
fact, and the ids and references declared on the models' fields (``Key``, ``Ref``).
Loading, the reference checks, the quote checks, provenance and the catalog check
all read them from here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, get_args

from pydantic import BaseModel

from trip.fields import Key, Label, Ref
from trip.itinerary_models import Leg, ProgramItem, Stop
from trip.record import Record
from trip.source_models import Quote, Source
from trip.trade_models import GoodsGroup, TradeFigure
from trip.trip_models import DelegationSize, Statement, Theme, TripInfo


@dataclass(frozen=True)
class Table:
    """One file of a trip folder: its model, what one row is as a fact (for "which
    facts rest on this source"; None for rows that are not facts of their own,
    such as quotes) and how many rows it needs."""

    name: str  # the ``Trip`` attribute; the file is ``<name>.csv``
    model: type[Record]
    fact: str | None
    min_rows: int = 0
    max_rows: int | None = None

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def source_facts(self) -> dict[str, str]:
        """field -> the kind of fact it rests on a source for, for each field that
        names a source (a stop's ``coord_source_id``: its coordinates)."""
        if self.fact is None:
            return {}
        return {
            field: ref.fact or self.fact
            for field, ref in references(self.model).items()
            if ref.table == "sources"
        }


# A file's rows as read: (line in the file, the row's model).
Rows = list[tuple[int, BaseModel]]

SCHEMA = (
    Table("sources", Source, "source", min_rows=1),
    Table("about", Statement, "statement"),
    Table("themes", Theme, "theme"),
    Table("stops", Stop, "stop", min_rows=1),
    Table("legs", Leg, "leg", min_rows=1),
    Table("program", ProgramItem, "item"),
    Table("trade", TradeFigure, "trade"),
    Table("goods", GoodsGroup, "goods"),
    Table("delegation", DelegationSize, "delegation"),
    Table("quotes", Quote, None),
    Table("trip", TripInfo, "trip", min_rows=1, max_rows=1),
)
DATA_FILES = tuple(table.file for table in SCHEMA)
TABLES = {table.name: table for table in SCHEMA}


def field_marks(model: type[BaseModel]) -> dict[str, Key | Ref]:
    """The fields of ``model`` marked as an id (``Key``) or a reference (``Ref``),
    wherever the mark sits in the annotation (``Annotated[...] | None`` too)."""

    def find(annotation: Any) -> Key | Ref | None:
        for arg in (*getattr(annotation, "__metadata__", ()), *get_args(annotation)):
            if isinstance(arg, (Key, Ref)):
                return arg
            found = find(arg) if not isinstance(arg, (str, int)) else None
            if found is not None:
                return found
        return None

    marks = {}
    for name, info in model.model_fields.items():
        mark = next(
            (m for m in info.metadata if isinstance(m, (Key, Ref))), None
        ) or find(info.annotation)
        if mark is not None:
            marks[name] = mark
    return marks


def catalog_keys() -> set[str]:
    """The catalog keys the schema needs: every ``Label`` key for every choice of
    its ``Literal``, and a ``fact.<kind>`` for each kind of fact a source supports."""
    keys = set()
    for table in SCHEMA:
        keys |= {f"fact.{fact}" for fact in table.source_facts.values()}
        for info in table.model.model_fields.values():
            for label in (*_marks(info.metadata, Label), *_marks_in(info.annotation)):
                choices = _choices(info.annotation)
                keys |= {key.format(choice) for key in label.keys for choice in choices}
    return keys


def _marks(metadata: Any, kind: type) -> list[Any]:
    return [mark for mark in metadata if isinstance(mark, kind)]


def _marks_in(annotation: Any) -> list[Label]:
    """``Label`` marks inside an annotation (``Annotated[...] | None``)."""
    found = _marks(getattr(annotation, "__metadata__", ()), Label)
    for arg in get_args(annotation):
        if not isinstance(arg, (str, int)):
            found += _marks_in(arg)
    return found


def _choices(annotation: Any) -> tuple[str, ...]:
    """The strings of a ``Literal``, also inside ``Literal[...] | None``."""
    found: list[str] = []
    for arg in get_args(annotation):
        if isinstance(arg, str):
            found.append(arg)
        elif arg is not type(None):
            found += _choices(arg)
    return tuple(found)


def key_field(model: type[BaseModel]) -> str | None:
    return next(
        (name for name, m in field_marks(model).items() if isinstance(m, Key)), None
    )


def references(model: type[BaseModel]) -> dict[str, Ref]:
    return {
        name: mark for name, mark in field_marks(model).items() if isinstance(mark, Ref)
    }


def referenced(row: BaseModel, field: str) -> tuple[str, ...]:
    """The ids a reference field holds: none, one, or a list."""
    value = getattr(row, field)
    if value is None:
        return ()
    return tuple(value) if isinstance(value, tuple) else (value,)


def cited_sources(row: BaseModel) -> tuple[str, ...]:
    """Every source a row names, in field order, each once."""
    found = (
        source
        for field, ref in references(type(row)).items()
        if ref.table == "sources"
        for source in referenced(row, field)
    )
    return tuple(dict.fromkeys(found))


def table_of(row: BaseModel) -> Table:
    """The file a row comes from, by its model."""
    return next(table for table in SCHEMA if isinstance(row, table.model))


def row_id(row: BaseModel) -> str | None:
    """A row's id in its file (its ``Key`` field), None for a file without one."""
    key = key_field(type(row))
    return None if key is None else getattr(row, key)
