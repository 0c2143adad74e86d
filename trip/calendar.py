"""The programme as an iCalendar file (RFC 5545), for delegates' phones.

Items with a local time start at that time in the stop's time zone (TZID, with a
VTIMEZONE built from the IANA data); they have no end, because no source gives
one. Items with days only are all-day events. Each event says whether it was
announced or reported, why it is inferred, and its sources.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from trip.formatting import country_name
from trip.i18n import t
from trip.labels import source_citation
from trip.loading import Trip
from trip.models import ProgramItem


def program_calendar(trip: Trip, lang: str, now: dt.datetime) -> bytes:
    """One VEVENT per programme item; ``now`` is the DTSTAMP every event needs."""
    calendar = Calendar()
    calendar.add("prodid", f"-//Trip dashboard//{lang.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", trip.info.title(lang))
    for item in trip.program:
        calendar.add_component(_event(trip, item, lang, now))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(trip: Trip, item: ProgramItem, lang: str, now: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"{item.item_id}@trip-dashboard")
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("summary", item.title(lang))
    stop = trip.stop_by_id.get(item.stop_id) if item.stop_id else None
    if item.time_local is not None and stop is not None:
        zone = ZoneInfo(stop.timezone)
        event.add(
            "dtstart", dt.datetime.combine(item.date_start, item.time_local, zone)
        )
    else:
        event.add("dtstart", item.date_start)
        event.add("dtend", item.date_end + dt.timedelta(days=1))  # exclusive
    country = country_name(item.country, lang)
    event.add("location", f"{stop.name(lang)}, {country}" if stop else country)
    if item.themes:
        event.add("categories", [trip.theme_name(theme, lang) for theme in item.themes])
    event.add("description", _description(trip, item, lang))
    return event


def _description(trip: Trip, item: ProgramItem, lang: str) -> str:
    lines = [
        f"{t(lang, f'status.{item.status}')} · {t(lang, f'basis.{item.basis}')}",
    ]
    if item.inference(lang):
        lines.append(t(lang, "items.inferred_because", why=item.inference(lang)))
    if item.discrepancy(lang):
        lines.append(t(lang, "items.discrepancy", what=item.discrepancy(lang)))
    by_id = trip.source_by_id
    for source_id in item.source_ids:
        source = by_id[source_id]
        cited = f"{source_citation(source, lang)} {source.url or ''}"
        lines.append(t(lang, "source.line", sources=cited.strip()))
    return "\n".join(lines)
