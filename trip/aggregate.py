"""The ``Trip`` aggregate: one trip's validated rows, and what follows from
them alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from trip.itinerary_models import Leg, ProgramItem, Stop
from trip.source_models import Quote, Source
from trip.trade_models import GoodsGroup, TradeFigure
from trip.trip_models import DelegationSize, Statement, Theme, TripInfo


@dataclass(frozen=True)
class Trip:
    """Everything in ``data/``, validated and cross-checked, in file order."""

    sources: tuple[Source, ...]
    about: tuple[Statement, ...]
    themes: tuple[Theme, ...]
    stops: tuple[Stop, ...]
    legs: tuple[Leg, ...]
    program: tuple[ProgramItem, ...]
    trade: tuple[TradeFigure, ...]
    goods: tuple[GoodsGroup, ...]
    delegation: tuple[DelegationSize, ...]
    quotes: tuple[Quote, ...]
    info: TripInfo
    trip_id: str

    @property
    def source_by_id(self) -> dict[str, Source]:
        return {source.source_id: source for source in self.sources}

    @property
    def stop_by_id(self) -> dict[str, Stop]:
        return {stop.stop_id: stop for stop in self.stops}

    @property
    def theme_ids(self) -> tuple[str, ...]:
        return tuple(theme.theme_id for theme in self.themes)

    def theme_name(self, theme_id: str, lang: str) -> str:
        """A theme's name as the trip's data gives it (the loader checked the id)."""
        return next(t.name(lang) for t in self.themes if t.theme_id == theme_id)

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
