"""The base of every row model: one pydantic model per data file, each in the
module of its family (``trip.trip_models``, ``trip.itinerary_models``,
``trip.trade_models``, ``trip.source_models``); together they are the schema of a
trip folder's CSV files.

Nothing there names a trip: countries and languages are checked against Babel's
lists, ids against the trip's own files (``Ref``), and the names people read
(themes, goods groups, delegation scopes) come with the data in both languages.
The cell types and their rules are in ``trip.fields``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class Record(BaseModel):
    """Common config: rows are immutable, unknown fields are an error, and numbers
    are finite (``nan`` and ``inf`` parse as floats, but no page can show them)."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    def _in(self, lang: str, field: str) -> Any:
        """A text the data gives in both languages (``<field>_de``, ``<field>_en``):
        German for German readers, English for everyone else."""
        return getattr(self, f"{field}_de" if lang == "de" else f"{field}_en")


def split_list(value: object) -> object:
    """A cell of ``;``-separated ids as a list (an empty cell: none)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return value
