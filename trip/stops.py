"""What the program says about each stop: its days and themes, derived from items."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from trip.aggregate import Trip
from trip.itinerary_models import Leg, ProgramItem, Stop


@dataclass(frozen=True)
class StopSummary:
    """A stop with the facts the views need; ``days`` and ``themes`` are derived."""

    stop: Stop
    number: int
    leg: Leg | None
    days: tuple[dt.date, dt.date] | None  # derived: span of reported items at the stop
    themes: tuple[str, ...]  # derived: union of the themes of items at the stop
    items: tuple[ProgramItem, ...]


def items_at(trip: Trip, stop_id: str) -> tuple[ProgramItem, ...]:
    return tuple(item for item in trip.program if item.stop_id == stop_id)


def items_for_country(trip: Trip, country: str) -> tuple[ProgramItem, ...]:
    """Items that name a country but no stop: what the press release announced."""
    return tuple(
        item
        for item in trip.program
        if item.stop_id is None and item.country == country
    )


def leg_of(trip: Trip, country: str) -> Leg | None:
    return next((leg for leg in trip.legs if leg.country == country), None)


def summarize(trip: Trip) -> tuple[StopSummary, ...]:
    """The stops in trip order, numbered 1…n."""
    summaries = []
    for number, stop in enumerate(sorted(trip.stops, key=lambda s: s.order), start=1):
        items = tuple(sorted(items_at(trip, stop.stop_id), key=_by_day))
        reported = [item for item in items if item.status == "reported"]
        days = (
            (min(i.date_start for i in reported), max(i.date_end for i in reported))
            if reported
            else None
        )
        themes = tuple(
            theme
            for theme in trip.theme_ids
            if any(theme in item.themes for item in items)
        )
        summaries.append(
            StopSummary(stop, number, leg_of(trip, stop.country), days, themes, items)
        )
    return tuple(summaries)


def summary_of(summaries: tuple[StopSummary, ...], stop_id: str) -> StopSummary:
    """The summary of one stop; the id comes from a validated selection."""
    return next(s for s in summaries if s.stop.stop_id == stop_id)


def _by_day(item: ProgramItem) -> dt.date:
    """Items by their first day; a stable sort keeps the file's order within a day,
    which is the order the sources give (a time is not always known)."""
    return item.date_start


def item_matches(item: ProgramItem, theme: str | None) -> bool:
    """No theme picked means everything matches."""
    return theme is None or theme in item.themes


def stop_matches(summary: StopSummary, theme: str | None) -> bool:
    return theme is None or theme in summary.themes
