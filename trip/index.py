"""The trips folder as it is now: which trips there are, the default one, and of
each only what the trip picker and "visited before" need (its title and legs).

Discovered on every look, not remembered: a folder added, renamed or removed, or
a new default in ``trips.toml``, shows at the next look. A look costs a listing
and two ``stat`` calls per trip; a trip's two files are read again only when
they change, so a click costs about the same with 500 trips as with 3 (issue 18).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from trip.checks import refuse_symlinked
from trip.discovery import default_trip_id, trip_ids
from trip.errors import DataFileError
from trip.itinerary_models import Leg
from trip.loading import read_rows
from trip.paths import TRIPS_DIR
from trip.trip_models import TripInfo
from trip.versions import files_fingerprint

# What the index reads of each trip: its title, and where and when it went.
INDEX_FILES = ("trip.csv", "legs.csv")


@dataclass(frozen=True)
class ListedTrip:
    """One trip as the index knows it; ``problem`` if its files cannot be read
    (the picker still lists it by id; opening it shows what is wrong)."""

    trip_id: str
    info: TripInfo | None
    legs: tuple[Leg, ...]
    problem: DataFileError | None = None

    def title(self, lang: str) -> str:
        return self.info.title(lang) if self.info else self.trip_id


@dataclass(frozen=True)
class TripIndex:
    trips: tuple[ListedTrip, ...]
    default: str | None  # None: trips.toml is broken (``default_problem``)
    default_problem: DataFileError | None = None

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(trip.trip_id for trip in self.trips)


def look(root: Path = TRIPS_DIR) -> TripIndex:
    """The trips folder now. Never raises for one trip's files: each trip carries
    its own problem, and a broken ``trips.toml`` is the index's."""
    ids = trip_ids(root)
    folders = [os.path.join(root, trip_id) for trip_id in ids]
    trips = tuple(_listed(folder, _fingerprint(folder)) for folder in folders)
    try:
        return TripIndex(trips, default_trip_id(root, ids))
    except DataFileError as problem:
        return TripIndex(trips, None, problem)


def _fingerprint(folder: str) -> tuple:
    """The index's two files by ``stat`` alone (size, mtime, ctime): 500 trips
    are 1,000 calls, not 1,000 reads."""
    return files_fingerprint(folder, *INDEX_FILES, by_content=False)


@functools.lru_cache(maxsize=4096)
def _listed(folder: str, fingerprint: tuple) -> ListedTrip:
    """A trip's title and legs, read again when the files' fingerprint changes."""
    path = Path(folder)
    try:
        refuse_symlinked(path)
        info = read_rows(path, "trip")
        legs = read_rows(path, "legs")
    except DataFileError as problem:
        return ListedTrip(path.name, None, (), problem)
    return ListedTrip(path.name, info[0] if info else None, tuple(legs))
