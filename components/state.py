"""The UI edge: cached data, the selection (mirrored in the URL) and its callbacks."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections import Counter
from pathlib import Path

import streamlit as st
from streamlit import dataframe_util

from trip.aggregate import Trip
from trip.briefing import app_assets, briefing_html, link_steps, pack_html
from trip.calendar import program_calendar
from trip.deeplinks import (
    RESERVED,
    Notice,
    Selection,
    parse_params,
    raw_value,
    still_valid,
)
from trip.errors import DataFileError
from trip.history import EarlierVisit
from trip.history import earlier_visits as find_earlier_visits
from trip.i18n import LANGS
from trip.index import TripIndex
from trip.index import look as look_at_trips
from trip.loading import check_trip, load_trip
from trip.mapview import BASEMAP_FILE, load_basemap
from trip.paths import TRIPS_DIR
from trip.schema import DATA_FILES
from trip.stops import StopSummary, summarize
from trip.timeline_chart import timeline_chart
from trip.trade import trade_charts
from trip.trade_chart import trade_chart_spec
from trip.versions import LastGood, files_fingerprint

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
DATA_VERSION = "data_version"  # this run's data fingerprint, see refresh_data_version
TRIPS_INDEX_KEY = "trips_index"  # this run's look at data/trips, likewise


def run_through_entry_file() -> None:
    """Make sure app.py (frame, language, navigation) runs, even on a first visit.

    Until some run has called ``st.navigation``, Streamlit treats the sibling
    ``pages/`` folder as a v1 multipage app (``PagesManager.uses_pages_directory``),
    so a fresh server's first visit to ``/trade`` would run pages/trade.py alone,
    without the frame. Switch that off and rerun through app.py. Workaround for the
    first-load deep-link behaviour in streamlit/streamlit#9624.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def trips_dir() -> Path:
    """The folder of trip folders; ``TRIPS_DIR`` lets tests bring their own."""
    return Path(os.environ.get("TRIPS_DIR", TRIPS_DIR))


def default_trip() -> str:
    """The default trip's id; a broken ``trips.toml`` is the site's error."""
    index = trips_index()
    if index.default is None:
        assert index.default_problem is not None
        raise index.default_problem
    return index.default


def listed_trips() -> tuple[str, ...]:
    return trips_index().ids


def trips_index() -> TripIndex:
    """This run's look at the trips folder (see refresh_data_version)."""
    return st.session_state.get(TRIPS_INDEX_KEY) or _look_at_trips()


def _look_at_trips() -> TripIndex:
    """The trips folder now: trips come and go, and the default changes, at the
    next run of every session on every replica (``trip.index``)."""
    index = look_at_trips(trips_dir())
    st.session_state[TRIPS_INDEX_KEY] = index
    return index


def as_selected(trip_id: str | None) -> str | None:
    """How a selection holds a trip: None for the default, so links stay short."""
    return None if trip_id == default_trip() else trip_id


def data_dir(trip_id: str | None = None) -> Path:
    """A trip's folder (None or its id: the default trip's). ``TRIP_DATA_DIR``
    lets tests put a broken copy in the default trip's place."""
    trip_id = as_selected(trip_id)
    if trip_id is None and "TRIP_DATA_DIR" in os.environ:
        return Path(os.environ["TRIP_DATA_DIR"])
    return trips_dir() / (trip_id or default_trip())


def _version_of(trip_id: str | None) -> tuple[str, tuple]:
    """A trip's folder and its files' fingerprint: the key of its cached values."""
    directory = data_dir(trip_id)
    return str(directory), files_fingerprint(directory)


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


# Keyed on the files' fingerprints (their bytes, sizes and times) as well as the
# folder, so an edited file shows on the next rerun. A failed load is not cached.
# The trip and its summaries are frozen, so every session shares one object
# (cache_resource) instead of unpickling a copy at each of a run's calls.
@st.cache_resource(show_spinner=False, max_entries=8)
def _loaded(directory: str, fingerprint: tuple) -> Trip:
    return load_trip(Path(directory))


# Per trip folder, the version that last loaded: shown while the files on disk
# do not load (an edit being saved), see trip.versions.
LAST_GOOD: LastGood[Trip] = LastGood()


def _trip(directory: str, fingerprint: tuple) -> Trip:
    return LAST_GOOD.kept(directory, fingerprint) or _loaded(directory, fingerprint)


@st.cache_resource(show_spinner=False, max_entries=8)
def _summaries(directory: str, fingerprint: tuple) -> tuple[StopSummary, ...]:
    return summarize(_trip(directory, fingerprint))


@st.cache_data(show_spinner=False, max_entries=4)
def _check_basemap(path: str, fingerprint: tuple) -> int:
    return len(load_basemap(Path(path))["features"])


@st.cache_data(show_spinner=False, max_entries=8)
def _calendar(directory: str, fingerprint: tuple, lang: str) -> bytes:
    return program_calendar(
        _trip(directory, fingerprint), lang, dt.datetime.now(dt.UTC)
    )


def calendar_file(lang: str) -> bytes:
    """The programme as .ics, built once per data version and language."""
    return _calendar(*data_version(), lang)


@st.cache_data(show_spinner=False, max_entries=32)
def _briefing(directory: str, fingerprint: tuple, lang: str, start: str) -> str:
    trip = _trip(directory, fingerprint)
    summaries = _summaries(directory, fingerprint)
    return briefing_html(trip, summaries, lang, start, app_assets())


@st.cache_data(show_spinner=False, max_entries=4)
def _pack(directory: str, fingerprint: tuple, lang: str) -> bytes:
    trip = _trip(directory, fingerprint)
    return pack_html(trip, lang, _summaries(directory, fingerprint)).encode("utf-8")


def briefing_document(lang: str, start: str) -> str:
    """The briefing deck for the app, opening at step ``start``."""
    return _briefing(*data_version(), lang, start)


def briefing_pack(lang: str) -> bytes:
    """The self-contained briefing pack (about 0.6 MB; built once per language)."""
    return _pack(*data_version(), lang)


@st.cache_data(show_spinner=False, max_entries=128)
def _timeline_spec(
    directory: str, fingerprint: tuple, lang: str, stop: str | None, theme: str | None
) -> dict:
    trip = _trip(directory, fingerprint)
    summaries = _summaries(directory, fingerprint)
    return _arrow_datasets(timeline_chart(summaries, trip, lang, stop, theme).to_dict())


def timeline_spec(lang: str, stop: str | None, theme: str | None) -> dict:
    """The timeline's Vega-Lite spec, built once per data version, language and
    selection: Altair's validation took 55 ms of every rerun (issue 9)."""
    return _timeline_spec(*data_version(), lang, stop, theme)


@st.cache_data(show_spinner=False, max_entries=16)
def _trade_spec(directory: str, fingerprint: tuple, lang: str, chart_id: str) -> dict:
    trip = _trip(directory, fingerprint)
    chart = next(chart for chart in trade_charts(trip) if chart.chart_id == chart_id)
    return _arrow_datasets(trade_chart_spec(chart, trip, lang))


def _arrow_datasets(spec: dict) -> dict:
    """The spec with its datasets as Arrow bytes, made once here: given rows,
    ``st.vega_lite_chart`` converts them through pandas at every call, which took
    15 % of an overview rerun; bytes it passes on as they are
    (``streamlit.elements.vega_charts._marshall_chart_data``)."""
    datasets = {
        name: dataframe_util.convert_anything_to_arrow_bytes(rows)
        for name, rows in spec.get("datasets", {}).items()
    }
    return {**spec, "datasets": datasets} if datasets else spec


def trade_spec(lang: str, chart_id: str) -> dict:
    """A trade chart's Vega-Lite spec, built once per data version and language."""
    return _trade_spec(*data_version(), lang, chart_id)


def refresh_data_version() -> tuple[str, tuple]:
    """Look at the trips folder and the requested trip's files once per run
    (app.py calls this first), so that an edit shows on the next rerun; later
    calls in the run reuse the result."""
    _look_at_trips()
    directory, on_disk = _version_of(requested_trip())
    st.session_state[DATA_VERSION] = (directory, on_disk)  # what a problem names
    shown, _ = LAST_GOOD.show(directory, on_disk, _loaded)
    st.session_state[DATA_VERSION] = (directory, shown)
    return directory, shown


def data_version() -> tuple[str, tuple]:
    """The data folder and its files' fingerprint: the key of every cached value
    built from the data."""
    return st.session_state.get(DATA_VERSION) or refresh_data_version()


def problems_with(error: DataFileError) -> list[DataFileError]:
    """For a broken file of this run's trip, every problem in its folder, as
    ``python -m trip check`` reports them; for any other file, the one error."""
    if error.file not in DATA_FILES:
        return [error]
    return _problems(*data_version()) or [error]


@st.cache_resource(show_spinner=False, max_entries=8)
def _problems(directory: str, fingerprint: tuple) -> list[DataFileError]:
    return check_trip(Path(directory))


def trip_titles(lang: str) -> dict[str, str]:
    """Every listed trip's title by id; a broken trip shows its id (opening it
    shows what is broken), so it never hides the others. Titles are made unique:
    a selectbox tells its options apart by their labels, and two trips with one
    title would switch to the last of them at the next rerun."""
    titles = {trip.trip_id: trip.title(lang) for trip in trips_index().trips}
    counts = Counter(titles.values())
    return {
        trip_id: title if counts[title] == 1 else f"{title} ({trip_id})"
        for trip_id, title in titles.items()
    }


def trip_data() -> Trip:
    return _trip(*data_version())


def earlier_visits() -> dict[str, EarlierVisit]:
    """This trip's countries that another listed trip visited before, by country,
    from the index (titles and legs only). A broken trip is skipped here; the
    picker still lists it."""
    others = [trip for trip in trips_index().trips if trip.problem is None]
    return find_earlier_visits(trip_data(), others)


def stop_summaries(version: tuple[str, tuple] | None = None) -> tuple[StopSummary, ...]:
    """The stops' summaries, of this run's data or of a given ``data_version()``."""
    return _summaries(*(version or data_version()))


def check_basemap() -> int:
    """Validate the shipped basemap; ``TRIP_BASEMAP`` lets tests break a copy."""
    path = Path(os.environ.get("TRIP_BASEMAP", str(BASEMAP_FILE)))
    return _check_basemap(
        str(path), files_fingerprint(path.parent, path.name, by_content=False)
    )


def embedded() -> bool:
    """Opened with Streamlit's ``?embed=true`` (an iframe on another site): the
    frame leaves out its navigation and pickers, the overview shows the map and
    the selection. Streamlit keeps this parameter out of ``st.query_params``."""
    return bool(st.context.is_embedded)


def url_lang() -> str:
    """The language asked for in the URL, usable before the data has loaded."""
    chosen, _ = parse_params({"lang": st.query_params.get_all("lang")}, (), ())
    return chosen.lang


def resolve_selection(trip: Trip) -> tuple[Selection, tuple[Notice, ...]]:
    """Read the selection from the URL, or keep the session's when the URL has none.

    Streamlit drops the query string when the page changes, so an empty URL means
    "same as before", and the URL is written back to match.
    """
    params = {
        k: st.query_params.get_all(k) for k in st.query_params if k not in RESERVED
    }
    current = st.session_state.get(SELECTION, Selection())
    stops = tuple(stop.stop_id for stop in trip.stops)
    steps = link_steps(trip, stop_summaries())
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


def choose(**changes: str | None) -> None:
    """Change the selection everywhere: session, URL, and the pickers that show it.

    Values come from widgets whose events the browser sends (a map click, a chart
    pick), so they are checked like a link's: what the trip does not know is
    ignored.
    """
    trip = trip_data()
    known = {
        "stop": {stop.stop_id for stop in trip.stops},
        "theme": set(trip.theme_ids),
        "lang": set(LANGS),
        "trip": set(listed_trips()),
    }
    valid = {
        name: value
        for name, value in changes.items()
        if value is None or (isinstance(value, str) and value in known[name])
    }
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


def on_stop_picked() -> None:
    choose(stop=st.session_state[STOP_PICKER] or None)


def on_theme_picked() -> None:
    choose(theme=st.session_state[THEME_PICKER])


def on_trip_picked() -> None:
    choose(trip=st.session_state[TRIP_PICKER])


def on_lang_picked() -> None:
    choose(lang=st.session_state[LANG_PICKER] or selection().lang)
