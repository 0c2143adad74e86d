"""The itinerary's stop cards: each stop in brief, with one action (show it on the
map); the programme itself is the agenda (components/agenda.py)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components import selection
from components.agenda import zone_label
from components.data import TripView
from trip.aggregate import Trip
from trip.deeplinks import Selection
from trip.formatting import country_name, format_day_range
from trip.history import EarlierVisit
from trip.i18n import t_count, t_md
from trip.labels import stop_dates, stop_name
from trip.stops import StopSummary, stop_matches
from trip.text import Markdown, md

OVERVIEW = "pages/overview.py"


def render_stop_card(
    trip: Trip,
    summary: StopSummary,
    chosen: Selection,
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
        day = summary.days[0] if summary.days else trip.first_day
        noon = dt.datetime.combine(day, dt.time(12), dt.UTC)
        zone = zone_label(stop.country, stop.timezone, noon, lang)
        st.markdown(
            Markdown(f"{badge}  \n{md(stop_dates(summary, lang))}  \n{md(zone)}")
        )
        lines = [md(t_count(lang, "itinerary.program", len(summary.items)))]
        if trip.themes:
            themes = ", ".join(trip.theme_name(t, lang) for t in summary.themes)
            lines.append(t_md(lang, "itinerary.themes", themes=themes or "–"))
        st.markdown(Markdown("  \n".join(lines)))
        if earlier is not None:
            render_earlier_visit(earlier, stop.stop_id, selection.allowed(trip), lang)
        params = {**chosen.to_params(), "stop": stop.stop_id}
        params.pop("step", None)
        st.page_link(
            OVERVIEW,
            label=t_md(lang, "itinerary.show_on_map"),
            icon=":material/map:",
            query_params=params,
        )


def render_earlier_visit(
    earlier: EarlierVisit, stop_id: str, allowed: selection.Allowed, lang: str
) -> None:
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
        type="tertiary",
        on_click=selection.choose,
        args=(allowed,),
        kwargs={"trip": earlier.trip_id},
    )


def stop_anchor(stop_id: str) -> str:
    """The card's heading anchor, so a link can jump to the selected stop."""
    return f"stop-{stop_id}"


def render_calendar_download(view: TripView, lang: str) -> None:
    """The programme for the phone's calendar, each item in its stop's local time."""
    st.download_button(
        t_md(lang, "calendar.download"),
        data=view.calendar(lang),
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
