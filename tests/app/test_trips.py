"""Trips as folders (issue 10): ``?trip=`` opens one, the default needs none.

A trips folder of two trips made in code (tests/factory/): the default and a
second one with another title, a fourth stop and another home, as staff would
prepare a new trip beside an old one; a third, ``_template``, is never listed.
The bundled trips' own list is the last test.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.app.conftest import as_read, open_app, page_text, query_param
from tests.conftest import replace_in
from tests.factory import PLACES, TripSpec, write_trip, write_trips
from trip.discovery import default_trip_id, trip_ids
from trip.loading import check_trip, load_trip
from trip.paths import TRIPS_DIR, TRIPS_INDEX

FIRST = TripSpec(trip_id="first", title="Erste Reise")
SECOND = TripSpec(
    trip_id="second",
    title="Zweite Reise",
    places=PLACES,
    home=("Leipzig", "Europe/Berlin"),
)
DEFAULT, OTHER = FIRST.trip_id, SECOND.trip_id
ONLY_SECOND = PLACES[3].stop_id.title()  # "Delta": a stop the default trip lacks
SHARED = PLACES[0].stop_id  # a stop id both trips have


@pytest.fixture
def two_trips(tmp_path: Path, monkeypatch) -> Path:
    root = write_trips(tmp_path / "trips", FIRST, SECOND)
    write_trip(root, TripSpec(trip_id="_template"))  # never listed
    monkeypatch.setenv("TRIPS_DIR", str(root))
    return root


def test_a_second_trip_opens_under_its_id(two_trips):
    at = open_app(trip=OTHER)
    assert not at.exception
    assert ONLY_SECOND in page_text(at)
    assert as_read(at.title[0].value) == SECOND.title
    assert at.session_state["selection"].trip == OTHER
    assert query_param(at, "trip") == OTHER


def test_without_trip_the_default_trip_opens(two_trips):
    at = open_app(stop=SHARED)
    assert ONLY_SECOND not in page_text(at)
    assert as_read(at.title[0].value) == FIRST.title
    assert at.session_state["selection"].trip is None
    assert at.session_state["selection"].stop == SHARED
    assert query_param(at, "trip") is None


def test_the_default_trip_s_id_is_the_same_link_as_none(two_trips):
    at = open_app(trip=DEFAULT, stop=SHARED)
    assert at.session_state["selection"].trip is None
    assert at.session_state["selection"].stop == SHARED
    assert query_param(at, "trip") is None


def test_an_unknown_trip_gets_a_notice_and_the_default(two_trips):
    for unknown in ("atlantis", "_template"):
        at = open_app(lang="en", trip=unknown)
        assert not at.exception
        assert at.session_state["selection"].trip is None
        assert any("trip" in as_read(w.value) for w in at.warning)
        assert ONLY_SECOND not in page_text(at)


def test_the_trip_picker_lists_the_trips_and_switches(two_trips):
    at = open_app(stop=SHARED)
    picker = at.selectbox(key="trip_picker")
    assert picker.options == [FIRST.title, SECOND.title]
    picker.set_value(OTHER).run()
    assert at.session_state["selection"].trip == OTHER
    assert at.session_state["selection"].stop is None  # stops are the trip's
    assert ONLY_SECOND in page_text(at)


def test_one_trip_needs_no_picker(tmp_path, monkeypatch):
    monkeypatch.setenv("TRIPS_DIR", str(write_trips(tmp_path / "trips", FIRST)))
    at = open_app()
    assert not at.error
    assert not [box for box in at.selectbox if box.key == "trip_picker"]
    assert open_app(lang="en").selectbox(key="stop_picker")


def test_a_broken_trip_names_its_file_and_the_others_stay_up(two_trips):
    replace_in(two_trips / OTHER / "stops.csv", ",52.52,", ",152.52,")
    at = open_app(trip=OTHER)
    assert not at.exception
    assert "Feld: lat" in as_read(at.error[0].value)
    at = open_app()
    assert not at.error
    picker = at.selectbox(key="trip_picker")
    # Listed by its title: the index reads only trip.csv and legs.csv.
    assert picker.options[1] == SECOND.title


def test_a_trip_whose_title_cannot_be_read_is_listed_by_its_id(two_trips):
    replace_in(two_trips / OTHER / "trip.csv", SECOND.title, "\x00")
    at = open_app()
    assert not at.error
    assert at.selectbox(key="trip_picker").options[1] == OTHER


def test_the_home_clock_is_the_trip_s(two_trips):
    """A local time is converted to the trip's home, as its trip.csv names it."""
    at = open_app("itinerary", trip=OTHER, lang="en")
    assert "in Leipzig, converted" in page_text(at)
    assert "in Dresden, converted" not in page_text(at)
    at = open_app("itinerary", lang="en")
    assert "in Dresden, converted" in page_text(at)


def test_trips_with_one_title_stay_apart(two_trips):
    """Regression: with two trips titled alike (here in English only), the
    picker's label named the second, and a page change switched trips."""
    english = load_trip(two_trips / DEFAULT).info.title("en")
    replace_in(two_trips / OTHER / "trip.csv", f",{SECOND.title} (en),", f",{english},")
    at = open_app("itinerary", lang="en")
    assert at.session_state["selection"].trip is None
    options = at.selectbox(key="trip_picker").options
    assert len(set(options)) == 2
    assert options[0].startswith(english)
    assert options[1] == f"{english} ({OTHER})"


def test_the_template_becomes_a_trip_as_the_readme_says(two_trips):
    """README "Add a trip": copy the template, fill it in, check it, open it."""
    new = two_trips / "2099-example"
    shutil.copytree(TRIPS_DIR / "_template", new)
    assert check_trip(new) == []
    replace_in(new / "stops.csv", "Example city", "Model town")
    assert check_trip(new) == []
    at = open_app(trip="2099-example", lang="en")
    assert not at.exception
    assert not at.error
    assert "Model town" in page_text(at)
    assert at.session_state["selection"].trip == "2099-example"
    replace_in(new / "legs.csv", "2099-02-05", "2099-02-31")
    (problem,) = check_trip(new)
    assert (problem.file, problem.row, problem.field) == ("legs.csv", 2, "date_end")


def test_the_app_shows_the_check_s_report(two_trips):
    """A broken trip's panel lists what ``python -m trip check`` lists (the first
    eight, then a count), and the other trips stay up."""
    broken = two_trips / OTHER
    replace_in(broken / "stops.csv", ",52.52,13.405,", ",152.52,213.405,")
    replace_in(broken / "themes.csv", "theme-a,", "Theme-A!,")
    at = open_app(trip=OTHER, lang="en")
    assert len(at.error) == 1
    panel = as_read(at.error[0].value)
    for field in ("lat", "lon", "theme_id"):
        assert f"· field: {field}" in panel
    assert panel.count("File: ") == len(check_trip(broken)) == 3
    text = (broken / "program.csv").read_text("utf-8")  # many broken dates
    (broken / "program.csv").write_text(text.replace(",2031-03-", ",2031-13-"), "utf-8")
    at = open_app(trip=OTHER, lang="en")
    panel = as_read(at.error[0].value)
    assert panel.count("File: ") == 8
    assert f"and {len(check_trip(broken)) - 8} more problems" in panel
    assert not open_app(lang="en").error


def test_a_trip_folder_added_while_the_app_runs_is_listed_at_the_next_run(two_trips):
    """Issue 18: the trip list is discovered at every run, not remembered."""
    at = open_app()
    assert at.selectbox(key="trip_picker").options == [FIRST.title, SECOND.title]
    shutil.copytree(two_trips / OTHER, two_trips / "added-later")
    replace_in(two_trips / "added-later" / "trip.csv", SECOND.title, "Spätere Reise")
    at.run()
    assert any(
        option.startswith("Spätere Reise")
        for option in at.selectbox(key="trip_picker").options
    )


def test_a_new_default_in_trips_toml_shows_at_the_next_run(two_trips):
    at = open_app()
    assert as_read(at.title[0].value) == FIRST.title
    (two_trips / TRIPS_INDEX).write_text(f'default = "{OTHER}"\n', encoding="utf-8")
    at.run()
    assert as_read(at.title[0].value) == SECOND.title


def test_a_removed_trip_folder_leaves_the_list_at_the_next_run(two_trips):
    at = open_app()
    assert len(at.selectbox(key="trip_picker").options) == 2
    shutil.rmtree(two_trips / OTHER)
    at.run()
    assert not at.exception
    assert not [box for box in at.selectbox if box.key == "trip_picker"]


def test_a_session_whose_trip_vanished_gets_the_default_trip_and_a_notice(two_trips):
    """Before: the session kept ?trip= of a folder that was gone, on a red panel
    with no controls."""
    at = open_app(trip=OTHER, stop=SHARED)
    assert ONLY_SECOND in page_text(at)
    shutil.rmtree(two_trips / OTHER)
    at.run()
    assert not at.exception
    assert not at.error
    assert at.session_state["selection"].trip is None
    assert at.session_state["selection"].stop is None
    assert query_param(at, "trip") is None
    notices = " ".join(as_read(w.value) for w in at.warning)
    assert f"„{OTHER}“ („trip“) gibt es in den Daten nicht mehr" in notices
    assert ONLY_SECOND not in page_text(at)


def rename_stop(folder: Path, old: str, new: str) -> None:
    """What staff do to rename a stop: its id in every file that names it."""
    as_id = re.compile(rf"(?<![\w/.-]){re.escape(old)}(?![\w/.-])")
    for path in folder.glob("*.csv"):
        path.write_text(as_id.sub(new, path.read_text("utf-8")), "utf-8")
    assert not check_trip(folder)


@pytest.mark.parametrize("page", ["overview", "itinerary", "briefing"])
def test_a_stop_renamed_under_an_open_session_is_a_notice(two_trips, page):
    """Before: the next tap raised KeyError (overview) or StopIteration
    (itinerary)."""
    stop = FIRST.places[1].stop_id
    at = open_app(page, lang="en", stop=stop)
    assert at.session_state["selection"].stop == stop
    rename_stop(two_trips / DEFAULT, stop, f"{stop}-city")
    at.run()
    assert not at.exception
    assert not at.error
    assert at.session_state["selection"].stop is None
    assert query_param(at, "stop") is None
    if page != "briefing":  # the deck fills the screen, without the frame's notices
        notices = " ".join(as_read(w.value) for w in at.warning)
        assert f"“{stop}” (stop) is no longer in the data" in notices


# The bundled trips' own list, the one fact of data/trips here.


def test_the_bundled_trips_are_listed_and_2023_opens_without_a_link(monkeypatch):
    monkeypatch.delenv("TRIPS_DIR", raising=False)
    assert trip_ids() == ("2015-korea", "2017-japan", "2023-japan-korea")
    assert default_trip_id() == "2023-japan-korea"
    titles = [load_trip(TRIPS_DIR / trip_id).info.title("de") for trip_id in trip_ids()]
    at = open_app()
    assert at.selectbox(key="trip_picker").options == titles
    assert as_read(at.title[0].value) == titles[-1]


def test_the_template_is_never_listed():
    assert "_template" not in trip_ids()
    assert (TRIPS_DIR / "_template" / "trip.csv").is_file()
