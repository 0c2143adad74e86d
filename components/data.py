"""The data edge: which trips there are, this run's data version, and every value
built from a trip, cached per data version (a folder and its files' fingerprint)."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from components.framework import arrow_datasets
from trip.aggregate import Trip
from trip.basemap import BASEMAP_FILE, load_basemap
from trip.briefing import app_assets, briefing_html
from trip.calendar import program_calendar
from trip.errors import DataFileError
from trip.history import EarlierVisit
from trip.history import earlier_visits as find_earlier_visits
from trip.index import TripIndex
from trip.index import look as look_at_folder
from trip.loading import check_trip, load_trip
from trip.pack import pack_html
from trip.paths import TRIPS_DIR
from trip.schema import DATA_FILES
from trip.stops import StopSummary, summarize
from trip.timeline_chart import timeline_chart
from trip.trade import trade_charts
from trip.trade_chart import trade_chart_spec
from trip.versions import LastGood, files_fingerprint

DATA_VERSION = "data_version"  # this run's data fingerprint, see refresh_data_version
TRIPS_INDEX_KEY = "trips_index"  # this run's look at data/trips, likewise


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
    return st.session_state.get(TRIPS_INDEX_KEY) or look_at_trips()


def look_at_trips() -> TripIndex:
    """The trips folder now: trips come and go, and the default changes, at the
    next run of every session on every replica (``trip.index``)."""
    index = look_at_folder(trips_dir())
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


@st.cache_data(show_spinner=False, max_entries=32)
def _briefing(directory: str, fingerprint: tuple, lang: str, start: str) -> str:
    trip = _trip(directory, fingerprint)
    summaries = _summaries(directory, fingerprint)
    return briefing_html(trip, summaries, lang, start, app_assets())


@st.cache_data(show_spinner=False, max_entries=4)
def _pack(directory: str, fingerprint: tuple, lang: str) -> bytes:
    trip = _trip(directory, fingerprint)
    return pack_html(trip, lang, _summaries(directory, fingerprint)).encode("utf-8")


@st.cache_data(show_spinner=False, max_entries=128)
def _timeline_spec(
    directory: str, fingerprint: tuple, lang: str, stop: str | None, theme: str | None
) -> dict:
    trip = _trip(directory, fingerprint)
    summaries = _summaries(directory, fingerprint)
    return arrow_datasets(timeline_chart(summaries, trip, lang, stop, theme).to_dict())


@st.cache_data(show_spinner=False, max_entries=16)
def _trade_spec(directory: str, fingerprint: tuple, lang: str, chart_id: str) -> dict:
    trip = _trip(directory, fingerprint)
    chart = next(chart for chart in trade_charts(trip) if chart.chart_id == chart_id)
    return arrow_datasets(trade_chart_spec(chart, trip, lang))


@dataclass(frozen=True, eq=False)
class TripView:
    """One trip at one data version, as the pages hand it down to the
    components: its data, its stops' summaries, and what is built from them,
    each cached per version (so a component never reaches back up for them)."""

    version: tuple[str, tuple]  # the trip's folder and its files' fingerprint
    trip: Trip
    summaries: tuple[StopSummary, ...]

    def timeline_spec(self, lang: str, stop: str | None, theme: str | None) -> dict:
        """The timeline's Vega-Lite spec, once per version, language and
        selection: Altair's validation took 55 ms of every rerun (issue 9)."""
        return _timeline_spec(*self.version, lang, stop, theme)

    def trade_spec(self, lang: str, chart_id: str) -> dict:
        return _trade_spec(*self.version, lang, chart_id)

    def calendar(self, lang: str) -> bytes:
        """The programme as .ics."""
        return _calendar(*self.version, lang)

    def briefing_document(self, lang: str, start: str) -> str:
        """The briefing deck for the app, opening at step ``start``."""
        return _briefing(*self.version, lang, start)

    def briefing_pack(self, lang: str) -> bytes:
        """The self-contained briefing pack (about 0.6 MB, once per language)."""
        return _pack(*self.version, lang)


# A cached function that takes a view is keyed on its data version.
BY_VERSION = {TripView: lambda view: view.version}


def current() -> TripView:
    """This run's trip, as the pages hand it down."""
    directory, fingerprint = data_version()
    return TripView(
        (directory, fingerprint),
        _trip(directory, fingerprint),
        _summaries(directory, fingerprint),
    )


def refresh_data_version(requested: str | None) -> tuple[str, tuple]:
    """Look at the requested trip's files (None: the default trip) once per run
    (app.py calls this after ``look_at_trips``, with the selection's
    ``requested_trip``), so that an edit shows on the next rerun; later calls in
    the run, and the callbacks of the next, reuse the result."""
    directory, on_disk = _version_of(requested)
    st.session_state[DATA_VERSION] = (directory, on_disk)  # what a problem names
    shown, _ = LAST_GOOD.show(directory, on_disk, _loaded)
    st.session_state[DATA_VERSION] = (directory, shown)
    return directory, shown


def data_version() -> tuple[str, tuple]:
    """The data folder and its files' fingerprint: the key of every cached value
    built from the data. Before any run has looked, the default trip's."""
    if DATA_VERSION not in st.session_state:
        look_at_trips()
        return refresh_data_version(None)
    return st.session_state[DATA_VERSION]


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


def earlier_visits(trip: Trip) -> dict[str, EarlierVisit]:
    """The trip's countries that another listed trip visited before, by country,
    from the index (titles and legs only). A broken trip is skipped here; the
    picker still lists it."""
    others = [listed for listed in trips_index().trips if listed.problem is None]
    return find_earlier_visits(trip, others)


def check_basemap() -> int:
    """Validate the shipped basemap; ``TRIP_BASEMAP`` lets tests break a copy."""
    path = Path(os.environ.get("TRIP_BASEMAP", str(BASEMAP_FILE)))
    return _check_basemap(
        str(path), files_fingerprint(path.parent, path.name, by_content=False)
    )
