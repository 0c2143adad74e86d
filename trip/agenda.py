"""The programme day by day, for delegates: what happens on which day, where, at
what local time, and what is only known as a period (the announced programme of a
country, visits on some day of several). Plain data for the itinerary page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from trip.aggregate import Trip
from trip.itinerary_models import ProgramItem, Stop
from trip.stops import StopSummary


@dataclass(frozen=True)
class Entry:
    """An item in the agenda, with its stop's summary where a source names one."""

    item: ProgramItem
    summary: StopSummary | None

    @property
    def stop(self) -> Stop | None:
        return self.summary.stop if self.summary else None


@dataclass(frozen=True)
class Period:
    """Items that share one span of days in one country, no single day known."""

    start: dt.date
    end: dt.date
    country: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Day:
    """One day's items, in the order the sources give them."""

    day: dt.date
    entries: tuple[Entry, ...]

    @property
    def stops(self) -> tuple[Stop, ...]:
        """The places of the day, each once, in the order of the items."""
        found = {e.stop.stop_id: e.stop for e in self.entries if e.stop is not None}
        return tuple(found.values())


@dataclass(frozen=True)
class Agenda:
    periods: tuple[Period, ...]
    days: tuple[Day, ...]


def agenda(trip: Trip, summaries: tuple[StopSummary, ...]) -> Agenda:
    """Single-day items by day; the rest by their span and country. Within a day
    or a period, the file's order (the order the sources give)."""
    by_stop = {summary.stop.stop_id: summary for summary in summaries}
    days: dict[dt.date, list[Entry]] = {}
    periods: dict[tuple[dt.date, dt.date, str], list[Entry]] = {}
    for item in trip.program:
        entry = Entry(item, by_stop.get(item.stop_id or ""))
        if item.date_end > item.date_start:
            key = (item.date_start, item.date_end, item.country)
            periods.setdefault(key, []).append(entry)
        else:
            days.setdefault(item.date_start, []).append(entry)
    return Agenda(
        periods=tuple(
            Period(start, end, country, tuple(entries))
            for (start, end, country), entries in sorted(
                periods.items(), key=lambda pair: (pair[0][0], -pair[0][1].toordinal())
            )
        ),
        days=tuple(Day(day, tuple(days[day])) for day in sorted(days)),
    )


def running(trip: Trip, today: dt.date) -> bool:
    """Whether the trip is on today: live clocks and "now/next" only then."""
    return trip.first_day <= today <= trip.last_day


def blocks(plan: Agenda) -> list[Period | Day]:
    """Periods and days in the order a reader goes through the trip: by their
    first day, a period before the day it starts on."""
    timed: list[tuple[dt.date, int, Period | Day]] = [
        (period.start, 0, period) for period in plan.periods
    ]
    timed += [(day.day, 1, day) for day in plan.days]
    return [block for *_, block in sorted(timed, key=lambda entry: entry[:2])]
