"""The selection: read from the URL, kept in the session, written back to the URL,
shown in the pickers, changed by their callbacks; the session's widget keys."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import streamlit as st

from components.data import TripView, as_selected, default_trip, listed_trips
from trip.aggregate import Trip
from trip.deck import link_steps
from trip.deeplinks import (
    RESERVED,
    Notice,
    Selection,
    accepted,
    allowed_values,
    parse_params,
    raw_value,
    still_valid,
)

SELECTION = "selection"
NOTICES = "link_notices"  # what the last link from outside could not honour
STOP_PICKER = "stop_picker"
TRIP_PICKER = "trip_picker"
THEME_PICKER = "theme_picker"
LANG_PICKER = "lang_picker"
MAP_KEY = "trip_map"
TIMELINE_KEY = "timeline_chart"
TILES_TOGGLE = "online_tiles"  # OpenStreetMap tiles under the bundled shapes; off
ALL = ""  # the stop picker's "all stops" option


def requested_trip() -> str | None:
    """The trip to load for this run, before the data is there to check a stop
    against: the URL's ``?trip=`` if it names a listed trip (its notice, if not,
    comes with the others), else the session's; None is the default trip."""
    asked = raw_value(st.query_params.get_all("trip")).strip().lower()
    if asked and asked in listed_trips():
        return as_selected(asked)
    if st.query_params:  # a link that names no (known) trip means the default one
        return None
    return selection().trip


def embedded() -> bool:
    """Opened with Streamlit's ``?embed=true`` (an iframe on another site): the
    frame leaves out its navigation and pickers, the overview shows the map and
    the selection. Streamlit keeps this parameter out of ``st.query_params``."""
    return bool(st.context.is_embedded)


def url_lang() -> str:
    """The language asked for in the URL, usable before the data has loaded."""
    chosen, _ = parse_params({"lang": st.query_params.get_all("lang")}, (), ())
    return chosen.lang


def resolve_selection(view: TripView) -> tuple[Selection, tuple[Notice, ...]]:
    """Read the selection from the URL, or keep the session's when the URL has none.

    Streamlit drops the query string when the page changes, so an empty URL means
    "same as before", and the URL is written back to match.
    """
    trip = view.trip
    params = {
        k: st.query_params.get_all(k) for k in st.query_params if k not in RESERVED
    }
    current = st.session_state.get(SELECTION, Selection())
    stops = tuple(stop.stop_id for stop in trip.stops)
    steps = link_steps(trip, view.summaries)
    if params and params != {k: [v] for k, v in current.to_params().items()}:
        # A link from outside (or a hand-edited URL): its notices hold until the
        # user picks something, though the URL is cleaned at once and other
        # reruns (the map reporting its first state, say) follow.
        current, notices = parse_params(
            params, stops, trip.theme_ids, listed_trips(), steps
        )
        current = dataclasses.replace(current, trip=as_selected(current.trip))
        st.session_state[NOTICES] = notices
    # The session's own choice, made on data that staff may have changed since:
    # a trip folder removed, a stop renamed. What is gone is let go, with a notice.
    current, gone = still_valid(current, stops, trip.theme_ids, listed_trips(), steps)
    if gone:
        st.session_state[NOTICES] = (*st.session_state.get(NOTICES, ()), *gone)
    _store(current)
    return current, st.session_state.get(NOTICES, ())


def selection() -> Selection:
    return st.session_state.get(SELECTION, Selection())


# What a widget may choose, per parameter (trip.deeplinks.allowed_values).
Allowed = Mapping[str, tuple[str, ...]]


def allowed(trip: Trip) -> Allowed:
    """What a widget drawn on this run may choose: handed to its callback as an
    argument. Callbacks run before the next run has read any data, so they
    check against what the reader was shown, not against the data module."""
    stops = (stop.stop_id for stop in trip.stops)
    return allowed_values(stops, trip.theme_ids, listed_trips())


def choose(allowed: Allowed, **changes: str | None) -> None:
    """Change the selection everywhere: session, URL, and the pickers that show it.

    Values come from widgets whose events the browser sends (a map click, a chart
    pick), so they are checked like a link's: what the widget's run did not
    offer (``allowed``) is ignored.
    """
    valid = accepted(changes, allowed)
    if "trip" in valid:
        valid["trip"] = as_selected(valid["trip"])
        if valid["trip"] != selection().trip:  # stops and themes are the trip's
            valid |= {"stop": None, "theme": None}
    st.session_state.pop(NOTICES, None)
    # A pick anywhere leaves the briefing's closing step behind.
    _store(dataclasses.replace(selection(), step=None, **valid))


def _store(chosen: Selection) -> None:
    st.session_state[SELECTION] = chosen
    current = st.query_params.to_dict()
    wanted = {k: v for k, v in current.items() if k in RESERVED} | chosen.to_params()
    if current != wanted:
        st.query_params.from_dict(wanted)


def sync_pickers(chosen: Selection) -> None:
    """Show the current selection in the pickers; call before they are drawn."""
    st.session_state[STOP_PICKER] = chosen.stop or ALL
    st.session_state[THEME_PICKER] = chosen.theme
    st.session_state[LANG_PICKER] = chosen.lang
    st.session_state[TRIP_PICKER] = chosen.trip or default_trip()


def on_stop_picked(allowed: Allowed) -> None:
    choose(allowed, stop=st.session_state[STOP_PICKER] or None)


def on_theme_picked(allowed: Allowed) -> None:
    choose(allowed, theme=st.session_state[THEME_PICKER])


def on_trip_picked(allowed: Allowed) -> None:
    choose(allowed, trip=st.session_state[TRIP_PICKER])


def on_lang_picked(allowed: Allowed) -> None:
    choose(allowed, lang=st.session_state[LANG_PICKER] or selection().lang)
