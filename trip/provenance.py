"""Which facts rest on which source: the reverse of every ``source_id`` in ``data/``."""

from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel

from trip.loading import Trip


def facts_by_source(trip: Trip) -> dict[str, list[tuple[str, BaseModel]]]:
    """source_id -> [(kind of fact, the row)], in file order."""
    uses: dict[str, list[tuple[str, BaseModel]]] = defaultdict(list)
    for stop in trip.stops:
        uses[stop.source_id].append(("stop", stop))
        uses[stop.coord_source_id].append(("coordinates", stop))
    for theme in trip.themes:
        uses[theme.source_id].append(("theme", theme))
    for leg in trip.legs:
        uses[leg.source_id].append(("leg", leg))
    for item in trip.program:
        for source_id in item.source_ids:
            uses[source_id].append(("item", item))
    for figure in trip.trade:
        for source_id in figure.source_ids:
            uses[source_id].append(("trade", figure))
    for group in trip.goods:
        uses[group.source_id].append(("goods", group))
    for size in trip.delegation:
        uses[size.source_id].append(("delegation", size))
    return dict(uses)
