"""Earlier trips to the same countries: "visited before", from the trips' legs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from trip.aggregate import Trip
from trip.itinerary_models import Leg


class Visited(Protocol):
    """Another trip as far as "visited before" needs it: a full ``Trip`` or the
    trips index's ``ListedTrip`` (title and legs only)."""

    @property
    def trip_id(self) -> str: ...

    @property
    def legs(self) -> Sequence[Leg]: ...


@dataclass(frozen=True)
class EarlierVisit:
    """The latest earlier trip with a leg in a country, and that leg's days."""

    trip_id: str
    country: str
    first_day: dt.date
    last_day: dt.date


def earlier_visits(trip: Trip, others: Iterable[Visited]) -> dict[str, EarlierVisit]:
    """country -> the most recent visit before ``trip`` began, by any other trip;
    countries no earlier trip went to are left out."""
    found: dict[str, EarlierVisit] = {}
    for other in others:
        if other.trip_id == trip.trip_id:
            continue
        for leg in other.legs:
            if leg.date_start >= trip.first_day:
                continue
            known = found.get(leg.country)
            if known is None or leg.date_start > known.first_day:
                found[leg.country] = EarlierVisit(
                    other.trip_id, leg.country, leg.date_start, leg.date_end
                )
    countries = {leg.country for leg in trip.legs}
    return {country: visit for country, visit in found.items() if country in countries}
