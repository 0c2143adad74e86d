"""The programme as an iCalendar file (RFC 5545), for delegates' phones.

Items with a local time start at that time in the stop's time zone (TZID, with a
VTIMEZONE built from the IANA data); they have no end, because no source gives
one. Items on one day are all-day events. Items that only have a period (the
announced programme of a country, visits on some day of several) are not a
block of all-day events in a delegate's week: those without a stop are listed
in one event per country, and every period is shown as free time
(TRANSP:TRANSPARENT). Each event says whether it was announced or reported, why
it is inferred, and its sources.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from trip.aggregate import Trip
from trip.formatting import country_name, format_day_range
from trip.i18n import t
from trip.itinerary_models import Leg, ProgramItem
from trip.labels import item_dates, source_citation


def program_calendar(trip: Trip, lang: str, now: dt.datetime) -> bytes:
    """One VEVENT per dated programme item and one per country for the periods
    no source places at a stop; ``now`` is the DTSTAMP every event needs."""
    calendar = Calendar()
    calendar.add("prodid", f"-//Trip dashboard//{lang.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", trip.info.title(lang))
    folded: dict[str, list[ProgramItem]] = {}
    for item in trip.program:
        if is_period(item) and item.stop_id is None:
            folded.setdefault(item.country, []).append(item)
        else:
            calendar.add_component(_event(trip, item, lang, now))
    for country, items in folded.items():
        leg = next(leg for leg in trip.legs if leg.country == country)
        calendar.add_component(_country_event(trip, leg, items, lang, now))
    calendar.add_missing_timezones()
    # icalendar adds the zones from a set, in an order that changes from process
    # to process; by TZID, the same programme is the same file (events keep theirs).
    calendar.subcomponents.sort(
        key=lambda part: (part.name != "VTIMEZONE", str(part.get("TZID", "")))
    )
    return calendar.to_ical()


def is_period(item: ProgramItem) -> bool:
    """An item the sources give a span of days for, not one day."""
    return item.date_end > item.date_start


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
    if is_period(item):
        event.add("transp", "TRANSPARENT")
    country = country_name(item.country, lang)
    event.add("location", f"{stop.name(lang)}, {country}" if stop else country)
    if item.themes:
        event.add("categories", [trip.theme_name(theme, lang) for theme in item.themes])
    event.add("description", "\n".join(_item_lines(trip, item, lang)))
    return event


def _country_event(
    trip: Trip, leg: Leg, items: list[ProgramItem], lang: str, now: dt.datetime
) -> Event:
    """One free all-day event over the country's leg, listing its programme that
    no source places at a stop, each item with its period and labels."""
    country = country_name(leg.country, lang)
    event = Event()
    event.add("uid", f"unplaced-{leg.leg_id}@trip-dashboard")
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("summary", t(lang, "briefing.unplaced_title", country=country))
    event.add("dtstart", leg.date_start)
    event.add("dtend", leg.date_end + dt.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("location", country)
    dates = format_day_range(leg.date_start, leg.date_end, lang)
    lines = [t(lang, f"stop.window_{leg.status}", dates=dates, country=country)]
    for item in items:
        lines += ["", f"{item_dates(item, lang)} · {item.title(lang)}"]
        lines += _item_lines(trip, item, lang)
    event.add("description", "\n".join(lines))
    return event


def _item_lines(trip: Trip, item: ProgramItem, lang: str) -> list[str]:
    lines = [
        f"{t(lang, f'status.{item.status}')} · {t(lang, f'basis.{item.basis}')}",
    ]
    if item.time_status:
        lines.append(t(lang, f"time.{item.time_status}"))
    if item.detail(lang):
        lines.append(item.detail(lang) or "")
    if item.inference(lang):
        lines.append(t(lang, "items.inferred_because", why=item.inference(lang)))
    if item.discrepancy(lang):
        lines.append(t(lang, "items.discrepancy", what=item.discrepancy(lang)))
    by_id = trip.source_by_id
    for source_id in item.source_ids:
        source = by_id[source_id]
        cited = f"{source_citation(source, lang)} {source.url or ''}"
        lines.append(t(lang, "source.line", sources=cited.strip()))
    return lines
