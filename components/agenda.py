"""The programme day by day, for delegates on a tablet: every item visible, with
its local time where a source gives one, its place, its labels in plain words and
its sources; what has no day of its own sits in its period."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components.timeline import render_item
from trip.agenda import Agenda, Day, Entry, Period, blocks
from trip.aggregate import Trip
from trip.citing import PageCitations
from trip.deeplinks import Selection
from trip.formatting import (
    country_name,
    format_clock,
    format_day_range,
    format_day_short,
)
from trip.i18n import t, t_md
from trip.labels import item_time, stop_name
from trip.stops import StopSummary
from trip.text import md
from trip.timezones import at_stop_and_home, utc_offset


def render_agenda(
    trip: Trip, plan: Agenda, chosen: Selection, cited: PageCitations
) -> None:
    lang = chosen.lang
    with st.container(key="agenda"):
        st.header(t_md(lang, "agenda.title"), anchor=False)
        st.caption(t_md(lang, "agenda.legend"))
        for block in blocks(plan):
            if isinstance(block, Period):
                _period(trip, block, chosen, cited)
            else:
                _day(trip, block, chosen, cited)


def _period(
    trip: Trip, period: Period, chosen: Selection, cited: PageCitations
) -> None:
    lang = chosen.lang
    dates = format_day_range(period.start, period.end, lang, with_year=False)
    st.subheader(
        md(
            t(
                lang,
                "agenda.period",
                dates=dates,
                country=country_name(period.country, lang),
            )
        ),
        anchor=False,
    )
    for entry in period.entries:
        _entry(trip, entry, chosen, cited, place=True)


def _day(trip: Trip, day: Day, chosen: Selection, cited: PageCitations) -> None:
    lang = chosen.lang
    noon = dt.datetime.combine(day.day, dt.time(12), dt.UTC)
    places = [
        t(
            lang,
            "agenda.place",
            name=stop.name(lang),
            zone=zone_label(stop.country, stop.timezone, noon, lang),
        )
        for stop in day.stops
    ] or [country_name(e.item.country, lang) for e in day.entries[:1]]
    heading = " · ".join([format_day_short(day.day, lang), *places])
    st.subheader(md(heading), anchor=False)
    for entry in day.entries:
        _entry(trip, entry, chosen, cited, place=len(day.stops) > 1)


def _entry(
    trip: Trip, entry: Entry, chosen: Selection, cited: PageCitations, place: bool
) -> None:
    """An item; its time if a source gives one, its place where the heading does
    not already say it; items at the chosen stop outlined."""
    lang = chosen.lang
    item, summary = entry.item, entry.summary
    parts = []
    if place and summary is not None:
        parts.append(stop_name(summary, lang))
    time = item_time(item, summary, trip.info, lang)  # the heading gives the day
    if time:
        parts.append(time)
    picked = chosen.stop is not None and item.stop_id == chosen.stop
    key = f"agenda-{item.item_id}{'-picked' if picked else ''}"
    with st.container(key=key):
        when = " · ".join(parts)
        render_item(trip, item, summary, chosen, cited, "agenda", when=when)


def zone_label(country: str, timezone: str, moment: dt.datetime, lang: str) -> str:
    """'Japan, UTC+9': the time zone as people say it, for that day."""
    return t(
        lang,
        "agenda.zone",
        country=country_name(country, lang),
        offset=utc_offset(timezone, moment),
    )


def render_now(
    trip: Trip, summaries: tuple[StopSummary, ...], chosen: Selection, now: dt.datetime
) -> None:
    """While the trip is on: the clock at each place of today's leg and at home."""
    lang = chosen.lang
    today = now.date()
    here = [
        s
        for s in summaries
        if s.leg is not None and s.leg.date_start <= today <= s.leg.date_end
    ]
    for summary in here[:1] or summaries[:1]:
        stop = summary.stop
        local, at_home = at_stop_and_home(now, stop.timezone, trip.info.home_timezone)
        st.info(
            t_md(
                lang,
                "agenda.now",
                place=stop.name(lang),
                zone=zone_label(stop.country, stop.timezone, now, lang),
                local=format_clock(local, lang),
                home=trip.info.home(lang),
                at_home=format_clock(at_home, lang),
            ),
            icon=":material/schedule:",
        )
