"""Which facts rest on which source: the reverse of every reference to
``sources`` that the schema declares (``trip.schema.SCHEMA``)."""

from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel

from trip.aggregate import Trip
from trip.schema import SCHEMA, referenced


def facts_by_source(trip: Trip) -> dict[str, list[tuple[str, BaseModel]]]:
    """source_id -> [(kind of fact, the row)], in schema and file order."""
    uses: dict[str, list[tuple[str, BaseModel]]] = defaultdict(list)
    for table in SCHEMA:
        rows = (trip.info,) if table.name == "trip" else getattr(trip, table.name)
        facts = table.source_facts
        for row in rows:
            for field, fact in facts.items():
                for source_id in referenced(row, field):
                    uses[source_id].append((fact, row))
    return dict(uses)
