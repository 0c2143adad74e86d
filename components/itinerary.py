"""Itinerary cards for tablets: one per stop, with local time and the home's."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components import state
from components.labels import source_short
from components.timeline import render_item, render_stop_items
from trip.deeplinks import Selection
from trip.formatting import (
    country_name,
    format_clock,
    format_day_range,
    format_day_short,
)
from trip.history import EarlierVisit
from trip.i18n import t_count, t_md
from trip.labels import stop_dates, stop_name
from trip.loading import Trip
from trip.stops import StopSummary, items_for_country, stop_matches
from trip.text import Markdown, md
from trip.timezones import at_stop_and_home, utc_offset


def render_stop_card(
    trip: Trip,
    summary: StopSummary,
    chosen: Selection,
    now: dt.datetime,
    earlier: EarlierVisit | None = None,
) -> None:
    lang = chosen.lang
    stop = summary.stop
    picked = stop.stop_id == chosen.stop
    muted = not stop_matches(summary, chosen.theme)
    key = (
        f"card-{stop.stop_id}{'-selected' if picked else ''}{'-muted' if muted else ''}"
    )
    with st.container(border=True, key=key):
        badge = (
            t_md(lang, "stop.added_badge")
            if stop.status == "added"
            else t_md(lang, "stop.announced_badge")
        )
        st.header(md(stop_name(summary, lang)), anchor=stop_anchor(stop.stop_id))
        st.markdown(badge)
        st.markdown(md(stop_dates(summary, lang)))
        if earlier is not None:
            render_earlier_visit(earlier, stop.stop_id, lang)
        if trip.themes:
            themes = ", ".join(trip.theme_name(t, lang) for t in summary.themes)
            st.markdown(t_md(lang, "itinerary.themes", themes=themes or "–"))
        local, at_home = at_stop_and_home(now, stop.timezone, trip.info.home_timezone)
        st.markdown(
            t_md(
                lang,
                "itinerary.clock",
                zone=stop.timezone,
                offset=utc_offset(stop.timezone, now),
                local=_day_and_clock(local, lang),
                home=trip.info.home(lang),
                at_home=_day_and_clock(at_home, lang),
            )
        )
        st.button(
            t_md(lang, "itinerary.unpick" if picked else "itinerary.pick"),
            key=f"card-pick-{stop.stop_id}",
            type="primary" if picked else "secondary",
            on_click=state.choose,
            kwargs={"stop": None if picked else stop.stop_id},
            width="stretch",
        )
        with st.expander(
            md(t_count(lang, "itinerary.program", len(summary.items))),
            expanded=picked,
        ):
            render_stop_items(trip, summary, chosen)
        by_id = trip.source_by_id
        st.caption(
            t_md(
                lang,
                f"itinerary.place_{stop.coord_basis}",
                stop_source=source_short(by_id[stop.source_id], lang),
                anchor=stop.coord_anchor,
                coord_source=source_short(by_id[stop.coord_source_id], lang),
            )
        )


def render_earlier_visit(earlier: EarlierVisit, stop_id: str, lang: str) -> None:
    """'Earlier visit to Japan: 12–18 Feb 2017': opens that trip, as the trip
    picker would (the URL then carries its ``?trip=``)."""
    st.button(
        t_md(
            lang,
            "itinerary.earlier_visit",
            country=country_name(earlier.country, lang),
            dates=format_day_range(earlier.first_day, earlier.last_day, lang),
        ),
        key=f"earlier-{stop_id}",
        icon=":material/history:",
        on_click=state.choose,
        kwargs={"trip": earlier.trip_id},
        width="stretch",
    )


def render_announced(trip: Trip, chosen: Selection) -> None:
    """Items no source places at a stop (mostly what was announced), per country,
    each with its dates, labels, reasons and sources, as at a stop."""
    lang = chosen.lang
    st.header(t_md(lang, "itinerary.announced_title"), anchor=False)
    for country in dict.fromkeys(leg.country for leg in trip.legs):
        items = items_for_country(trip, country)
        if not items:
            continue
        st.subheader(md(country_name(country, lang)), anchor=False)
        for item in items:
            render_item(trip, item, None, chosen, "unplaced")


def _day_and_clock(moment: dt.datetime, lang: str) -> str:
    return f"{format_day_short(moment.date(), lang)}, {format_clock(moment, lang)}"


def stop_anchor(stop_id: str) -> str:
    """The card's heading anchor, so a link can jump to the selected stop."""
    return f"stop-{stop_id}"


def render_calendar_download(lang: str) -> None:
    """The programme for the phone's calendar, each item in its stop's local time."""
    st.download_button(
        t_md(lang, "calendar.download"),
        data=state.calendar_file(lang),
        file_name=f"programme-{lang}.ics",
        mime="text/calendar",
        key="download-calendar",
        icon=":material/calendar_add_on:",
        help=t_md(lang, "calendar.help"),
        on_click="ignore",
    )


def render_jump_to(summary: StopSummary, lang: str) -> None:
    """On a tablet the selected card may be far down: a link straight to it."""
    label = t_md(lang, "itinerary.jump", name=stop_name(summary, lang))
    # The anchor is built from a validated slug (Stop.stop_id).
    st.markdown(Markdown(f"[{label}](#{stop_anchor(summary.stop.stop_id)})"))
